/**
 * The identity cross-reference manager's storage (migration 0003): patient records by identifier, the persons that
 * group them, links with their reason and origin, the matcher's blocking keys, possible matches for review, human
 * decisions and each person's history. The only code that speaks SQL for server/identity; it decides nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { RecordIdentifier, RecordTraits, Sex } from '../identity/patientTraits.ts';
import type { Database, IdentityRecordTable, JsonObject } from './databaseSchema.ts';

export type { RecordIdentifier, RecordTraits, Sex };

/** Any handle on the database, the whole of it or one transaction. */
export type IdentityDb = Kysely<Database>;

export interface StoredIdentityRecord {
  id: string;
  identifier: RecordIdentifier;
  traits: RecordTraits;
  sourceSite: string | null;
  resource: JsonObject;
  updatedAt: Date;
  updatedBy: string | null;
  deleted: boolean;
  replacedBy: string | null;
  /** The person the record belongs to (none once deleted). */
  personId: string | null;
  linkOrigin: 'automatic' | 'human' | null;
  linkReason: JsonObject | null;
}

export interface RecordUpsert {
  identifier: RecordIdentifier;
  traits: RecordTraits;
  /** Normalised names and given names for PDQm's default (prefix, accent-blind) search. */
  searchNames: string[];
  searchGiven: string[];
  sourceSite: string | null;
  resource: JsonObject;
  at: Date;
  actor: string | null;
}

export interface PersonHistoryEntry {
  at: Date;
  event: string;
  recordId: string | null;
  actor: string | null;
  detail: JsonObject;
}

export interface PossibleMatch {
  id: string;
  recordA: string;
  recordB: string;
  reason: JsonObject;
  status: 'open' | 'decided' | 'withdrawn';
  createdAt: Date;
}

export type DecisionChoice = 'link' | 'not-same' | 'later' | 'unlink';

export interface IdentityDecision {
  id: string;
  subject: { kind: 'pair'; recordA: string; recordB: string } | { kind: 'person'; personId: string };
  choice: DecisionChoice;
  comment: string | null;
  userId: string;
  userName: string | null;
  decidedAt: Date;
}

/** PDQm criteria (ITI-78), already normalised where the search is not exact. */
export interface RecordSearch {
  family?: { text: string; exact: boolean }[];
  given?: { text: string; exact: boolean }[];
  birthDate?: { comparator: 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge'; value: string }[];
  sex?: Sex;
  identifier?: { system?: string; value?: string }[];
  limit: number;
}

/** Runs `work` in one transaction holding the manager's lock: records are matched one feed at a time. */
export function inIdentityTransaction<T>(db: IdentityDb, work: (trx: IdentityDb) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('passerelle.identity'))`.execute(trx);
    return work(trx);
  });
}

const recordColumns = [
  'r.id',
  'r.system',
  'r.value',
  'r.birth_name',
  'r.used_name',
  'r.given_names',
  'r.birth_date',
  'r.sex',
  'r.ins_system',
  'r.ins_value',
  'r.source_site',
  'r.resource',
  'r.updated_at',
  'r.updated_by',
  'r.deleted',
  'r.replaced_by',
  'l.person_id',
  'l.origin',
  'l.reason',
] as const;

type RecordRow = Pick<IdentityRecordTable, 'system' | 'value' | 'birth_name' | 'used_name' | 'given_names' | 'birth_date' | 'sex' | 'ins_system' | 'ins_value' | 'source_site' | 'updated_by' | 'replaced_by'> & {
  id: string;
  resource: JsonObject;
  updated_at: Date;
  deleted: boolean;
  person_id: string | null;
  origin: 'automatic' | 'human' | null;
  reason: JsonObject | null;
};

/** A record's traits from its row's columns. */
export function traitsOfRow(row: Pick<IdentityRecordTable, 'birth_name' | 'used_name' | 'given_names' | 'birth_date' | 'sex' | 'ins_system' | 'ins_value'>): RecordTraits {
  return {
    birthName: row.birth_name,
    usedName: row.used_name,
    givenNames: row.given_names,
    birthDate: row.birth_date,
    sex: row.sex,
    ins: row.ins_system !== null && row.ins_value !== null ? { system: row.ins_system, value: row.ins_value } : null,
  };
}

function toRecord(row: RecordRow): StoredIdentityRecord {
  return {
    id: String(row.id),
    identifier: { system: row.system, value: row.value },
    traits: traitsOfRow(row),
    sourceSite: row.source_site,
    resource: row.resource,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    deleted: row.deleted,
    replacedBy: row.replaced_by === null ? null : String(row.replaced_by),
    personId: row.person_id === null ? null : String(row.person_id),
    linkOrigin: row.origin,
    linkReason: row.reason,
  };
}

function selectRecords(db: IdentityDb) {
  return db.selectFrom('identity_record as r').leftJoin('identity_link as l', 'l.record_id', 'r.id').select(recordColumns);
}

export async function findRecord(db: IdentityDb, identifier: RecordIdentifier): Promise<StoredIdentityRecord | undefined> {
  const row = await selectRecords(db).where('r.system', '=', identifier.system).where('r.value', '=', identifier.value).executeTakeFirst();
  return row ? toRecord(row as RecordRow) : undefined;
}

export async function findRecordById(db: IdentityDb, id: string): Promise<StoredIdentityRecord | undefined> {
  if (!/^[0-9]{1,18}$/.test(id)) return undefined;
  const row = await selectRecords(db).where('r.id', '=', id).executeTakeFirst();
  return row ? toRecord(row as RecordRow) : undefined;
}

/** The live records (not deleted) of a person, oldest first. */
export async function recordsOfPerson(db: IdentityDb, personId: string): Promise<StoredIdentityRecord[]> {
  const rows = await db
    .selectFrom('identity_link as l')
    .innerJoin('identity_record as r', 'r.id', 'l.record_id')
    .select(recordColumns)
    .where('l.person_id', '=', personId)
    .where('r.deleted', '=', false)
    .orderBy('r.id')
    .execute();
  return rows.map((row) => toRecord(row as RecordRow));
}

/** The live records carrying this INS. */
export async function recordsWithIns(db: IdentityDb, ins: RecordIdentifier): Promise<StoredIdentityRecord[]> {
  const rows = await selectRecords(db).where('r.ins_system', '=', ins.system).where('r.ins_value', '=', ins.value).where('r.deleted', '=', false).orderBy('r.id').execute();
  return rows.map((row) => toRecord(row as RecordRow));
}

/** Every identifier system the manager holds records or INS in. */
export async function knownSystems(db: IdentityDb): Promise<string[]> {
  const result = await sql<{ system: string }>`
    select system from identity_record union select ins_system from identity_record where ins_system is not null`.execute(db);
  return result.rows.map((row) => row.system);
}

async function newPerson(db: IdentityDb, at: Date): Promise<string> {
  const row = await db.insertInto('identity_person').values({ created_at: at }).returning('id').executeTakeFirstOrThrow();
  return String(row.id);
}

async function addHistory(db: IdentityDb, personId: string, entry: PersonHistoryEntry): Promise<void> {
  await db
    .insertInto('identity_person_history')
    .values({ person_id: personId, at: entry.at, event: entry.event, record_id: entry.recordId, actor: entry.actor, detail: JSON.stringify(entry.detail) })
    .execute();
}

/**
 * Creates or replaces the record of an identifier (a deleted one comes back to life). A record without a person
 * gets one of its own. Returns the record as stored and whether it was new.
 */
export async function upsertRecord(db: IdentityDb, upsert: RecordUpsert): Promise<{ record: StoredIdentityRecord; created: boolean }> {
  const { traits } = upsert;
  const values = {
    birth_name: traits.birthName,
    used_name: traits.usedName,
    given_names: traits.givenNames,
    birth_date: traits.birthDate,
    sex: traits.sex,
    ins_system: traits.ins?.system ?? null,
    ins_value: traits.ins?.value ?? null,
    search_names: upsert.searchNames,
    search_given: upsert.searchGiven,
    source_site: upsert.sourceSite,
    resource: JSON.stringify(upsert.resource),
    updated_at: upsert.at,
    updated_by: upsert.actor,
    deleted: false,
    replaced_by: null,
  };
  const row = await db
    .insertInto('identity_record')
    .values({ system: upsert.identifier.system, value: upsert.identifier.value, ...values })
    .onConflict((conflict) => conflict.columns(['system', 'value']).doUpdateSet(values))
    // xmax is 0 for a row this statement inserted (PostgreSQL's usual way to tell an insert from an update).
    .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
    .executeTakeFirstOrThrow();
  const id = String(row.id);
  const link = await db.selectFrom('identity_link').select('person_id').where('record_id', '=', id).executeTakeFirst();
  if (!link) {
    const personId = await newPerson(db, upsert.at);
    await db.insertInto('identity_link').values({ record_id: id, person_id: personId, origin: 'automatic', reason: JSON.stringify({ rule: 'own-person' }), linked_at: upsert.at }).execute();
    await addHistory(db, personId, { at: upsert.at, event: 'record-added', recordId: id, actor: upsert.actor, detail: { system: upsert.identifier.system, value: upsert.identifier.value } });
  } else {
    await addHistory(db, String(link.person_id), { at: upsert.at, event: 'record-updated', recordId: id, actor: upsert.actor, detail: {} });
  }
  const record = await findRecordById(db, id);
  if (!record) throw new Error(`identity record ${id} vanished`);
  return { record, created: row.inserted };
}

/**
 * Marks a record deleted (or replaced by another, a merge): it leaves its person, its blocking keys and open
 * possible matches go. The row stays, for history and audit.
 */
export async function markRecordDeleted(
  db: IdentityDb,
  recordId: string,
  options: { at: Date; actor: string | null; replacedBy?: string },
): Promise<void> {
  await db
    .updateTable('identity_record')
    .set({ deleted: true, replaced_by: options.replacedBy ?? null, updated_at: options.at, updated_by: options.actor })
    .where('id', '=', recordId)
    .execute();
  const link = await db.deleteFrom('identity_link').where('record_id', '=', recordId).returning('person_id').executeTakeFirst();
  if (link) {
    await addHistory(db, String(link.person_id), {
      at: options.at,
      event: options.replacedBy ? 'record-merged' : 'record-deleted',
      recordId,
      actor: options.actor,
      detail: options.replacedBy ? { replacedBy: options.replacedBy } : {},
    });
  }
  await db.deleteFrom('identity_blocking_key').where('record_id', '=', recordId).execute();
  await withdrawPossibleMatches(db, recordId, [], options.at);
}

/** Replaces a record's blocking keys. */
export async function setBlockingKeys(db: IdentityDb, recordId: string, keys: readonly string[]): Promise<void> {
  await db.deleteFrom('identity_blocking_key').where('record_id', '=', recordId).execute();
  const unique = [...new Set(keys)];
  if (unique.length > 0) await db.insertInto('identity_blocking_key').values(unique.map((key) => ({ record_id: recordId, key }))).execute();
}

/** The live records other than `recordId` that share at least one of `keys`. */
export async function recordsSharingKeys(db: IdentityDb, recordId: string, keys: readonly string[]): Promise<StoredIdentityRecord[]> {
  if (keys.length === 0) return [];
  // Driven from the keys (an index look-up per key), never from a scan of every record.
  const rows = await db
    .selectFrom('identity_blocking_key as k')
    .innerJoin('identity_record as r', 'r.id', 'k.record_id')
    .leftJoin('identity_link as l', 'l.record_id', 'r.id')
    .select(recordColumns)
    .distinct()
    .where('k.key', 'in', [...new Set(keys)])
    .where('r.deleted', '=', false)
    .where('r.id', '!=', recordId)
    .orderBy('r.id')
    .execute();
  return rows.map((row) => toRecord(row as RecordRow));
}

/** Puts a record into a person (leaving its current one), with why and who decided. */
export async function linkRecord(
  db: IdentityDb,
  link: { recordId: string; personId: string; origin: 'automatic' | 'human'; reason: JsonObject; at: Date; actor: string | null },
): Promise<void> {
  const previous = await db.selectFrom('identity_link').select('person_id').where('record_id', '=', link.recordId).executeTakeFirst();
  if (previous && String(previous.person_id) === link.personId) {
    await db.updateTable('identity_link').set({ origin: link.origin, reason: JSON.stringify(link.reason) }).where('record_id', '=', link.recordId).execute();
    return;
  }
  if (previous) {
    await db.updateTable('identity_link').set({ person_id: link.personId, origin: link.origin, reason: JSON.stringify(link.reason), linked_at: link.at }).where('record_id', '=', link.recordId).execute();
    await addHistory(db, String(previous.person_id), { at: link.at, event: 'record-left', recordId: link.recordId, actor: link.actor, detail: { to: link.personId } });
  } else {
    await db.insertInto('identity_link').values({ record_id: link.recordId, person_id: link.personId, origin: link.origin, reason: JSON.stringify(link.reason), linked_at: link.at }).execute();
  }
  await addHistory(db, link.personId, {
    at: link.at,
    event: 'record-linked',
    recordId: link.recordId,
    actor: link.actor,
    detail: { origin: link.origin, reason: link.reason, ...(previous ? { from: String(previous.person_id) } : {}) },
  });
}

/** Takes a record out of its person into a new person of its own; returns the new person's id. */
export async function detachRecord(
  db: IdentityDb,
  detach: { recordId: string; origin: 'automatic' | 'human'; reason: JsonObject; at: Date; actor: string | null },
): Promise<string> {
  const personId = await newPerson(db, detach.at);
  await linkRecord(db, { ...detach, personId });
  return personId;
}

function orderedPair(a: string, b: string): [string, string] {
  return BigInt(a) < BigInt(b) ? [a, b] : [b, a];
}

/** Opens (or refreshes the reason of) the possible match of two records. */
export async function openPossibleMatch(db: IdentityDb, first: string, second: string, reason: JsonObject, at: Date): Promise<void> {
  const [recordA, recordB] = orderedPair(first, second);
  const updated = await db
    .updateTable('identity_possible_match')
    .set({ reason: JSON.stringify(reason) })
    .where('record_a', '=', recordA)
    .where('record_b', '=', recordB)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (updated.numUpdatedRows > 0n) return;
  await db.insertInto('identity_possible_match').values({ record_a: recordA, record_b: recordB, reason: JSON.stringify(reason), status: 'open', created_at: at }).execute();
}

/** Withdraws a record's open possible matches, but those with the records of `keep`. */
export async function withdrawPossibleMatches(db: IdentityDb, recordId: string, keep: readonly string[], at: Date): Promise<void> {
  let query = db
    .updateTable('identity_possible_match')
    .set({ status: 'withdrawn', closed_at: at })
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('record_a', '=', recordId), eb('record_b', '=', recordId)]));
  if (keep.length > 0) query = query.where((eb) => eb.and([eb('record_a', 'not in', [...keep]), eb('record_b', 'not in', [...keep])]));
  await query.execute();
}

export async function openPossibleMatches(db: IdentityDb): Promise<PossibleMatch[]> {
  const rows = await db.selectFrom('identity_possible_match').selectAll().where('status', '=', 'open').orderBy('id').execute();
  return rows.map((row) => ({ id: String(row.id), recordA: String(row.record_a), recordB: String(row.record_b), reason: row.reason, status: row.status, createdAt: row.created_at }));
}

/** Records a person's decision; a decision about a pair closes its open possible match. */
export async function recordDecision(db: IdentityDb, decision: Omit<IdentityDecision, 'id'>): Promise<string> {
  const subject =
    decision.subject.kind === 'pair'
      ? (() => {
          const [recordA, recordB] = orderedPair(decision.subject.recordA, decision.subject.recordB);
          return { record_a: recordA, record_b: recordB, person_id: null };
        })()
      : { record_a: null, record_b: null, person_id: decision.subject.personId };
  const row = await db
    .insertInto('identity_decision')
    .values({ ...subject, choice: decision.choice, comment: decision.comment, user_id: decision.userId, user_name: decision.userName, decided_at: decision.decidedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (subject.record_a !== null && subject.record_b !== null && decision.choice !== 'later') {
    await db
      .updateTable('identity_possible_match')
      .set({ status: 'decided', closed_at: decision.decidedAt })
      .where('record_a', '=', subject.record_a)
      .where('record_b', '=', subject.record_b)
      .where('status', '=', 'open')
      .execute();
  }
  return String(row.id);
}

/** Every decision about a pair that includes this record, newest first. */
export async function pairDecisionsOf(db: IdentityDb, recordId: string): Promise<IdentityDecision[]> {
  const rows = await db
    .selectFrom('identity_decision')
    .selectAll()
    .where((eb) => eb.or([eb('record_a', '=', recordId), eb('record_b', '=', recordId)]))
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toDecision);
}

/** Every decision about a person as a whole, newest first. */
export async function personDecisionsOf(db: IdentityDb, personId: string): Promise<IdentityDecision[]> {
  const rows = await db.selectFrom('identity_decision').selectAll().where('person_id', '=', personId).orderBy('id', 'desc').execute();
  return rows.map(toDecision);
}

function toDecision(row: { id: string; record_a: string | null; record_b: string | null; person_id: string | null; choice: DecisionChoice; comment: string | null; user_id: string; user_name: string | null; decided_at: Date }): IdentityDecision {
  return {
    id: String(row.id),
    subject:
      row.person_id !== null
        ? { kind: 'person', personId: String(row.person_id) }
        : { kind: 'pair', recordA: String(row.record_a), recordB: String(row.record_b) },
    choice: row.choice,
    comment: row.comment,
    userId: row.user_id,
    userName: row.user_name,
    decidedAt: row.decided_at,
  };
}

export async function personHistory(db: IdentityDb, personId: string): Promise<PersonHistoryEntry[]> {
  const rows = await db.selectFrom('identity_person_history').selectAll().where('person_id', '=', personId).orderBy('id').execute();
  return rows.map((row) => ({ at: row.at, event: row.event, recordId: row.record_id === null ? null : String(row.record_id), actor: row.actor, detail: row.detail }));
}

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** PDQm search (ITI-78): every criterion must hold; repeated ones too (FHIR AND semantics). Live records only. */
export async function searchRecords(db: IdentityDb, search: RecordSearch): Promise<StoredIdentityRecord[]> {
  let query = selectRecords(db).where('r.deleted', '=', false);
  for (const family of search.family ?? []) {
    query = family.exact
      ? query.where((eb) => eb.or([eb('r.birth_name', '=', family.text), eb('r.used_name', '=', family.text)]))
      : query.where(sql<boolean>`exists (select 1 from unnest(r.search_names) as n(name) where n.name like ${likePrefix(family.text)})`);
  }
  for (const given of search.given ?? []) {
    query = given.exact
      ? query.where(sql<boolean>`${given.text} = any(r.given_names)`)
      : query.where(sql<boolean>`exists (select 1 from unnest(r.search_given) as g(name) where g.name like ${likePrefix(given.text)})`);
  }
  for (const date of search.birthDate ?? []) {
    const op = { eq: '=', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=' }[date.comparator] as '=' | '!=' | '<' | '>' | '<=' | '>=';
    // A partial date (`1970` or `1970-03`) in the search stands for its whole span; `eq` compares by prefix.
    if (date.comparator === 'eq') query = query.where('r.birth_date', 'like', likePrefix(date.value));
    else if (date.comparator === 'ne') query = query.where('r.birth_date', 'not like', likePrefix(date.value));
    else query = query.where('r.birth_date', op, date.value);
  }
  if (search.sex) query = query.where('r.sex', '=', search.sex);
  for (const identifier of search.identifier ?? []) {
    query = query.where((eb) => {
      const own = [];
      const ins = [];
      if (identifier.system !== undefined) {
        own.push(eb('r.system', '=', identifier.system));
        ins.push(eb('r.ins_system', '=', identifier.system));
      }
      if (identifier.value !== undefined) {
        own.push(eb('r.value', '=', identifier.value));
        ins.push(eb('r.ins_value', '=', identifier.value));
      }
      return eb.or([eb.and(own), eb.and(ins)]);
    });
  }
  const rows = await query.orderBy('r.id').limit(search.limit).execute();
  return rows.map((row) => toRecord(row as RecordRow));
}

/**
 * Refreshes the planner's statistics of the identity tables. The embedded PGlite has no autovacuum, and a server's
 * may lag behind a bulk load: without statistics, a look-up of a few records by key is planned as a scan of them all.
 */
export async function refreshIdentityStatistics(db: IdentityDb): Promise<void> {
  await sql`analyze identity_record, identity_link, identity_blocking_key, identity_possible_match, identity_decision`.execute(db);
}

/** Every live record, for estimating the matcher's weights from them all. */
export async function liveRecords(db: IdentityDb): Promise<StoredIdentityRecord[]> {
  const rows = await selectRecords(db).where('r.deleted', '=', false).orderBy('r.id').execute();
  return rows.map((row) => toRecord(row as RecordRow));
}

/**
 * The live records of the person a live record belongs to, itself included, in one statement (an ITI-83 look-up's
 * one round trip); none when no live record has this identifier.
 */
export async function recordsOfPersonOf(db: IdentityDb, identifier: RecordIdentifier): Promise<StoredIdentityRecord[]> {
  const rows = await db
    .selectFrom('identity_record as source')
    .innerJoin('identity_link as sourceLink', 'sourceLink.record_id', 'source.id')
    .innerJoin('identity_link as l', 'l.person_id', 'sourceLink.person_id')
    .innerJoin('identity_record as r', 'r.id', 'l.record_id')
    .select(recordColumns)
    .where('source.system', '=', identifier.system)
    .where('source.value', '=', identifier.value)
    .where('source.deleted', '=', false)
    .where('r.deleted', '=', false)
    .orderBy('r.id')
    .execute();
  return rows.map((row) => toRecord(row as RecordRow));
}

/** What the cross-reference index keeps of a record: who it is, its INS, its person, whether it is live. */
export interface RecordChange {
  id: string;
  identifier: RecordIdentifier;
  ins: RecordIdentifier | null;
  personId: string | null;
  deleted: boolean;
  changedSeq: string;
}

/**
 * The records changed after change number `since` (migration 0006), in change order: one read of an index, empty
 * when nothing changed. `since` 0 reads every record.
 */
export async function recordsChangedSince(db: IdentityDb, since: string): Promise<RecordChange[]> {
  const rows = await db
    .selectFrom('identity_record as r')
    .leftJoin('identity_link as l', 'l.record_id', 'r.id')
    .select(['r.id', 'r.system', 'r.value', 'r.ins_system', 'r.ins_value', 'r.deleted', 'r.changed_seq', 'l.person_id'])
    .where('r.changed_seq', '>', since)
    .orderBy('r.changed_seq')
    .execute();
  return rows.map((row) => ({
    id: String(row.id),
    identifier: { system: row.system, value: row.value },
    ins: row.ins_system !== null && row.ins_value !== null ? { system: row.ins_system, value: row.ins_value } : null,
    personId: row.person_id === null ? null : String(row.person_id),
    deleted: row.deleted,
    changedSeq: String(row.changed_seq),
  }));
}
