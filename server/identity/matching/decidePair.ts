/**
 * The matcher's decision on one pair, before clustering and before human decisions: the INS rule, else the score
 * against the thresholds, held back by the guards.
 *
 * Guards (a link they hold back becomes a review; they never make a link):
 * - twins: the same family name, the same birth date (day and month either way, or one typed character apart) and
 *   a different first given name is never an automatic link;
 * - family-name-disagrees: without INS, no pairing of birth and used names even comes close; a name change (a
 *   married name at one site, the birth name only at the other) is for a person to confirm.
 */
import { agrees, fields, type ComparisonVector, type Field } from './comparisonLevels.ts';
import { compareRecords } from './compareRecords.ts';
import { matchProbability, scorePair, type MatchWeights } from './fellegiSunter.ts';
import { insVerdict } from './insRule.ts';
import type { NameFrequencies } from './nameFrequencies.ts';
import { recordId, type PatientRecord } from './patientRecord.ts';
import type { DecisionReason, FieldReason, Outcome, PairDecision, Thresholds } from './pairDecision.ts';

/** Whether the twins guard holds for a comparison vector. */
export function looksLikeTwins(vector: ComparisonVector): boolean {
  // A typo in the name or the date does not make twins strangers: `close` counts as the same here.
  const near = (level: ComparisonVector[Field]['level']) => agrees(level) || level === 'close';
  const sameFamily = near(vector.familyName.level);
  const sameDate = near(vector.birthDate.level);
  const givenDiffers = vector.givenName.level !== 'missing' && !agrees(vector.givenName.level);
  return sameFamily && sameDate && givenDiffers;
}

function fieldReasons(vector: ComparisonVector, fieldWeights: Record<Field, number>): FieldReason[] {
  return fields.map((field) => ({
    field,
    level: vector[field].level,
    ...(vector[field].how ? { how: vector[field].how } : {}),
    weight: Math.round(fieldWeights[field] * 100) / 100,
  }));
}

/** The decision on a pair from its records alone (no human decision, no other pair). */
export function decidePair(
  a: PatientRecord,
  b: PatientRecord,
  weights: MatchWeights,
  thresholds: Thresholds,
  frequencies?: NameFrequencies,
): PairDecision {
  const vector = compareRecords(a, b);
  const { score, fieldWeights } = scorePair(weights, vector, frequencies);
  const rounded = Math.round(score * 100) / 100;
  const scoreText = `score ${rounded.toFixed(2)} (link ≥ ${thresholds.link}, review ≥ ${thresholds.review})`;
  const reasons: DecisionReason[] = [];
  let outcome: Outcome;

  const ins = insVerdict(a, b, vector);
  if (ins.kind === 'different') {
    outcome = 'no-link';
    reasons.push({ rule: 'different-ins', text: ins.text }, { rule: 'score', text: scoreText });
  } else if (ins.kind === 'same') {
    outcome = ins.disagreeing.length === 0 ? 'link' : 'review';
    reasons.push({ rule: ins.disagreeing.length === 0 ? 'same-ins' : 'ins-traits-disagree', text: ins.text }, { rule: 'score', text: scoreText });
  } else {
    outcome = score >= thresholds.link ? 'link' : score >= thresholds.review ? 'review' : 'no-link';
    reasons.push({ rule: 'score', text: scoreText });
    if (outcome === 'link' && looksLikeTwins(vector)) {
      outcome = 'review';
      reasons.unshift({ rule: 'twins', text: 'same family name and birth date, different first given name: possible twins' });
    } else if (outcome === 'link' && vector.familyName.level === 'different') {
      outcome = 'review';
      reasons.unshift({ rule: 'family-name-disagrees', text: 'no birth or used family name agrees: a name change to confirm' });
    }
  }

  return {
    a: recordId(a),
    b: recordId(b),
    outcome,
    decidedBy: 'matcher',
    score: rounded,
    probability: matchProbability(weights, score),
    fields: fieldReasons(vector, fieldWeights),
    agreed: fields.filter((field) => agrees(vector[field].level)),
    reasons,
  };
}
