/**
 * The identity manager's storage for a run of new records at once (server/identity/feedNewRecords.ts): the reads
 * and multi-row writes that replace a dozen statements per record with a few per run. Same tables as
 * identityStore.ts (migration 0003); decides nothing.
 */
import { sql } from 'kysely';
import type { JsonObject } from './databaseSchema.ts';
import { traitsOfRow, type IdentityDb, type RecordIdentifier, type RecordTraits, type RecordUpsert } from './identityStore.ts';

/** At most this many rows per statement, well under PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < rows.length; index += ROWS_PER_STATEMENT) out.push(rows.slice(index, index + ROWS_PER_STATEMENT));
  return out;
}

const keyOf = (identifier: RecordIdentifier) => `${identifier.system}|${identifier.value}`;

/** Which of these identifiers have a record, live or deleted (as `system|value`). */
export async function heldIdentifiers(db: IdentityDb, identifiers: readonly RecordIdentifier[]): Promise<Set<string>> {
  const held = new Set<string>();
  for (const part of chunks(identifiers)) {
    const result = await sql<{ system: string; value: string }>`
      select r.system, r.value from identity_record r
      join unnest(${part.map((identifier) => identifier.system)}::text[], ${part.map((identifier) => identifier.value)}::text[]) as wanted(system, value)
        on r.system = wanted.system and r.value = wanted.value`.execute(db);
    for (const row of result.rows) held.add(keyOf(row));
  }
  return held;
}

/** A live record linked to a person, as matching reads it (without its FHIR resource). */
export interface LinkedRecord {
  id: string;
  identifier: RecordIdentifier;
  sourceSite: string | null;
  traits: RecordTraits;
  personId: string;
}

/** The live, linked records that have at least one of these blocking keys: one read for a whole run. */
export async function linkedRecordsWithKeys(db: IdentityDb, keys: readonly string[]): Promise<LinkedRecord[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const byId = new Map<string, LinkedRecord>();
  for (const part of chunks(unique)) {
    const rows = await db
      .selectFrom('identity_record as r')
      .innerJoin('identity_link as l', 'l.record_id', 'r.id')
      .select(['r.id', 'r.system', 'r.value', 'r.birth_name', 'r.used_name', 'r.given_names', 'r.birth_date', 'r.sex', 'r.ins_system', 'r.ins_value', 'r.source_site', 'l.person_id'])
      .where('r.deleted', '=', false)
      .where('r.id', 'in', (eb) => eb.selectFrom('identity_blocking_key').select('record_id').where('key', 'in', part))
      .execute();
    for (const row of rows) {
      byId.set(String(row.id), {
        id: String(row.id),
        identifier: { system: row.system, value: row.value },
        sourceSite: row.source_site,
        traits: traitsOfRow(row),
        personId: String(row.person_id),
      });
    }
  }
  return [...byId.values()];
}

/** A new record as stored: the same fields as a single record's upsert. */
export type NewRecordRow = RecordUpsert;

/** Inserts records new to the manager; returns their ids in the same order. */
export async function insertNewRecords(db: IdentityDb, records: readonly NewRecordRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(records)) {
    const rows = await db
      .insertInto('identity_record')
      .values(
        part.map((record) => ({
          system: record.identifier.system,
          value: record.identifier.value,
          birth_name: record.traits.birthName,
          used_name: record.traits.usedName,
          given_names: record.traits.givenNames,
          birth_date: record.traits.birthDate,
          sex: record.traits.sex,
          ins_system: record.traits.ins?.system ?? null,
          ins_value: record.traits.ins?.value ?? null,
          search_names: record.searchNames,
          search_given: record.searchGiven,
          source_site: record.sourceSite,
          resource: JSON.stringify(record.resource),
          updated_at: record.at,
          updated_by: record.actor,
        })),
      )
      .returning(['id', 'system', 'value'])
      .execute();
    const idOf = new Map(rows.map((row) => [keyOf(row), String(row.id)]));
    for (const record of part) ids.push(idOf.get(keyOf(record.identifier)) as string);
  }
  return ids;
}

/** Creates `count` persons; returns their ids, oldest first. */
export async function createPersons(db: IdentityDb, count: number, at: Date): Promise<string[]> {
  if (count === 0) return [];
  const result = await sql<{ id: string }>`
    insert into identity_person (created_at) select ${at}::timestamptz from generate_series(1, ${count}::int) returning id`.execute(db);
  return result.rows.map((row) => String(row.id)).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

export interface NewRecordWrites {
  links: { recordId: string; personId: string; reason: JsonObject; at: Date }[];
  history: { personId: string; recordId: string; event: string; actor: string | null; detail: JsonObject; at: Date }[];
  keys: { recordId: string; key: string }[];
  possibleMatches: { recordA: string; recordB: string; reason: JsonObject; at: Date }[];
}

/**
 * Writes the links, history, blocking keys and possible matches of a run of new records, a few rows per statement
 * (new records have no open possible match yet: each pair is inserted once).
 */
export async function writeNewRecords(db: IdentityDb, writes: NewRecordWrites): Promise<void> {
  for (const part of chunks(writes.links)) {
    await db
      .insertInto('identity_link')
      .values(part.map((link) => ({ record_id: link.recordId, person_id: link.personId, origin: 'automatic' as const, reason: JSON.stringify(link.reason), linked_at: link.at })))
      .execute();
  }
  for (const part of chunks(writes.history)) {
    await db
      .insertInto('identity_person_history')
      .values(part.map((entry) => ({ person_id: entry.personId, at: entry.at, event: entry.event, record_id: entry.recordId, actor: entry.actor, detail: JSON.stringify(entry.detail) })))
      .execute();
  }
  for (const part of chunks(writes.keys)) {
    await db.insertInto('identity_blocking_key').values(part.map((key) => ({ record_id: key.recordId, key: key.key }))).execute();
  }
  for (const part of chunks(writes.possibleMatches)) {
    await db
      .insertInto('identity_possible_match')
      .values(part.map((match) => ({ record_a: match.recordA, record_b: match.recordB, reason: JSON.stringify(match.reason), status: 'open' as const, created_at: match.at })))
      .execute();
  }
}
