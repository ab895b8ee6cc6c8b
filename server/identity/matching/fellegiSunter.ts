/**
 * The Fellegi–Sunter score (Fellegi and Sunter, 1969): for each field, the probability of its level among records
 * of one person (m) and among records of different people (u); a pair's score is the sum over its fields of
 * log2(m / u), a missing field adding nothing.
 */
import { fields, levels, type ComparisonVector, type Field, type Level } from './comparisonLevels.ts';
import { nameShare, type NameFrequencies } from './nameFrequencies.ts';

/** m and u of each level of each field (the `missing` level is not scored and needs none). */
export type LevelProbabilities = Record<Field, Record<Exclude<Level, 'missing'>, { m: number; u: number }>>;

export interface MatchWeights {
  probabilities: LevelProbabilities;
  /** Share of candidate pairs that are one person (λ), from EM or the fallback. */
  matchShare: number;
  /** Where the values come from: estimated by EM on the candidate pairs, or the calibrated fallback. */
  source: 'em' | 'calibrated';
}

/**
 * Calibrated fallback values, used when EM has too few pairs or gives something insane: EM's estimate on the bench
 * population (20,000 people at 3 sites, seed 13; see the README), rounded. Levels a field never reaches (sex and birth
 * place are equal or not) carry m = u, so weigh nothing.
 */
export const calibratedWeights: MatchWeights = {
  source: 'calibrated',
  matchShare: 0.38,
  probabilities: {
    familyName: {
      exact: { m: 0.845, u: 0.0076 },
      normalised: { m: 0.063, u: 0.0001 },
      close: { m: 0.011, u: 0.0007 },
      different: { m: 0.081, u: 0.9916 },
    },
    givenName: {
      exact: { m: 0.841, u: 0.0135 },
      normalised: { m: 0.113, u: 0.0013 },
      close: { m: 0.016, u: 0.0191 },
      different: { m: 0.03, u: 0.9661 },
    },
    birthDate: {
      exact: { m: 0.92, u: 0.0001 },
      normalised: { m: 0.0075, u: 0.00001 },
      close: { m: 0.07, u: 0.0008 },
      different: { m: 0.0025, u: 0.9991 },
    },
    sex: {
      exact: { m: 0.994, u: 0.4955 },
      normalised: { m: 0.0001, u: 0.0001 },
      close: { m: 0.0001, u: 0.0001 },
      different: { m: 0.0058, u: 0.5043 },
    },
    birthPlace: {
      exact: { m: 0.98, u: 0.0001 },
      normalised: { m: 0.0001, u: 0.0001 },
      close: { m: 0.0001, u: 0.0001 },
      different: { m: 0.0197, u: 0.9997 },
    },
  },
};

const strength: Exclude<Level, 'missing'>[] = ['exact', 'normalised', 'close'];

/**
 * log2(m / u) of one field's level; 0 for a missing field. A weaker agreement never weighs more than a stronger one
 * (normalised ≤ exact, close ≤ normalised): where sampling left a rare level's u too small (two strangers' birth
 * dates swapped day for month turn up about once in 40,000 random pairs), the stronger level's weight bounds it.
 */
export function levelWeight(weights: MatchWeights, field: Field, level: Level): number {
  if (level === 'missing') return 0;
  const raw = (l: Exclude<Level, 'missing'>) => Math.log2(weights.probabilities[field][l].m / weights.probabilities[field][l].u);
  const index = strength.indexOf(level as (typeof strength)[number]);
  if (index < 0) return raw(level as Exclude<Level, 'missing'>);
  return Math.min(...strength.slice(0, index + 1).map(raw));
}

/** How far a name's frequency may move its weight from the level's average, in bits. */
export const frequencyBounds = { below: 4, above: 7 };

/**
 * Each field's weight and the pair's score (the sum). With name frequencies, an agreement on a family name or first
 * given name weighs log2(m(exact) / share of records with that name) instead of the level's average: a common name
 * weighs less, a rare one more, within `frequencyBounds` of the average.
 */
export function scorePair(
  weights: MatchWeights,
  vector: ComparisonVector,
  frequencies?: NameFrequencies,
): { score: number; fieldWeights: Record<Field, number> } {
  const fieldWeights = {} as Record<Field, number>;
  let score = 0;
  for (const field of fields) {
    const { level, value } = vector[field];
    const share = frequencies && value && (field === 'familyName' || field === 'givenName') && level !== 'missing' && level !== 'different' && level !== 'close'
      ? nameShare(frequencies, field, value)
      : undefined;
    const average = levelWeight(weights, field, level);
    const weight = share === undefined
      ? average
      : Math.min(Math.max(Math.log2(weights.probabilities[field].exact.m / share), average - frequencyBounds.below), average + frequencyBounds.above);
    fieldWeights[field] = weight;
    score += weight;
  }
  return { score, fieldWeights };
}

/** The probability that a pair is one person, from its score and the match share (Bayes). */
export function matchProbability(weights: MatchWeights, score: number): number {
  const prior = weights.matchShare / (1 - weights.matchShare);
  const odds = prior * 2 ** score;
  return odds / (1 + odds);
}

/** The scored levels, for tables (the README's and the bench's). */
export const scoredLevels = levels.filter((level): level is Exclude<Level, 'missing'> => level !== 'missing');
