/**
 * Re-runs matching for one record after it was fed: its blocking keys are replaced, the records sharing one are
 * compared by the matcher, and the outcomes applied under the manager's guards:
 * - a person's decision is never overridden: a pair an identity officer said is not the same is never linked nor
 *   queued again, a pair they linked stays linked, and a record a person placed (a human link) is not moved;
 * - a record is never automatically linked to two persons: when candidates that should be linked belong to
 *   several persons, the record stays where it is and each pair goes to review;
 * - a record whose automatic link no longer holds leaves its person for one of its own;
 * - possible matches that no longer apply are withdrawn.
 */
import type { JsonObject } from '../db/databaseSchema.ts';
import {
  detachRecord,
  findRecordById,
  linkRecord,
  openPossibleMatch,
  pairDecisionsOf,
  recordsOfPerson,
  recordsSharingKeys,
  setBlockingKeys,
  withdrawPossibleMatches,
  type IdentityDb,
  type StoredIdentityRecord,
} from '../db/identityStore.ts';
import type { Matcher, MatchRecord } from './matcher.ts';

export interface RematchResult {
  /** The person the record belongs to afterwards. */
  personId: string | null;
  /** Records it was compared with, and what came of each. */
  compared: { recordId: string; outcome: 'link' | 'review' | 'no-link' | 'human-link' | 'human-not-same' }[];
  /** The person the record left, when it moved. */
  leftPerson?: string;
}

function matchRecord(record: StoredIdentityRecord): MatchRecord {
  return { id: record.id, identifier: record.identifier, sourceSite: record.sourceSite, traits: record.traits };
}

/** The latest human choice (link or not the same) about each pair that includes the record. */
async function humanChoices(db: IdentityDb, recordId: string): Promise<Map<string, 'link' | 'not-same'>> {
  const choices = new Map<string, 'link' | 'not-same'>();
  for (const decision of await pairDecisionsOf(db, recordId)) {
    if (decision.subject.kind !== 'pair') continue;
    const other = decision.subject.recordA === recordId ? decision.subject.recordB : decision.subject.recordA;
    if (choices.has(other)) continue;
    if (decision.choice === 'link' || decision.choice === 'not-same') choices.set(other, decision.choice);
  }
  return choices;
}

export async function rematchRecord(db: IdentityDb, matcher: Matcher, recordId: string, at: Date, actor: string | null): Promise<RematchResult> {
  const record = await findRecordById(db, recordId);
  if (!record || record.deleted) return { personId: null, compared: [] };
  const keys = matcher.blockingKeys(matchRecord(record));
  await setBlockingKeys(db, record.id, keys);
  const human = await humanChoices(db, record.id);
  const candidates = await recordsSharingKeys(db, record.id, keys);
  // A record an officer linked to this one stays a candidate even when they no longer share a key: their link holds.
  for (const [other, choice] of human) {
    if (choice !== 'link' || candidates.some((candidate) => candidate.id === other)) continue;
    const linked = await findRecordById(db, other);
    if (linked && !linked.deleted) candidates.push(linked);
  }

  const compared: RematchResult['compared'] = [];
  /** Persons the record should join, with the reasons of the candidates in each. */
  const linkTo = new Map<string, JsonObject[]>();
  const reviews: { candidate: StoredIdentityRecord; reason: JsonObject }[] = [];
  for (const candidate of candidates) {
    if (candidate.personId === null) continue;
    const choice = human.get(candidate.id);
    if (choice === 'not-same') {
      compared.push({ recordId: candidate.id, outcome: 'human-not-same' });
      continue;
    }
    if (choice === 'link') {
      compared.push({ recordId: candidate.id, outcome: 'human-link' });
      linkTo.set(candidate.personId, [...(linkTo.get(candidate.personId) ?? []), { with: candidate.id, rule: 'human-link' }]);
      continue;
    }
    const decision = matcher.compare(matchRecord(record), matchRecord(candidate));
    compared.push({ recordId: candidate.id, outcome: decision.outcome });
    if (decision.outcome === 'link') linkTo.set(candidate.personId, [...(linkTo.get(candidate.personId) ?? []), { with: candidate.id, ...decision.reason }]);
    else if (decision.outcome === 'review') reviews.push({ candidate, reason: decision.reason });
  }

  let personId = record.personId;
  let leftPerson: string | undefined;
  if (record.linkOrigin !== 'human') {
    // A person holding a record the officer said is not this one is no person to join automatically.
    for (const target of [...linkTo.keys()]) {
      if (target === record.personId) continue;
      const members = await recordsOfPerson(db, target);
      if (members.some((member) => human.get(member.id) === 'not-same')) {
        for (const member of members) if (human.get(member.id) === undefined) reviews.push({ candidate: member, reason: { rule: 'person-holds-a-not-same-record' } });
        linkTo.delete(target);
      }
    }
    const targets = [...linkTo.keys()];
    if (targets.length === 1 && targets[0] !== record.personId) {
      const target = targets[0] as string;
      leftPerson = record.personId ?? undefined;
      await linkRecord(db, { recordId: record.id, personId: target, origin: 'automatic', reason: { matcher: matcher.name, matches: linkTo.get(target) ?? [] }, at, actor });
      personId = target;
    } else if (targets.length > 1) {
      for (const target of targets) {
        if (target === record.personId) continue;
        for (const reason of linkTo.get(target) ?? []) {
          const candidate = candidates.find((candidate) => candidate.id === reason.with);
          if (candidate) reviews.push({ candidate, reason: { ...reason, rule: 'would-link-to-several-persons' } });
        }
      }
    } else if (targets.length === 0 && record.personId !== null) {
      const others = (await recordsOfPerson(db, record.personId)).filter((member) => member.id !== record.id);
      if (others.length > 0) {
        leftPerson = record.personId;
        personId = await detachRecord(db, { recordId: record.id, origin: 'automatic', reason: { matcher: matcher.name, rule: 'no-longer-matches' }, at, actor });
      }
    }
  }

  const queued: string[] = [];
  for (const { candidate, reason } of reviews) {
    if (candidate.personId === personId || queued.includes(candidate.id)) continue;
    await openPossibleMatch(db, record.id, candidate.id, { matcher: matcher.name, ...reason }, at);
    queued.push(candidate.id);
  }
  await withdrawPossibleMatches(db, record.id, queued, at);
  return { personId, compared, ...(leftPerson !== undefined && leftPerson !== personId ? { leftPerson } : {}) };
}
