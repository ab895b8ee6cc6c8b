/**
 * Matching for a run of records new to the manager (a page of the harvest, a group of ITI-104 feeds), in memory
 * and in order: each record is compared with the known records and the run's earlier records that share one of its
 * blocking keys, exactly as rematchRecord.ts would compare it had the records been fed one after the other, so that
 * the caller reads the candidates once and writes the outcome in a few statements for the whole run.
 *
 * A new record carries no human decision and has no possible match yet, so of rematchRecord's guards two apply:
 * a record is never automatically linked to two persons (each pair goes to review and it keeps a person of its own),
 * and a candidate already in the record's person is not queued. Plain data in, plan out: no I/O.
 */
import type { JsonObject } from '../db/databaseSchema.ts';
import type { Matcher, MatchRecord } from './matcher.ts';

/** A record the manager already holds, linked to a person. */
export interface KnownRecord extends MatchRecord {
  personId: string;
}

/** An existing person, or the n-th person the run creates (from 0). */
export type PlannedPerson = { existing: string } | { created: number };

export interface NewRecordPlan {
  record: MatchRecord;
  keys: string[];
  person: PlannedPerson;
  /** Why the record is where it is: the matches it joined its person for, or its own person. */
  linkReason: JsonObject;
  compared: { recordId: string; outcome: 'link' | 'review' | 'no-link' }[];
  /** Possible matches to open, with the other record's id. */
  reviews: { recordId: string; reason: JsonObject }[];
}

const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

export function planNewRecords(matcher: Matcher, records: readonly MatchRecord[], known: readonly KnownRecord[]): { plans: NewRecordPlan[]; personsCreated: number } {
  const recordById = new Map<string, MatchRecord>();
  const personOf = new Map<string, string>();
  const idsByKey = new Map<string, string[]>();
  const index = (record: MatchRecord, keys: readonly string[]) => {
    recordById.set(record.id, record);
    for (const key of new Set(keys)) {
      const ids = idsByKey.get(key);
      if (ids) ids.push(record.id);
      else idsByKey.set(key, [record.id]);
    }
  };
  for (const record of known) {
    index(record, matcher.blockingKeys(record));
    personOf.set(record.id, record.personId);
  }

  let personsCreated = 0;
  const plans: NewRecordPlan[] = [];
  for (const record of records) {
    const keys = [...new Set(matcher.blockingKeys(record))];
    const candidateIds = [...new Set(keys.flatMap((key) => idsByKey.get(key) ?? []))].filter((id) => id !== record.id).sort(byId);
    const compared: NewRecordPlan['compared'] = [];
    const linkTo = new Map<string, JsonObject[]>();
    const reviews: { recordId: string; reason: JsonObject }[] = [];
    for (const candidateId of candidateIds) {
      const candidate = recordById.get(candidateId) as MatchRecord;
      const candidatePerson = personOf.get(candidateId) as string;
      const decision = matcher.compare(record, candidate);
      compared.push({ recordId: candidateId, outcome: decision.outcome });
      if (decision.outcome === 'link') linkTo.set(candidatePerson, [...(linkTo.get(candidatePerson) ?? []), { with: candidateId, ...decision.reason }]);
      else if (decision.outcome === 'review') reviews.push({ recordId: candidateId, reason: decision.reason });
    }

    const targets = [...linkTo.keys()];
    let person: PlannedPerson;
    let token: string;
    let linkReason: JsonObject;
    if (targets.length === 1) {
      token = targets[0] as string;
      person = token.startsWith('new:') ? { created: Number(token.slice(4)) } : { existing: token };
      linkReason = { matcher: matcher.name, matches: linkTo.get(token) ?? [] };
    } else {
      person = { created: personsCreated };
      token = `new:${personsCreated++}`;
      linkReason = { rule: 'own-person' };
      for (const target of targets) {
        for (const reason of linkTo.get(target) ?? []) reviews.push({ recordId: String(reason.with), reason: { ...reason, rule: 'would-link-to-several-persons' } });
      }
    }
    personOf.set(record.id, token);
    index(record, keys);

    const queued: NewRecordPlan['reviews'] = [];
    for (const review of reviews) {
      if (personOf.get(review.recordId) === token || queued.some((entry) => entry.recordId === review.recordId)) continue;
      queued.push({ recordId: review.recordId, reason: { matcher: matcher.name, ...review.reason } });
    }
    plans.push({ record, keys, person, linkReason, compared, reviews: queued });
  }
  return { plans, personsCreated };
}
