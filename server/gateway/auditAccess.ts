/**
 * The gateway writes the audit trail (contract §5): every view of a study, search, identity look-up and reading of
 * the trail, by the user the gateway attached to the request, from the request's address, with its outcome.
 *
 * - A view (any request under `/sites/{id}/dicom-web/studies/{StudyInstanceUID}/…`) is recorded before any of its
 *   data leaves: the study's patient is asked of the archive once (studyPatients.ts), then `recordView` queues the
 *   record in the batched writer, coalesced into one record per user, site and study per viewing. While the trail
 *   cannot be written, new views are refused with 503 rather than served untraced. When the archive cannot be asked
 *   for the patient (unreachable, silent, marked down, busy), the view gets the answer the proxy would have given
 *   (502, 504, 503), so the browser reads the archive's trouble as usual; it gets no data either way.
 * - Searches, look-ups and readings of the trail are recorded once answered, with their criteria and outcome.
 * - A refused or failed request (401 or 403, a 503 refusal, an upstream failure) is recorded with its outcome and
 *   reason; for views, once per user, study, site and status per viewing window, not once per frame.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditOutcome } from '../audit/auditRecord.ts';
import type { AuditTrail } from '../audit/startAuditTrail.ts';
import { createViewCoalescer } from '../audit/viewCoalescing.ts';
import type { JsonObject } from '../db/databaseSchema.ts';
import type { RequestUser } from '../auth/requestUser.ts';
import { accessKind, searchedPatientId, type AccessKind } from './accessKind.ts';
import type { PatientSite, StudyPatient } from './studyPatient.ts';
import { troubleAnswer } from './guardedQuery.ts';
import { createStudyPatients, type StudyPatients } from './studyPatients.ts';
import type { UpstreamGuard } from './upstreamGuard.ts';
import { splitRawUrl } from './upstreamPath.ts';

export interface AuditAccessOptions {
  audit: AuditTrail;
  sites: ReadonlyMap<string, PatientSite & { dicomweb: string }>;
  guards: ReadonlyMap<string, UpstreamGuard>;
  /** The patients of studies; by default asked of each site's archive through its guard. */
  studyPatients?: StudyPatients;
}

/** The message of the 503 answered while the trail cannot be written. */
export const AUDIT_TRAIL_DOWN =
  'the audit trail cannot be written at the moment: Passerelle shows no images it cannot record; try again shortly';

const ERROR_BODY_LIMIT = 4000;

export function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status >= 400 ? 'failed' : 'success';
}

function auditUser(user: RequestUser | undefined) {
  return user ? { id: user.id, name: user.name, roles: user.roles, organisation: user.organisation } : undefined;
}

function classify(request: FastifyRequest): AccessKind {
  const { path, query } = splitRawUrl(request.raw.url ?? '/');
  return accessKind(path, query);
}

export function auditAccess(app: FastifyInstance, options: AuditAccessOptions): void {
  const { audit, sites } = options;
  const patients = options.studyPatients ?? createStudyPatients({ sites, guards: options.guards });
  // Per request: the patient its view was recorded with, or why the gateway refused it.
  const viewed = new WeakMap<FastifyRequest, StudyPatient | undefined>();
  const reasons = new WeakMap<FastifyRequest, string>();
  const failedViewings = createViewCoalescer();

  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, message: string, extra: JsonObject = {}) => {
    reasons.set(request, message);
    return reply.code(status).header('cache-control', 'no-store').send({ error: message, ...extra });
  };

  app.addHook('preHandler', async (request, reply) => {
    const access = classify(request);
    // The trail's own route answers its refusals as FHIR OperationOutcomes (auditEventRoute.ts).
    if (access.kind === 'other' || access.kind === 'audit-read') return;
    if (!request.user) return refuse(request, reply, 401, 'sign in to see patient data');
    // Only a retrieve shows data; other methods are answered 405 by the proxy routes (and recorded as failed).
    if (access.kind !== 'view' || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    if (!audit.isHealthy()) return refuse(request, reply, 503, AUDIT_TRAIL_DOWN, { auditTrail: 'unavailable' });
    // An unknown site or a site marked down: the proxy answers, and the failure is recorded once answered.
    if (!sites.has(access.siteId) || options.guards.get(access.siteId)?.breaker.refusal()) return;
    const resolution = patients.cached(access.siteId, access.studyUid) ?? (await patients.resolve(access.siteId, access.studyUid));
    if (!resolution.ok) {
      // The archive cannot answer at all: the request gets what the proxy would have answered, and no data.
      const guard = options.guards.get(access.siteId);
      if (!resolution.trouble || !guard) return refuse(request, reply, 503, `the patient of study ${access.studyUid} could not be known for the audit trail: ${resolution.reason}`);
      const answer = troubleAnswer(guard, resolution.trouble);
      if (answer.retryAfter !== undefined) reply.header('retry-after', String(answer.retryAfter));
      reasons.set(request, String(answer.body.error));
      return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
    }
    const recorded = audit.recordView({
      at: new Date(),
      user: { id: request.user.id, name: request.user.name, roles: request.user.roles, organisation: request.user.organisation },
      clientAddress: request.ip,
      siteId: access.siteId,
      studyUid: access.studyUid,
      ...(resolution.patient ? { patient: resolution.patient } : {}),
    });
    if (!recorded) return refuse(request, reply, 503, AUDIT_TRAIL_DOWN, { auditTrail: 'unavailable' });
    viewed.set(request, resolution.patient);
  });

  // The reason of a refusal or failure, as the gateway or the upstream put it in its JSON answer.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400 && !reasons.has(request) && typeof payload === 'string' && payload.length < ERROR_BODY_LIMIT) {
      const error = errorOf(payload);
      if (error) reasons.set(request, error);
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const access = classify(request);
    if (access.kind === 'other') return;
    const status = reply.statusCode;
    const outcome = outcomeOf(status);
    if (access.kind === 'view' && outcome === 'success') return; // recorded before it was served
    const at = new Date(Date.now() - reply.elapsedTime);
    const failure: JsonObject = outcome === 'success' ? {} : { status, reason: reasons.get(request) ?? `HTTP ${status}` };
    const common = { recordedAt: at, user: auditUser(request.user), clientAddress: request.ip, outcome };
    switch (access.kind) {
      case 'view': {
        const key = { userId: request.user?.id ?? `address ${request.ip}`, siteId: access.siteId, studyUid: `${access.studyUid} ${status}`, at };
        if (!failedViewings.opensViewing(key)) return;
        const cached = patients.cached(access.siteId, access.studyUid);
        const patient = viewed.get(request) ?? (cached?.ok ? cached.patient : undefined);
        audit.record({ ...common, action: 'study-view', siteId: access.siteId, studyUid: access.studyUid, ...(patient ? { patient } : {}), detail: failure });
        return;
      }
      case 'search': {
        const site = sites.get(access.siteId);
        const patientId = site ? searchedPatientId(access.criteria) : undefined;
        const patient = site && patientId ? { id: patientId, issuer: site.issuerOfPatientId, system: site.patientIdSystem } : undefined;
        audit.record({ ...common, action: 'search', siteId: access.siteId, ...(patient ? { patient } : {}), detail: { criteria: access.criteria, ...failure } });
        return;
      }
      case 'identity-lookup':
      case 'audit-read': {
        const identifier = access.identifier;
        const patient = identifier ? { id: identifier.value, ...(identifier.system !== null ? { system: identifier.system } : {}) } : undefined;
        audit.record({ ...common, action: access.kind, ...(patient ? { patient } : {}), detail: { criteria: access.criteria, ...failure } });
        return;
      }
    }
  });
}

function errorOf(payload: string): string | undefined {
  try {
    const body = JSON.parse(payload) as { error?: unknown; issue?: { diagnostics?: unknown }[] };
    if (typeof body.error === 'string') return body.error;
    const diagnostics = body.issue?.[0]?.diagnostics;
    return typeof diagnostics === 'string' ? diagnostics : undefined;
  } catch {
    return undefined;
  }
}
