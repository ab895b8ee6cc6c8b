/**
 * The identity officer's review (issue: identity review), JSON under `/identity/review/`, for the
 * `identity-officer` role only (server/auth/accessRules.ts); state-changing requests carry the CSRF header like
 * every other (server/auth/csrf.ts):
 * - `GET  queue?offset=&count=`                    open possible matches, both records side by side, oldest first
 * - `POST queue/{itemId}/decision`                 `{ choice: link | not-same | later, comment }`
 * - `GET  persons?q=`                              persons by family name, identifier or INS, with records and links
 * - `GET  persons/{personId}`                      one person, its records and their links
 * - `GET  persons/{personId}/history`              what happened to it: when, who, what, comment
 * - `POST records/{recordId}/unlink`               `{ comment }`: the record leaves its person for one of its own
 * Every decision goes into the audit trail (`identity-decision`, one record per patient record concerned, the
 * choice and comment in its detail). Answers are `cache-control: no-store`, as are PIXm's (identityRoutes.ts): an
 * undone link must not survive in any cache.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditOutcome } from '../audit/auditRecord.ts';
import type { AuditTrail } from '../audit/startAuditTrail.ts';
import type { AppDatabase, JsonObject } from '../db/databaseSchema.ts';
import { personHistory, recordsOfPerson, type StoredIdentityRecord } from '../db/identityStore.ts';
import { personExists, recordsById, reviewQueuePage, searchPersons } from '../db/identityReviewStore.ts';
import { identifierToken } from './fhirTokens.ts';
import type { Matcher } from './matcher.ts';
import { searchForm } from './patientTraits.ts';
import { decideQueueItem, unlinkRecord, type DecidingUser, type QueueChoice } from './reviewDecisions.ts';
import { reviewHistoryEvent, reviewRecord } from './reviewRecords.ts';

export const IDENTITY_REVIEW_BASE = '/identity/review';

export interface ReviewRoutesOptions {
  db: AppDatabase;
  /** The manager's matcher at the time of each decision (its weights are re-learnt after a harvest). */
  matcher: () => Matcher;
  audit?: AuditTrail | undefined;
  now?: () => Date;
}

const CHOICES: readonly QueueChoice[] = ['link', 'not-same', 'later'];
const MAX_COMMENT = 2000;
const MAX_PAGE = 100;

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

function fail(reply: FastifyReply, status: number, error: string): FastifyReply {
  return send(reply, status, { error });
}

function userOf(request: FastifyRequest): DecidingUser {
  return { id: request.user?.id ?? 'unknown', name: request.user?.name };
}

function commentOf(body: unknown): string | null | undefined {
  const comment = typeof body === 'object' && body !== null ? (body as { comment?: unknown }).comment : undefined;
  if (comment === undefined || comment === null) return null;
  if (typeof comment !== 'string') return undefined;
  const trimmed = comment.trim();
  return trimmed === '' ? null : trimmed.slice(0, MAX_COMMENT);
}

function pageNumber(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  if (!/^[0-9]{1,6}$/.test(value)) return undefined;
  return Math.min(Number(value), max);
}

async function personView(db: AppDatabase, personId: string) {
  return { id: personId, records: (await recordsOfPerson(db, personId)).map(reviewRecord) };
}

export async function registerReviewRoutes(app: FastifyInstance, options: ReviewRoutesOptions): Promise<void> {
  const { db, matcher } = options;
  const now = options.now ?? (() => new Date());

  const trail = (request: FastifyRequest, outcome: AuditOutcome, records: readonly StoredIdentityRecord[], detail: JsonObject) => {
    const user = request.user;
    const entry = {
      recordedAt: now(),
      ...(user ? { user: { id: user.id, ...(user.name !== undefined ? { name: user.name } : {}), roles: user.roles, ...(user.organisation !== undefined ? { organisation: user.organisation } : {}) } } : {}),
      clientAddress: request.ip,
      action: 'identity-decision' as const,
      outcome,
      detail: { ...detail, records: records.map((record) => `${record.identifier.system}|${record.identifier.value}`) },
    };
    if (records.length === 0) options.audit?.record(entry);
    for (const record of records) {
      options.audit?.record({ ...entry, patient: { id: record.identifier.value, system: record.identifier.system }, ...(record.sourceSite !== null ? { siteId: record.sourceSite } : {}) });
    }
  };

  const lookup = (request: FastifyRequest, records: readonly StoredIdentityRecord[], criteria: JsonObject) => {
    const user = request.user;
    const base = {
      recordedAt: now(),
      ...(user ? { user: { id: user.id, ...(user.name !== undefined ? { name: user.name } : {}), roles: user.roles } } : {}),
      clientAddress: request.ip,
      action: 'identity-lookup' as const,
      outcome: 'success' as const,
      detail: { criteria, review: true, total: records.length },
    };
    if (records.length === 0) options.audit?.record(base);
    for (const record of records) options.audit?.record({ ...base, patient: { id: record.identifier.value, system: record.identifier.system } });
  };

  app.get<{ Querystring: { offset?: string; count?: string } }>(`${IDENTITY_REVIEW_BASE}/queue`, async (request, reply) => {
    const offset = pageNumber(request.query.offset, 0, 1_000_000);
    const count = pageNumber(request.query.count, 20, MAX_PAGE);
    if (offset === undefined || count === undefined || count === 0) return fail(reply, 400, `offset and count must be whole numbers (count 1 to ${MAX_PAGE})`);
    const page = await reviewQueuePage(db, { offset, count });
    const records = await recordsById(db, page.entries.flatMap((entry) => [entry.recordA, entry.recordB]));
    const items = page.entries.flatMap((entry) => {
      const a = records.get(entry.recordA);
      const b = records.get(entry.recordB);
      if (!a || !b) return [];
      return [{ id: entry.id, createdAt: entry.createdAt.toISOString(), deferredAt: entry.deferredAt?.toISOString() ?? null, reason: entry.reason, records: [reviewRecord(a), reviewRecord(b)] }];
    });
    lookup(request, [...records.values()], { path: 'identity/review/queue', offset, count });
    return send(reply, 200, { total: page.total, offset, count, items });
  });

  app.post<{ Params: { itemId: string } }>(`${IDENTITY_REVIEW_BASE}/queue/:itemId/decision`, async (request, reply) => {
    const body = request.body as { choice?: unknown } | undefined;
    const choice = CHOICES.find((known) => known === body?.choice);
    const comment = commentOf(body);
    if (!choice) return fail(reply, 400, `choice must be one of ${CHOICES.join(', ')}`);
    if (comment === undefined) return fail(reply, 400, 'comment must be text');
    if (comment === null && choice !== 'later') return fail(reply, 400, `a comment is required to decide ${choice}`);
    const result = await decideQueueItem(db, matcher(), { itemId: request.params.itemId, choice, comment, user: userOf(request), at: now() });
    if (!result.ok) {
      trail(request, 'failed', [], { choice, ...(comment !== null ? { comment } : {}), item: request.params.itemId, status: result.status, reason: result.error });
      return fail(reply, result.status, result.error);
    }
    trail(request, 'success', result.records, { choice, ...(comment !== null ? { comment } : {}), item: request.params.itemId, decision: result.decisionId, persons: result.records.map((record) => record.personId) });
    return send(reply, 200, { decision: result.decisionId, choice, records: result.records.map(reviewRecord) });
  });

  app.get<{ Querystring: { q?: string } }>(`${IDENTITY_REVIEW_BASE}/persons`, async (request, reply) => {
    const q = (request.query.q ?? '').trim();
    if (q.length < 2 || q.length > 200) return fail(reply, 400, 'q: a family name, an identifier or an INS (2 to 200 characters)');
    const token = q.includes('|') ? identifierToken(q) : undefined;
    const name = searchForm(q);
    const ids = await searchPersons(db, {
      ...(token ? { identifier: token } : { identifier: { value: q } }),
      ...(!token && name.length >= 2 ? { searchName: name } : {}),
      limit: 20,
    });
    const persons = await Promise.all(ids.map((id) => personView(db, id)));
    lookup(request, [], { path: 'identity/review/persons', q });
    return send(reply, 200, { persons });
  });

  app.get<{ Params: { personId: string } }>(`${IDENTITY_REVIEW_BASE}/persons/:personId`, async (request, reply) => {
    if (!(await personExists(db, request.params.personId))) return fail(reply, 404, `no person ${request.params.personId}`);
    const person = await personView(db, request.params.personId);
    lookup(request, [], { path: `identity/review/persons/${request.params.personId}`, records: person.records.map((record) => `${record.system}|${record.value}`) });
    return send(reply, 200, person);
  });

  app.get<{ Params: { personId: string } }>(`${IDENTITY_REVIEW_BASE}/persons/:personId/history`, async (request, reply) => {
    if (!(await personExists(db, request.params.personId))) return fail(reply, 404, `no person ${request.params.personId}`);
    const entries = await personHistory(db, request.params.personId);
    const records = await recordsById(db, entries.map((entry) => entry.recordId).filter((id): id is string => id !== null));
    // Newest first: what the officer wants to read first is what happened last.
    const events = entries.map((entry) => reviewHistoryEvent(entry, records)).reverse();
    return send(reply, 200, { personId: request.params.personId, events });
  });

  app.post<{ Params: { recordId: string } }>(`${IDENTITY_REVIEW_BASE}/records/:recordId/unlink`, async (request, reply) => {
    const comment = commentOf(request.body);
    if (comment === undefined || comment === null) return fail(reply, 400, 'a comment is required to undo a link');
    const result = await unlinkRecord(db, { recordId: request.params.recordId, comment, user: userOf(request), at: now() });
    if (!result.ok) {
      trail(request, 'failed', [], { choice: 'unlink', comment, record: request.params.recordId, status: result.status, reason: result.error });
      return fail(reply, result.status, result.error);
    }
    trail(request, 'success', [result.record], {
      choice: 'unlink',
      comment,
      fromPerson: result.leftPerson,
      person: result.record.personId,
      others: result.leftRecords.map((record) => `${record.identifier.system}|${record.identifier.value}`),
    });
    return send(reply, 200, { record: reviewRecord(result.record), leftPerson: result.leftPerson });
  });
}
