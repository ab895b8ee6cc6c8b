/**
 * Decisions made by people (the identity officer's review): facts the matcher reads and never rewrites. A re-run of
 * the matcher returns the same outcome for a pair a human decided, whatever the score says.
 */
import type { RecordId } from './patientRecord.ts';
import { pairKey } from './pairDecision.ts';

export type HumanChoice = 'link' | 'not-same' | 'later';

export interface HumanDecision {
  a: RecordId;
  b: RecordId;
  choice: HumanChoice;
  comment?: string;
  /** Who decided, as the audit trail names them. */
  by?: string;
  /** ISO 8601 instant. */
  at?: string;
}

/**
 * The standing decision of each pair: the last one given (decisions in the order they were made). Undoing a link is a
 * `not-same` after a `link`; separating a record from a person is a `not-same` with each of its other records.
 */
export function standingDecisions(decisions: readonly HumanDecision[]): Map<string, HumanDecision> {
  const out = new Map<string, HumanDecision>();
  for (const decision of decisions) out.set(pairKey(decision.a, decision.b), decision);
  return out;
}
