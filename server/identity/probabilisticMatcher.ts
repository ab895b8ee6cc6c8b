/**
 * The manager's default matcher: the matching core of server/identity/matching behind the manager's `Matcher`
 * interface. Blocking keys are the core's blocking rules (INS; birth date either way round; family name's sound with
 * the birth year; family and first given name; first given name's sound with sex and birth year), each key prefixed
 * with its rule so that keys of two rules never meet. A pair is decided by the core (`decidePair`): the INS rule, else
 * the Fellegi–Sunter score against the thresholds, held back by the twins and family-name guards. The reason kept is
 * JSON: the rule, the fields with their levels and weights, those that agreed, the score and its probability.
 *
 * The weights are the calibrated ones until `learn` is given the stored records: then EM estimates them from the
 * records' candidate pairs (as `matchRecords` does over a whole set), and name frequencies adjust an agreement on a
 * common or a rare name. `withWeights` takes weights learnt earlier (the identity manager stores them, migration 0005).
 */
import type { JsonObject } from '../db/databaseSchema.ts';
import { defaultBlockingRules, type BlockingRule } from './matching/blocking.ts';
import { decidePair } from './matching/decidePair.ts';
import { calibratedWeights, type MatchWeights } from './matching/fellegiSunter.ts';
import { estimateRecordWeights } from './matching/matchRecords.ts';
import { nameFrequencies, type NameFrequencies } from './matching/nameFrequencies.ts';
import { defaultThresholds, type Thresholds } from './matching/pairDecision.ts';
import { isInsSystem, type PatientRecord, type Sex as CoreSex } from './matching/patientRecord.ts';
import type { Matcher, MatchDecision, MatchRecord } from './matcher.ts';
import type { Sex } from './patientTraits.ts';

const coreSex: Record<Sex, CoreSex> = { male: 'M', female: 'F', other: 'O', unknown: 'U' };

/** A stored record as the matching core reads it. */
export function corePatientRecord(record: MatchRecord): PatientRecord {
  const { traits } = record;
  const ins = traits.ins && isInsSystem(traits.ins.system) ? { system: traits.ins.system, value: traits.ins.value } : undefined;
  return {
    system: record.identifier.system,
    value: record.identifier.value,
    ...(ins ? { ins } : {}),
    ...(traits.birthName ? { birthFamilyName: traits.birthName } : {}),
    ...(traits.usedName ? { usedFamilyName: traits.usedName } : {}),
    givenNames: traits.givenNames,
    ...(traits.birthDate ? { birthDate: traits.birthDate } : {}),
    sex: traits.sex ? coreSex[traits.sex] : 'U',
  };
}

export interface ProbabilisticMatcherOptions {
  /** Default: the calibrated weights (server/identity/matching/fellegiSunter.ts). */
  weights?: MatchWeights;
  thresholds?: Thresholds;
  /** Name frequencies for the term-frequency adjustment; none by default. */
  frequencies?: NameFrequencies;
  blockingRules?: readonly BlockingRule[];
}

export interface ProbabilisticMatcher extends Matcher {
  readonly weights: MatchWeights;
  /** The name frequencies it adjusts agreements with, if any. */
  readonly frequencies: NameFrequencies | undefined;
  /**
   * A matcher with weights estimated by EM from these records (the calibrated ones kept when EM has too few pairs
   * or gives something insane) and their name frequencies; the thresholds and blocking rules stay.
   */
  learn(records: readonly MatchRecord[]): ProbabilisticMatcher;
  /** A matcher with these weights and frequencies (learnt earlier and stored); the thresholds and blocking rules stay. */
  withWeights(weights: MatchWeights, frequencies: NameFrequencies | undefined): ProbabilisticMatcher;
}

/** The rule's position and the key, so that keys of different rules never meet. */
function ruleKey(index: number, key: string): string {
  return `${index}:${key}`;
}

export function createProbabilisticMatcher(options: ProbabilisticMatcherOptions = {}): ProbabilisticMatcher {
  const weights = options.weights ?? calibratedWeights;
  const thresholds = options.thresholds ?? defaultThresholds;
  const rules = options.blockingRules ?? defaultBlockingRules;
  const { frequencies } = options;
  return {
    name: 'probabilistic',
    weights,
    frequencies,
    blockingKeys(record) {
      const core = corePatientRecord(record);
      return [...new Set(rules.flatMap((rule, index) => rule.keys(core).map((key) => ruleKey(index, key))))];
    },
    compare(record, candidate): MatchDecision {
      // A site's identifiers are its own patients: records of one system are never paired automatically.
      if (record.identifier.system === candidate.identifier.system) {
        return { outcome: 'no-link', reason: { matcher: 'probabilistic', rule: 'same-system' } };
      }
      const decision = decidePair(corePatientRecord(record), corePatientRecord(candidate), weights, thresholds, frequencies);
      const reason: JsonObject = {
        matcher: 'probabilistic',
        rule: decision.reasons[0]?.rule ?? 'score',
        score: decision.score,
        probability: Math.round(decision.probability * 1e6) / 1e6,
        thresholds: { link: thresholds.link, review: thresholds.review },
        weights: weights.source,
        agreed: decision.agreed,
        fields: decision.fields.map((field) => ({ field: field.field, level: field.level, weight: field.weight, ...(field.how ? { how: field.how } : {}) })),
        reasons: decision.reasons.map((item) => ({ rule: item.rule, text: item.text })),
      };
      return { outcome: decision.outcome, reason };
    },
    learn(records) {
      const core = records.map(corePatientRecord);
      return createProbabilisticMatcher({
        ...options,
        weights: estimateRecordWeights(core, rules).weights,
        frequencies: nameFrequencies(core),
      });
    },
    withWeights(learnt, learntFrequencies) {
      return createProbabilisticMatcher({ ...options, weights: learnt, frequencies: learntFrequencies });
    },
  };
}
