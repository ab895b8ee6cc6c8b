/**
 * What the identity cross-reference manager asks of a matcher: under which keys a record must be found (blocking),
 * and, for two records found under a shared key, one of three outcomes with its reason. The manager stores the keys,
 * fetches the candidates, applies the outcomes under its guards (a human decision is never overridden, a record is
 * never automatically linked to two persons) and keeps the reasons; the matcher itself is pure.
 *
 * `insRulesMatcher` is the built-in one: the INS rule alone. The probabilistic matcher of server/identity/matching
 * plugs in through the same interface.
 */
import type { JsonObject } from '../db/databaseSchema.ts';
import { searchForm, type RecordIdentifier, type RecordTraits } from './patientTraits.ts';

/** A record as a matcher sees it. */
export interface MatchRecord {
  id: string;
  identifier: RecordIdentifier;
  sourceSite: string | null;
  traits: RecordTraits;
}

/**
 * `link`: the same person, linked automatically; `review`: possibly the same, for an identity officer to decide;
 * `no-link`: different people (or too little to say).
 */
export type MatchOutcome = 'link' | 'review' | 'no-link';

export interface MatchDecision {
  outcome: MatchOutcome;
  /** Why, kept with the link or the possible match and shown to reviewers: the rule, fields that agreed or not, a score. */
  reason: JsonObject;
}

export interface Matcher {
  /** Named in every reason it gives. */
  readonly name: string;
  /**
   * The keys under which this record is to be found: records sharing at least one key are compared. Several keys
   * (INS, phonetic name and birth year, …) keep recall from being lost before scoring.
   */
  blockingKeys(record: MatchRecord): string[];
  /** Compares two records (of different identifiers) found under a shared key. */
  compare(record: MatchRecord, candidate: MatchRecord): MatchDecision;
}

/** The strict traits of an identity (Référentiel national d'identitovigilance): birth name, first given name, birth date, sex. */
const STRICT_TRAITS = ['birthName', 'firstGivenName', 'birthDate', 'sex'] as const;
type StrictTrait = (typeof STRICT_TRAITS)[number];

function strictTrait(traits: RecordTraits, trait: StrictTrait): string | null {
  switch (trait) {
    case 'birthName':
      return traits.birthName === null ? null : searchForm(traits.birthName) || null;
    case 'firstGivenName': {
      const first = traits.givenNames[0];
      return first === undefined ? null : searchForm(first) || null;
    }
    case 'birthDate':
      return traits.birthDate;
    case 'sex':
      return traits.sex;
  }
}

/**
 * The INS rule: records with the same INS are the same person when their strict traits agree (compared without
 * case, accents, hyphens or apostrophes); any strict trait that differs, or is missing on one side, sends the pair to
 * review, never to a link. Records without an INS, or with different ones, are never linked by this matcher.
 */
export const insRulesMatcher: Matcher = {
  name: 'ins-rules',
  blockingKeys(record) {
    const ins = record.traits.ins;
    return ins ? [`ins:${ins.system}|${ins.value}`] : [];
  },
  compare(record, candidate): MatchDecision {
    const a = record.traits.ins;
    const b = candidate.traits.ins;
    if (!a || !b) return { outcome: 'no-link', reason: { matcher: 'ins-rules', rule: 'no-ins' } };
    if (a.system !== b.system || a.value !== b.value) return { outcome: 'no-link', reason: { matcher: 'ins-rules', rule: 'different-ins' } };
    const agreeing: string[] = [];
    const differing: string[] = [];
    const missing: string[] = [];
    for (const trait of STRICT_TRAITS) {
      const left = strictTrait(record.traits, trait);
      const right = strictTrait(candidate.traits, trait);
      if (left === null || right === null) missing.push(trait);
      else if (left === right) agreeing.push(trait);
      else differing.push(trait);
    }
    const reason: JsonObject = { matcher: 'ins-rules', ins: `${a.system}|${a.value}`, agreeing, differing, missing };
    if (differing.length > 0 || missing.length > 0) return { outcome: 'review', reason: { ...reason, rule: 'same-ins-strict-traits-differ' } };
    return { outcome: 'link', reason: { ...reason, rule: 'same-ins-strict-traits-agree' } };
  },
};
