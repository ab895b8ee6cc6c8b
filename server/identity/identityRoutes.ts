/**
 * The identity cross-reference manager's FHIR R4 interface under `/identity/fhir` (contract §6):
 * - ITI-104 Patient Identity Feed: `PUT Patient?identifier=system|value` (conditional update or create), a merge
 *   through `link` of type `replaced-by`, and `DELETE Patient?identifier=system|value`. For feeding systems only,
 *   each with a bearer token from the client-credentials grant whose scope `feed:<system>` names the identifier
 *   system it may feed (server/auth/bearerTokens.ts checks the token); another system is refused with 403.
 * - ITI-83 PIXm: `GET Patient/$ihe-pix?sourceIdentifier=system|value[&targetSystem=…]`, with the 400, 403 and 404
 *   answers of ITI TF-2 §3.83.4.2.3; an INS as source answers every site's local identifier of that person. While the
 *   manager learns the archives' patients (its first harvest), it and PDQm answer 503 with `Retry-After`.
 * - ITI-78 PDQm: `GET Patient?family=…&given=…&birthdate=…&gender=…&identifier=…` (a searchset Bundle) and
 *   `GET Patient/{id}`.
 * - `GET metadata`: the CapabilityStatement.
 * Queries are for signed-in clinicians (the gateway's access rules); every feed, merge, deletion and query goes into
 * the audit trail with the feeding client or the user.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditAction, AuditOutcome } from '../audit/auditRecord.ts';
import type { AuditTrail } from '../audit/startAuditTrail.ts';
import type { BearerClient, BearerTokenVerifier } from '../auth/bearerTokens.ts';
import { gatewayOrigin } from '../auth/requestOrigin.ts';
import type { JsonObject } from '../db/databaseSchema.ts';
import { capabilityStatement, FHIR_JSON, operationOutcome, pixParameters, searchsetBundle, type IssueCode } from './fhirResources.ts';
import { identifierToken, targetSystemsOf } from './fhirTokens.ts';
import type { IdentityManager } from './identityManager.ts';
import { parsePdqmQuery } from './pdqmQuery.ts';
import { patientResource, readFedPatient } from './patientResource.ts';
import { canonicalSystem, type RecordIdentifier } from './patientTraits.ts';

export const IDENTITY_FHIR_BASE = '/identity/fhir';

/** The scope that lets a feeding client send identities of this identifier system. */
export const FEED_SCOPE_PREFIX = 'feed:';

export interface IdentityRoutesOptions {
  manager: IdentityManager;
  audit?: AuditTrail | undefined;
  /** Checks feeding clients' tokens; without it (no `auth` configured), every feed is refused with 401. */
  bearer?: BearerTokenVerifier | undefined;
  publicUrl?: string | undefined;
  /**
   * True while the manager is still learning the archives' patients (the first harvest, identityHarvest.ts): PIXm
   * and PDQm then answer 503 with `Retry-After`, so that a client waits or says the service is not ready, rather
   * than take an incomplete answer for "known at one site only".
   */
  learning?: (() => boolean) | undefined;
}

/** How long a client is told to wait while the manager learns (seconds): the demo's first harvest takes about that. */
const LEARNING_RETRY_AFTER_S = 1;

/** The identifier systems a feeding client's scopes let it feed. */
export function feedableSystems(client: BearerClient): string[] {
  return client.scopes.filter((scope) => scope.startsWith(FEED_SCOPE_PREFIX)).map((scope) => canonicalSystem(scope.slice(FEED_SCOPE_PREFIX.length)));
}

function queryOf(request: FastifyRequest): URLSearchParams {
  const url = request.raw.url ?? '';
  const question = url.indexOf('?');
  return new URLSearchParams(question < 0 ? '' : url.slice(question + 1));
}

function send(reply: FastifyReply, status: number, resource: JsonObject | undefined): FastifyReply {
  reply.code(status).header('cache-control', 'no-store');
  if (resource === undefined) return reply.send();
  return reply.header('content-type', FHIR_JSON).send(JSON.stringify(resource));
}

function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status >= 400 ? 'failed' : 'success';
}

export async function registerIdentityRoutes(app: FastifyInstance, options: IdentityRoutesOptions): Promise<void> {
  const { manager } = options;
  const clients = new WeakMap<FastifyRequest, BearerClient>();
  const baseOf = (request: FastifyRequest) => `${gatewayOrigin(request, options.publicUrl)}${IDENTITY_FHIR_BASE}`;

  /** Answers, and writes the trail: who (the feeding client or the user), what, about whom, with what outcome. */
  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    resource: JsonObject | undefined,
    trail: { action: AuditAction; patient?: RecordIdentifier | undefined; detail?: JsonObject },
  ) => {
    const client = clients.get(request);
    const user = client
      ? { id: client.clientId, name: `feeding system ${client.clientId}`, roles: [] }
      : request.user
        ? { id: request.user.id, ...(request.user.name !== undefined ? { name: request.user.name } : {}), roles: request.user.roles, ...(request.user.organisation !== undefined ? { organisation: request.user.organisation } : {}) }
        : undefined;
    const failure: JsonObject = status >= 400 && resource?.resourceType === 'OperationOutcome' ? { status, reason: String((resource.issue as JsonObject[])[0]?.diagnostics ?? '') } : {};
    options.audit?.record({
      recordedAt: new Date(),
      ...(user ? { user } : {}),
      clientAddress: request.ip,
      action: trail.action,
      outcome: outcomeOf(status),
      ...(trail.patient ? { patient: { id: trail.patient.value, system: trail.patient.system } } : {}),
      detail: { ...(trail.detail ?? {}), ...failure },
    });
    return send(reply, status, resource);
  };

  /** 503 while the manager learns (see `learning`); undefined when it may answer. */
  const notYet = (request: FastifyRequest, reply: FastifyReply, trail: { action: AuditAction; patient?: RecordIdentifier | undefined; detail?: JsonObject }) => {
    if (!options.learning?.()) return undefined;
    reply.header('retry-after', String(LEARNING_RETRY_AFTER_S));
    const why = "the identity manager is learning the archives' patients (its first harvest is under way): try again in a moment";
    return answer(request, reply, 503, operationOutcome('transient', why), trail);
  };

  if (!app.hasContentTypeParser('application/fhir+json')) {
    app.addContentTypeParser('application/fhir+json', { parseAs: 'string', bodyLimit: 1_048_576 }, app.getDefaultJsonParser('error', 'error'));
  }

  /** Feeds are for bearer clients: checked before the body is read, so that a caller without a token learns nothing. */
  const requireFeedingClient = async (request: FastifyRequest, reply: FastifyReply) => {
    const action: AuditAction = request.method === 'DELETE' ? 'identity-delete' : 'identity-feed';
    const refuse = (status: number, code: IssueCode, diagnostics: string) => {
      if (status === 401) reply.header('www-authenticate', 'Bearer');
      return answer(request, reply, status, operationOutcome(code, diagnostics), { action, detail: { criteria: { query: request.raw.url?.split('?')[1] ?? '' } } });
    };
    if (!options.bearer) return refuse(401, 'login', 'feeds need a bearer token from the configured identity provider, and this server has no auth configured');
    const verdict = await options.bearer.verify(request.headers.authorization);
    if (!verdict.ok) return refuse(verdict.status, verdict.status === 503 ? 'transient' : 'login', verdict.reason);
    clients.set(request, verdict.client);
  };

  /** The record a conditional request names, and whether its client may feed that system. */
  const fedIdentifier = (request: FastifyRequest, reply: FastifyReply, action: AuditAction): RecordIdentifier | undefined => {
    const values = queryOf(request).getAll('identifier');
    const identifier = values.length === 1 ? identifierToken(values[0] ?? '') : undefined;
    if (!identifier) {
      answer(request, reply, 400, operationOutcome('invalid', 'a conditional request needs exactly one identifier=system|value'), { action });
      return undefined;
    }
    const client = clients.get(request);
    if (!client || !feedableSystems(client).includes(identifier.system)) {
      answer(request, reply, 403, operationOutcome('forbidden', `the client ${client?.clientId ?? ''} may not feed identifiers of ${identifier.system}`), { action, patient: identifier });
      return undefined;
    }
    return identifier;
  };

  app.put(`${IDENTITY_FHIR_BASE}/Patient`, { config: { access: 'bearer' }, onRequest: requireFeedingClient }, async (request, reply) => {
    const identifier = fedIdentifier(request, reply, 'identity-feed');
    if (!identifier) return reply;
    const fed = readFedPatient(request.body, identifier);
    if (!fed.ok) return answer(request, reply, 400, operationOutcome('invalid', fed.diagnostics), { action: 'identity-feed', patient: identifier });
    const actor = clients.get(request)?.clientId ?? 'unknown client';
    if (fed.replacedBy) {
      const merged = await manager.merge(identifier, fed.replacedBy, actor);
      const trail = { action: 'identity-merge' as const, patient: identifier, detail: { replacedBy: `${fed.replacedBy.system}|${fed.replacedBy.value}` } };
      if (!merged) return answer(request, reply, 404, operationOutcome('not-found', `no patient ${identifier.system}|${identifier.value} to merge`), trail);
      if (!merged.ok) {
        const why = {
          'surviving-unknown': `the surviving patient ${fed.replacedBy.system}|${fed.replacedBy.value} is not known`,
          'same-record': 'a patient cannot be replaced by itself',
          'other-domain': 'a merge stays within one identifier system',
        }[merged.reason];
        return answer(request, reply, 422, operationOutcome('processing', why), trail);
      }
      const resource = { ...patientResource(merged.subsumed), link: [{ type: 'replaced-by', other: { reference: `Patient/${merged.surviving.id}`, identifier: { system: fed.replacedBy.system, value: fed.replacedBy.value } } }] };
      return answer(request, reply, 200, resource, { ...trail, detail: { ...trail.detail, person: merged.surviving.personId } });
    }
    const result = await manager.feed(identifier, fed.traits, actor, request.body as JsonObject);
    if (result.created) reply.header('location', `${baseOf(request)}/Patient/${result.record.id}`);
    return answer(request, reply, result.created ? 201 : 200, patientResource(result.record), {
      action: 'identity-feed',
      patient: identifier,
      detail: { created: result.created, person: result.record.personId, matching: result.matching.compared.map((entry) => ({ ...entry })) },
    });
  });

  app.delete(`${IDENTITY_FHIR_BASE}/Patient`, { config: { access: 'bearer' }, onRequest: requireFeedingClient }, async (request, reply) => {
    const identifier = fedIdentifier(request, reply, 'identity-delete');
    if (!identifier) return reply;
    const removed = await manager.remove(identifier, clients.get(request)?.clientId ?? 'unknown client');
    if (!removed) return answer(request, reply, 404, operationOutcome('not-found', `no patient ${identifier.system}|${identifier.value}`), { action: 'identity-delete', patient: identifier });
    return answer(request, reply, 204, undefined, { action: 'identity-delete', patient: identifier, detail: { record: removed.id } });
  });

  app.get(`${IDENTITY_FHIR_BASE}/metadata`, async (request, reply) => send(reply, 200, capabilityStatement(baseOf(request))));

  // PDQm (ITI-78).
  app.get(`${IDENTITY_FHIR_BASE}/Patient`, async (request, reply) => {
    const query = queryOf(request);
    const criteria: JsonObject = { path: 'Patient', query: Object.fromEntries(query) };
    const parsed = parsePdqmQuery(query);
    const identifier = identifierToken(query.get('identifier') ?? '');
    const trail = { action: 'identity-lookup' as const, patient: identifier, detail: { criteria } };
    if (!parsed.ok) return answer(request, reply, 400, operationOutcome('invalid', parsed.diagnostics), trail);
    const learning = notYet(request, reply, trail);
    if (learning) return learning;
    const records = await manager.search(parsed.search);
    const self = `${baseOf(request)}/Patient${query.size > 0 ? `?${query.toString()}` : ''}`;
    return answer(request, reply, 200, searchsetBundle(baseOf(request), records.map(patientResource), self), { ...trail, detail: { criteria, total: records.length } });
  });

  // PIXm (ITI-83) and the Patient read.
  app.get<{ Params: { id: string } }>(`${IDENTITY_FHIR_BASE}/Patient/:id`, async (request, reply) => {
    const query = queryOf(request);
    if (request.params.id !== '$ihe-pix') {
      const record = await manager.read(request.params.id);
      const trail = { action: 'identity-lookup' as const, patient: record?.identifier, detail: { criteria: { path: `Patient/${request.params.id}` } } };
      if (!record) return answer(request, reply, 404, operationOutcome('not-found', `no Patient/${request.params.id}`), trail);
      return answer(request, reply, 200, patientResource(record), trail);
    }
    const criteria: JsonObject = { path: 'Patient/$ihe-pix', query: Object.fromEntries(query) };
    const sources = query.getAll('sourceIdentifier');
    const source = sources.length === 1 ? identifierToken(sources[0] ?? '') : undefined;
    if (!source) {
      const diagnostics = sources.length === 0 ? 'sourceIdentifier is required' : sources.length > 1 ? 'sourceIdentifier must be given once' : `sourceIdentifier "${sources[0] ?? ''}" is not system|value`;
      return answer(request, reply, 400, operationOutcome('invalid', diagnostics), { action: 'identity-lookup', detail: { criteria } });
    }
    const trail = { action: 'identity-lookup' as const, patient: source, detail: { criteria } };
    const learning = notYet(request, reply, trail);
    if (learning) return learning;
    const result = await manager.crossReference(source, targetSystemsOf(query.getAll('targetSystem')));
    if (!result.ok) return answer(request, reply, result.status, operationOutcome(result.code, result.diagnostics), trail);
    return answer(request, reply, 200, pixParameters(result.targetIdentifiers, result.targetIds), trail);
  });
}
