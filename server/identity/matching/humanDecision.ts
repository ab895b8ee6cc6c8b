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

/** What a person's decision carries besides its choice. */
export type DecisionNote = Pick<HumanDecision, 'comment' | 'by' | 'at'>;

/** Taking a record out of a person: `not-same` between it and each of the person's other records. */
export function separateFromPerson(record: RecordId, personRecords: readonly RecordId[], note: DecisionNote = {}): HumanDecision[] {
  return personRecords.filter((other) => other !== record).map((other) => ({ a: record, b: other, choice: 'not-same', ...note }));
}

/** Confirming a person as a whole: `link` between each pair of its records, which re-matching then keeps. */
export function confirmPerson(personRecords: readonly RecordId[], note: DecisionNote = {}): HumanDecision[] {
  const out: HumanDecision[] = [];
  personRecords.forEach((a, i) => personRecords.slice(i + 1).forEach((b) => out.push({ a, b, choice: 'link', ...note })));
  return out;
}
