/**
 * What the identity officer's review reads and writes beside the manager's own storage (identityStore.ts): the
 * queue of open possible matches, oldest first (a pair put off with "later" goes behind the others from the time it
 * was put off), person search, and history entries for decisions that move no record. It decides nothing.
 */
import { sql } from 'kysely';
import type { JsonObject } from './databaseSchema.ts';
import { findRecordById, searchRecords, type IdentityDb, type StoredIdentityRecord } from './identityStore.ts';

export interface QueueEntry {
  id: string;
  recordA: string;
  recordB: string;
  reason: JsonObject;
  createdAt: Date;
  /** When an officer last chose "later" for this pair, if they did since it was opened. */
  deferredAt: Date | null;
}

export interface QueuePage {
  total: number;
  entries: QueueEntry[];
}

/** Open possible matches, oldest first (a deferred pair counts from when it was deferred), `count` from `offset`. */
export async function reviewQueuePage(db: IdentityDb, page: { offset: number; count: number }): Promise<QueuePage> {
  const total = await db.selectFrom('identity_possible_match').select((eb) => eb.fn.countAll<string>().as('total')).where('status', '=', 'open').executeTakeFirstOrThrow();
  const result = await sql<{ id: string; record_a: string; record_b: string; reason: JsonObject; created_at: Date; deferred_at: Date | null }>`
    select m.id, m.record_a, m.record_b, m.reason, m.created_at,
      (select max(d.decided_at) from identity_decision d
        where d.record_a = m.record_a and d.record_b = m.record_b and d.choice = 'later' and d.decided_at >= m.created_at) as deferred_at
    from identity_possible_match m
    where m.status = 'open'
    order by coalesce((select max(d.decided_at) from identity_decision d
        where d.record_a = m.record_a and d.record_b = m.record_b and d.choice = 'later' and d.decided_at >= m.created_at), m.created_at), m.id
    limit ${page.count} offset ${page.offset}`.execute(db);
  return {
    total: Number(total.total),
    entries: result.rows.map((row) => ({
      id: String(row.id),
      recordA: String(row.record_a),
      recordB: String(row.record_b),
      reason: row.reason,
      createdAt: new Date(row.created_at),
      deferredAt: row.deferred_at === null ? null : new Date(row.deferred_at),
    })),
  };
}

/** One possible match, whatever its status. */
export async function possibleMatchById(db: IdentityDb, id: string): Promise<(QueueEntry & { status: 'open' | 'decided' | 'withdrawn' }) | undefined> {
  if (!/^[0-9]{1,18}$/.test(id)) return undefined;
  const row = await db.selectFrom('identity_possible_match').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { id: String(row.id), recordA: String(row.record_a), recordB: String(row.record_b), reason: row.reason, createdAt: row.created_at, deferredAt: null, status: row.status };
}

/** A history entry for a person (a decision that moved no record, so that its history still tells it). */
export async function addPersonHistory(
  db: IdentityDb,
  personId: string,
  entry: { at: Date; event: string; recordId: string | null; actor: string | null; detail: JsonObject },
): Promise<void> {
  await db
    .insertInto('identity_person_history')
    .values({ person_id: personId, at: entry.at, event: entry.event, record_id: entry.recordId, actor: entry.actor, detail: JSON.stringify(entry.detail) })
    .execute();
}

export async function personExists(db: IdentityDb, personId: string): Promise<boolean> {
  if (!/^[0-9]{1,18}$/.test(personId)) return false;
  return (await db.selectFrom('identity_person').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined;
}

/**
 * Persons for the review's search: by identifier value (a site's or an INS; `system|value` for one system) or by
 * the start of a family name (birth or used, accent- and case-blind, as `searchName` gives it). Live records only;
 * the persons' ids, in the order their first record was found.
 */
export async function searchPersons(db: IdentityDb, search: { identifier?: { system?: string; value: string }; searchName?: string; limit: number }): Promise<string[]> {
  const records: StoredIdentityRecord[] = [];
  if (search.identifier) records.push(...(await searchRecords(db, { identifier: [search.identifier], limit: search.limit * 4 })));
  if (search.searchName) records.push(...(await searchRecords(db, { family: [{ text: search.searchName, exact: false }], limit: search.limit * 4 })));
  const persons: string[] = [];
  for (const record of records) {
    if (record.personId !== null && !persons.includes(record.personId)) persons.push(record.personId);
  }
  return persons.slice(0, search.limit);
}

/** Records by id (any status), skipping unknown ids. */
export async function recordsById(db: IdentityDb, ids: readonly string[]): Promise<Map<string, StoredIdentityRecord>> {
  const out = new Map<string, StoredIdentityRecord>();
  for (const id of new Set(ids)) {
    const record = await findRecordById(db, id);
    if (record) out.set(id, record);
  }
  return out;
}
