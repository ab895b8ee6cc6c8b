/**
 * The demo IHE PIXm Patient Identifier Cross-reference Manager: `GET [base]/Patient/$ihe-pix` answers the Mobile
 * Patient Identifier Cross-reference Query (ITI-83, IHE ITI TF-2 §3.83) from a fixed table of persons, and
 * `GET [base]/metadata` a CapabilityStatement. Query parameters (§3.83.4.1.2): `sourceIdentifier=system|value`
 * (exactly one), `targetSystem` (repeated or comma-separated, optional), `_format` (ignored: always JSON).
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { capabilityStatement, FHIR_JSON, operationOutcome, pixParameters } from './fhirResources.ts';
import { crossReference, type PixmIdentifier, type PixmPerson } from './pixmCrossReference.ts';

export { demoPixmPersons } from './demoPixmPersons.ts';
export type { PixmPerson } from './pixmCrossReference.ts';

export interface DemoPixmOptions {
  persons: readonly PixmPerson[];
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) lets the system choose. */
  port?: number;
}

export interface DemoPixmHandle {
  /** The FHIR base, e.g. `http://127.0.0.1:PORT/fhir`. */
  url: string;
  close(): Promise<void>;
}

const FHIR_PREFIX = '/fhir';

function queryParams(request: FastifyRequest): URLSearchParams {
  const url = request.raw.url ?? '';
  const question = url.indexOf('?');
  return new URLSearchParams(question < 0 ? '' : url.slice(question + 1));
}

/** Parses `system|value` (a FHIR token with both parts, ITI TF-2 §3.83.4.1.2.1). */
function parseSourceIdentifier(values: string[]): PixmIdentifier | string {
  if (values.length !== 1) return values.length === 0 ? 'sourceIdentifier is required' : 'sourceIdentifier must be given once';
  const text = values[0] ?? '';
  const bar = text.indexOf('|');
  const system = bar < 0 ? '' : text.slice(0, bar).trim();
  const value = bar < 0 ? '' : text.slice(bar + 1).trim();
  if (!system || !value) return `sourceIdentifier "${text}" is not system|value`;
  return { system, value };
}

function send(reply: FastifyReply, status: number, resource: object): FastifyReply {
  return reply.code(status).header('content-type', FHIR_JSON).send(JSON.stringify(resource));
}

export async function startDemoPixm(options: DemoPixmOptions): Promise<DemoPixmHandle> {
  const persons = options.persons;
  const app = Fastify({ logger: false });
  let baseUrl = '';

  app.get(`${FHIR_PREFIX}/metadata`, async (_request, reply) => send(reply, 200, capabilityStatement(baseUrl)));

  app.get<{ Params: { operation: string } }>(`${FHIR_PREFIX}/Patient/:operation`, async (request, reply) => {
    if (request.params.operation !== '$ihe-pix') {
      return send(reply, 404, operationOutcome('not-supported', `Patient/${request.params.operation} is not supported; use Patient/$ihe-pix`));
    }
    const query = queryParams(request);
    const source = parseSourceIdentifier(query.getAll('sourceIdentifier'));
    if (typeof source === 'string') return send(reply, 400, operationOutcome('invalid', source));
    const targetSystems = query
      .getAll('targetSystem')
      .flatMap((value) => value.split(','))
      .map((system) => system.trim())
      .filter((system) => system !== '');
    const answer = crossReference(persons, source, targetSystems);
    if (!answer.ok) return send(reply, answer.status, operationOutcome(answer.code, answer.diagnostics));
    return send(reply, 200, pixParameters(answer.targetIdentifiers, answer.patientId));
  });

  app.setNotFoundHandler((request, reply) => {
    send(reply, 404, operationOutcome('not-found', `no FHIR resource at ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
  app.setErrorHandler((error, _request, reply) => {
    send(reply, 500, operationOutcome('exception', error instanceof Error ? error.message : String(error)));
  });

  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}${FHIR_PREFIX}`;
  return { url: baseUrl, close: () => app.close() };
}
