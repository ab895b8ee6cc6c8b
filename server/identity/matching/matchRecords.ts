/**
 * The matcher: records and human decisions in, pair decisions and persons out.
 *
 * 1. Blocking gives the candidate pairs (several rules, their union).
 * 2. Each candidate is compared field by field. Unless the caller passes weights, u comes from random pairs and m
 *    from EM on the candidates, rule by rule (estimateWeights.ts), with the calibrated values as fallback.
 * 3. Each pair is decided: the INS rule, else the score against the thresholds, held back by the guards.
 * 4. Human decisions replace the matcher's outcome on their pairs, whatever the score; the matcher's proposal stays
 *    among the reasons.
 * 5. Clustering makes persons from the links and turns conflicting links into reviews.
 *
 * Pure: the same input gives the same output; nothing is read or written outside the arguments.
 */
import { candidatePairs, defaultBlockingRules, type BlockingRule, type CandidatePairs } from './blocking.ts';
import { clusterPersons, type Person } from './clusterPersons.ts';
import { patternCode, type ComparisonVector } from './comparisonLevels.ts';
import { compareRecords } from './compareRecords.ts';
import { decidePair } from './decidePair.ts';
import { estimateU, estimateWeights, type Estimate } from './estimateWeights.ts';
import type { MatchWeights } from './fellegiSunter.ts';
import { nameFrequencies } from './nameFrequencies.ts';
import { standingDecisions, type HumanDecision } from './humanDecision.ts';
import { defaultThresholds, pairKey, type Outcome, type PairDecision, type Thresholds } from './pairDecision.ts';
import { recordId, type PatientRecord, type RecordId } from './patientRecord.ts';

export interface MatchInput {
  records: readonly PatientRecord[];
  /** Decisions made by people, in the order they were made. */
  humanDecisions?: readonly HumanDecision[];
  /** Fixed weights; estimated from the candidate pairs by EM when absent. */
  weights?: MatchWeights;
  thresholds?: Thresholds;
  blockingRules?: readonly BlockingRule[];
}

export interface MatchResult {
  /** Every pair with a link or review outcome, and every pair a human decided. */
  decisions: PairDecision[];
  persons: Person[];
  /** The weights used, and how they were found. */
  estimate: Estimate;
  candidatePairs: number;
  newPairsByRule: Record<string, number>;
  oversizedBlocks: Record<string, number>;
  /** Human decisions naming a record not in the input (left aside). */
  unknownHumanDecisions: HumanDecision[];
}

const humanOutcome: Record<HumanDecision['choice'], Outcome> = { link: 'link', 'not-same': 'no-link', later: 'review' };
const humanRule = { link: 'human-link', 'not-same': 'human-not-same', later: 'human-later' } as const;

/** A human decision laid over the matcher's own: the outcome is the human's, the matcher's proposal is kept as a reason. */
function applyHuman(proposal: PairDecision, human: HumanDecision): PairDecision {
  const who = [human.by, human.at].filter(Boolean).join(', ');
  const text = `decided by a person${who ? ` (${who})` : ''}${human.comment ? `: ${human.comment}` : ''}`;
  return {
    ...proposal,
    outcome: humanOutcome[human.choice],
    decidedBy: 'human',
    reasons: [{ rule: humanRule[human.choice], text }, { rule: proposal.reasons[0]?.rule ?? 'score', text: `the matcher proposed ${proposal.outcome}: ${proposal.reasons.map((r) => r.text).join('; ')}` }],
  };
}

/**
 * Comparison vectors of up to `count` pairs of records of different sites, drawn by a fixed linear congruential
 * sequence (so the same records give the same weights).
 */
function* randomPairVectors(records: readonly PatientRecord[], count: number): Generator<ComparisonVector> {
  let state = 0x2545f491;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const n = records.length;
  if (n < 2) return;
  for (let drawn = 0, tries = 0; drawn < count && tries < count * 4; tries++) {
    const a = records[Math.floor(next() * n)] as PatientRecord;
    const b = records[Math.floor(next() * n)] as PatientRecord;
    if (a.system === b.system) continue;
    drawn++;
    yield compareRecords(a, b);
  }
}

/** Weights estimated from the records: u from random pairs, m and the match share by EM rule by rule. */
function estimateFromCandidates(records: readonly PatientRecord[], blocking: CandidatePairs, rules: readonly BlockingRule[]): Estimate {
  const byRule = rules.map(() => new Map<number, number>());
  const { pairs, ruleMasks } = blocking;
  for (let k = 0; k < pairs.length; k += 2) {
    const code = patternCode(compareRecords(records[pairs[k] as number] as PatientRecord, records[pairs[k + 1] as number] as PatientRecord));
    const mask = ruleMasks[k / 2] ?? 0;
    byRule.forEach((counts, r) => {
      if (mask & (1 << r)) counts.set(code, (counts.get(code) ?? 0) + 1);
    });
  }
  const sessions = rules.flatMap((rule, r) =>
    rule.estimatesWeights ? [{ name: rule.name, patterns: byRule[r] as Map<number, number>, blockedFields: rule.fields }] : [],
  );
  return estimateWeights(sessions, estimateU(randomPairVectors(records, 100_000)));
}

/** The weights EM finds on these records' candidate pairs (the calibrated ones where it cannot), without matching them. */
export function estimateRecordWeights(records: readonly PatientRecord[], rules: readonly BlockingRule[] = defaultBlockingRules): Estimate {
  return estimateFromCandidates(records, candidatePairs(records, rules), rules);
}

/** Matches the records: see the module's comment for the steps. */
export function matchRecords(input: MatchInput): MatchResult {
  const records = input.records;
  const thresholds = input.thresholds ?? defaultThresholds;
  const byId = new Map<RecordId, PatientRecord>(records.map((record) => [recordId(record), record]));
  const human = standingDecisions(input.humanDecisions ?? []);
  const rules = input.blockingRules ?? defaultBlockingRules;
  const blocking = candidatePairs(records, rules);
  const { pairs } = blocking;

  let estimate: Estimate;
  if (input.weights) {
    estimate = { weights: input.weights, iterations: 0, sessions: {} };
  } else {
    estimate = estimateFromCandidates(records, blocking, rules);
  }
  const weights = estimate.weights;

  const frequencies = nameFrequencies(records);
  const evaluate = (a: RecordId, b: RecordId) => decidePair(byId.get(a) as PatientRecord, byId.get(b) as PatientRecord, weights, thresholds, frequencies);
  const decisions: PairDecision[] = [];
  const decided = new Set<string>();
  for (let k = 0; k < pairs.length; k += 2) {
    const decision = decidePair(records[pairs[k] as number] as PatientRecord, records[pairs[k + 1] as number] as PatientRecord, weights, thresholds, frequencies);
    const key = pairKey(decision.a, decision.b);
    const humanDecision = human.get(key);
    decided.add(key);
    if (humanDecision) decisions.push(applyHuman(decision, humanDecision));
    else if (decision.outcome !== 'no-link') decisions.push(decision);
  }
  const unknownHumanDecisions: HumanDecision[] = [];
  for (const [key, humanDecision] of human) {
    if (decided.has(key)) continue;
    if (!byId.has(humanDecision.a) || !byId.has(humanDecision.b) || humanDecision.a === humanDecision.b) unknownHumanDecisions.push(humanDecision);
    else decisions.push(applyHuman(evaluate(humanDecision.a, humanDecision.b), humanDecision));
  }

  const clustered = clusterPersons({ records: byId, decisions, humanDecisions: human, evaluate });
  const personOf = new Map<RecordId, RecordId>();
  for (const person of clustered.persons) for (const id of person.records) personOf.set(id, person.id);
  for (const decision of clustered.decisions) {
    if (decision.outcome === 'review' && decision.decidedBy === 'matcher' && personOf.get(decision.a) === personOf.get(decision.b)) {
      decision.outcome = 'link';
      decision.reasons.unshift({ rule: 'same-person', text: 'both records joined one person through their other links' });
    }
  }
  return {
    decisions: clustered.decisions,
    persons: clustered.persons,
    estimate,
    candidatePairs: pairs.length / 2,
    newPairsByRule: blocking.newPairsByRule,
    oversizedBlocks: blocking.oversizedBlocks,
    unknownHumanDecisions,
  };
}
