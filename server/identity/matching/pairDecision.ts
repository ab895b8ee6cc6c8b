/** What the matcher decides about a pair of records, and why, as data (HAPI FHIR MDM's match result with its vector). */
import type { Field, Level } from './comparisonLevels.ts';
import type { RecordId } from './patientRecord.ts';

export type Outcome = 'link' | 'review' | 'no-link';

/** The rule or guard behind an outcome. */
export type RuleName =
  | 'same-ins'
  | 'ins-traits-disagree'
  | 'different-ins'
  | 'score'
  | 'twins'
  | 'family-name-disagrees'
  | 'double-link'
  | 'cluster-conflict'
  | 'same-person'
  | 'human-link'
  | 'human-not-same'
  | 'human-later';

export interface DecisionReason {
  rule: RuleName;
  /** In words, for the review page and the audit trail. */
  text: string;
}

export interface FieldReason {
  field: Field;
  level: Level;
  /** What was compared (`birth name / used name`, `day and month swapped`). */
  how?: string;
  /** log2(m / u) of that level; 0 when missing. */
  weight: number;
}

export interface PairDecision {
  a: RecordId;
  b: RecordId;
  outcome: Outcome;
  decidedBy: 'matcher' | 'human';
  /** Sum of the field weights (log2 of the likelihood ratio). */
  score: number;
  /** Probability of one person from the score and the match share. */
  probability: number;
  fields: FieldReason[];
  /** Fields that agreed exactly or once normalised. */
  agreed: Field[];
  /** The deciding rule first, then any guard that held the outcome back, then what the matcher proposed. */
  reasons: DecisionReason[];
}

/** Score thresholds, in the score's units (log2 of the likelihood ratio). */
export interface Thresholds {
  /** At or above: an automatic link, unless a guard holds it back. */
  link: number;
  /** At or above (and below `link`): a possible match, to review. */
  review: number;
}

/**
 * Default thresholds: a link needs a likelihood ratio of 2^22 (about four million to one) that the two records are
 * one person; a pair at 2^14 or more (about sixteen thousand to one) goes to review. Below 2^14 the bench's pairs
 * are mostly homonyms and strangers born the same day; see the README for the distribution they were read from.
 */
export const defaultThresholds: Thresholds = { link: 22, review: 14 };

/** A pair's order-free key. */
export function pairKey(a: RecordId, b: RecordId): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
