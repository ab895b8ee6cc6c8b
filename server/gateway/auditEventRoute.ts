/**
 * `GET /audit/AuditEvent` (contract §5): the auditor's reading of the trail as a FHIR R4 `searchset` Bundle of
 * AuditEvents (IHE BALP), newest first, searched by `patient`, `agent`, `date`, `entity` and `_count`
 * (auditSearch.ts). Auditors only: no user is 401, a user without the auditor role 403, a bad parameter 400, each
 * with an OperationOutcome (FHIR R4 §3.1.0.4). The reading itself is recorded by auditAccess.ts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseAuditSearch } from '../audit/auditSearch.ts';
import { searchTrail } from '../audit/auditTrail.ts';
import type { AppDatabase } from '../db/databaseSchema.ts';
import { hasRole } from '../auth/requestUser.ts';
import { splitRawUrl } from './upstreamPath.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

type IssueCode = 'login' | 'forbidden' | 'invalid' | 'exception';

/** A FHIR R4 OperationOutcome with one error issue. */
export function operationOutcome(code: IssueCode, diagnostics: string): Record<string, unknown> {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

function answer(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).header('content-type', FHIR_JSON).header('cache-control', 'no-store').send(body);
}

export function auditEventRoute(app: FastifyInstance, options: { db: AppDatabase; publicUrl?: string | undefined }): void {
  app.get('/audit/AuditEvent', async (request, reply) => {
    if (!request.user) return answer(reply, 401, operationOutcome('login', 'sign in to read the audit trail'));
    if (!hasRole(request.user, 'auditor')) {
      return answer(reply, 403, operationOutcome('forbidden', `the roles of ${request.user.id} do not include auditor: the audit trail is for auditors only`));
    }
    const { query } = splitRawUrl(request.raw.url ?? '/');
    const parsed = parseAuditSearch(new URLSearchParams(query));
    if (!parsed.ok) return answer(reply, 400, operationOutcome('invalid', parsed.error));
    const origin = (options.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    try {
      const bundle = await searchTrail(options.db, parsed.search, {
        self: `${origin}/audit/AuditEvent${query ? `?${query}` : ''}`,
        base: `${origin}/audit`,
      });
      return answer(reply, 200, bundle);
    } catch (error) {
      request.log.error(error);
      return answer(reply, 503, operationOutcome('exception', 'the audit trail cannot be read at the moment'));
    }
  });
}
