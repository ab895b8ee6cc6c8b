/**
 * Feeds a run of records new to the manager in one go, inside the caller's identity transaction: one read of the
 * known records sharing the run's blocking keys, matching in memory in order (planNewRecords.ts), then a few
 * multi-row writes for the whole run. About ten statements a run, where feeding the records one by one took about
 * twenty each (`npm run bench:identity:feed`). Records the manager already holds are fed one by one by the caller.
 */
import { createPersons, insertNewRecords, linkedRecordsWithKeys, writeNewRecords, type NewRecordRow, type NewRecordWrites } from '../db/identityBulkStore.ts';
import type { IdentityDb, StoredIdentityRecord } from '../db/identityStore.ts';
import type { Matcher, MatchRecord } from './matcher.ts';
import { planNewRecords } from './planNewRecords.ts';
import type { RematchResult } from './rematchRecord.ts';

const ordered = (a: string, b: string): [string, string] => (BigInt(a) < BigInt(b) ? [a, b] : [b, a]);

export async function feedNewRecords(db: IdentityDb, matcher: Matcher, rows: readonly NewRecordRow[]): Promise<{ record: StoredIdentityRecord; matching: RematchResult }[]> {
  if (rows.length === 0) return [];
  const asMatch = (row: NewRecordRow, id: string): MatchRecord => ({ id, identifier: row.identifier, sourceSite: row.sourceSite, traits: row.traits });
  // The known candidates first (the run's own records are not in the table of keys yet), then the run's records.
  const known = await linkedRecordsWithKeys(db, rows.flatMap((row) => matcher.blockingKeys(asMatch(row, '0'))));
  const ids = await insertNewRecords(db, rows);
  const { plans, personsCreated } = planNewRecords(
    matcher,
    rows.map((row, index) => asMatch(row, ids[index] as string)),
    known,
  );
  const created = await createPersons(db, personsCreated, rows[0]!.at);

  const writes: NewRecordWrites = { links: [], history: [], keys: [], possibleMatches: [] };
  const results: { record: StoredIdentityRecord; matching: RematchResult }[] = [];
  plans.forEach((plan, index) => {
    const row = rows[index] as NewRecordRow;
    const recordId = plan.record.id;
    const personId = 'existing' in plan.person ? plan.person.existing : (created[plan.person.created] as string);
    writes.links.push({ recordId, personId, reason: plan.linkReason, at: row.at });
    writes.history.push(
      'existing' in plan.person
        ? { personId, recordId, event: 'record-linked', actor: row.actor, detail: { origin: 'automatic', reason: plan.linkReason, system: row.identifier.system, value: row.identifier.value }, at: row.at }
        : { personId, recordId, event: 'record-added', actor: row.actor, detail: { system: row.identifier.system, value: row.identifier.value }, at: row.at },
    );
    for (const key of plan.keys) writes.keys.push({ recordId, key });
    for (const review of plan.reviews) {
      const [recordA, recordB] = ordered(recordId, review.recordId);
      writes.possibleMatches.push({ recordA, recordB, reason: review.reason, at: row.at });
    }
    results.push({
      record: {
        id: recordId,
        identifier: row.identifier,
        traits: row.traits,
        sourceSite: row.sourceSite,
        resource: row.resource,
        updatedAt: row.at,
        updatedBy: row.actor,
        deleted: false,
        replacedBy: null,
        personId,
        linkOrigin: 'automatic',
        linkReason: plan.linkReason,
      },
      matching: { personId, compared: plan.compared },
    });
  });
  await writeNewRecords(db, writes);
  return results;
}
