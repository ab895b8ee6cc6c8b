/**
 * The identity officer's decisions, applied in the manager's transaction (one at a time with the feeds):
 * - `link`: the pair is the same person; the second record joins the first one's person as a human link, and the
 *   records it leaves behind are matched again;
 * - `not-same`: the pair is two people; re-matching never links nor queues it again (rematchRecord.ts reads it);
 * - `later`: nothing changes but the pair's place in the queue;
 * - unlink: a record leaves its person for one of its own, with `not-same` for each record it leaves (so that no
 *   re-matching brings it back) and `unlink` on the person.
 * Every decision is stored as a fact (identity_decision) and told in the persons' history, with its comment.
 */
import {
  detachRecord,
  findRecordById,
  inIdentityTransaction,
  linkRecord,
  recordDecision,
  recordsOfPerson,
  type IdentityDb,
  type StoredIdentityRecord,
} from '../db/identityStore.ts';
import { addPersonHistory, possibleMatchById } from '../db/identityReviewStore.ts';
import type { Matcher } from './matcher.ts';
import { rematchRecord } from './rematchRecord.ts';

export type QueueChoice = 'link' | 'not-same' | 'later';

export interface DecidingUser {
  id: string;
  name?: string | undefined;
}

export type QueueDecisionResult =
  | { ok: true; decisionId: string; records: [StoredIdentityRecord, StoredIdentityRecord] }
  | { ok: false; status: 404 | 409; error: string };

export type UnlinkResult =
  | { ok: true; record: StoredIdentityRecord; leftPerson: string; leftRecords: StoredIdentityRecord[] }
  | { ok: false; status: 404 | 409; error: string };

async function rematchPerson(trx: IdentityDb, matcher: Matcher, personId: string | null, at: Date, actor: string): Promise<void> {
  if (personId === null) return;
  for (const member of await recordsOfPerson(trx, personId)) await rematchRecord(trx, matcher, member.id, at, actor);
}

export async function decideQueueItem(
  db: IdentityDb,
  matcher: Matcher,
  decision: { itemId: string; choice: QueueChoice; comment: string | null; user: DecidingUser; at: Date },
): Promise<QueueDecisionResult> {
  const { user, at, choice, comment } = decision;
  return inIdentityTransaction(db, async (trx): Promise<QueueDecisionResult> => {
    const item = await possibleMatchById(trx, decision.itemId);
    if (!item) return { ok: false, status: 404, error: `no review item ${decision.itemId}` };
    if (item.status !== 'open') return { ok: false, status: 409, error: `review item ${item.id} is ${item.status}: it is no longer in the queue` };
    const first = await findRecordById(trx, item.recordA);
    const second = await findRecordById(trx, item.recordB);
    if (!first || !second || first.deleted || second.deleted) return { ok: false, status: 409, error: `review item ${item.id} names a deleted record` };

    const decisionId = await recordDecision(trx, {
      subject: { kind: 'pair', recordA: first.id, recordB: second.id },
      choice,
      comment,
      userId: user.id,
      userName: user.name ?? null,
      decidedAt: at,
    });
    const detail = { decision: choice, decisionId, item: item.id, ...(comment !== null ? { comment } : {}) };

    if (choice === 'link' && first.personId !== second.personId && first.personId !== null) {
      const left = second.personId;
      await linkRecord(trx, { recordId: second.id, personId: first.personId, origin: 'human', reason: { ...detail, with: first.id, by: user.id }, at, actor: user.id });
      await rematchPerson(trx, matcher, left, at, user.id);
    } else if (choice === 'not-same' && first.personId !== null && first.personId === second.personId) {
      await detachRecord(trx, { recordId: second.id, origin: 'human', reason: { ...detail, with: first.id, by: user.id }, at, actor: user.id });
    } else {
      // Nothing moves: the persons' histories still tell the decision.
      for (const [record, other] of [[first, second], [second, first]] as const) {
        if (record.personId !== null) await addPersonHistory(trx, record.personId, { at, event: `decision-${choice}`, recordId: record.id, actor: user.id, detail: { ...detail, with: other.id } });
      }
    }
    const after = [(await findRecordById(trx, first.id)) ?? first, (await findRecordById(trx, second.id)) ?? second] as [StoredIdentityRecord, StoredIdentityRecord];
    return { ok: true, decisionId, records: after };
  });
}

export async function unlinkRecord(
  db: IdentityDb,
  unlink: { recordId: string; comment: string; user: DecidingUser; at: Date },
): Promise<UnlinkResult> {
  const { user, at, comment } = unlink;
  return inIdentityTransaction(db, async (trx): Promise<UnlinkResult> => {
    const record = await findRecordById(trx, unlink.recordId);
    if (!record || record.deleted || record.personId === null) return { ok: false, status: 404, error: `no live record ${unlink.recordId}` };
    const personId = record.personId;
    const others = (await recordsOfPerson(trx, personId)).filter((member) => member.id !== record.id);
    if (others.length === 0) return { ok: false, status: 409, error: `record ${record.id} is the only record of its person: there is no link to undo` };
    for (const other of others) {
      await recordDecision(trx, { subject: { kind: 'pair', recordA: record.id, recordB: other.id }, choice: 'not-same', comment, userId: user.id, userName: user.name ?? null, decidedAt: at });
    }
    const decisionId = await recordDecision(trx, { subject: { kind: 'person', personId }, choice: 'unlink', comment, userId: user.id, userName: user.name ?? null, decidedAt: at });
    const ownPerson = await detachRecord(trx, { recordId: record.id, origin: 'human', reason: { decision: 'unlink', decisionId, from: personId, comment, by: user.id }, at, actor: user.id });
    // The person it left tells why too (its own `record-left` entry says only where the record went).
    await addPersonHistory(trx, personId, { at, event: 'decision-unlink', recordId: record.id, actor: user.id, detail: { decision: 'unlink', decisionId, to: ownPerson, comment } });
    const after = (await findRecordById(trx, record.id)) ?? record;
    return { ok: true, record: after, leftPerson: personId, leftRecords: others };
  });
}
