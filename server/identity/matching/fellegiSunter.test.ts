import { describe, expect, it } from 'vitest';
import type { ComparisonVector, Level } from './comparisonLevels.ts';
import { calibratedWeights, frequencyBounds, levelWeight, matchProbability, scorePair } from './fellegiSunter.ts';
import type { NameFrequencies } from './nameFrequencies.ts';

const vector = (familyName: Level, givenName: Level, birthDate: Level, sex: Level = 'exact', birthPlace: Level = 'missing'): ComparisonVector => ({
  familyName: { level: familyName },
  givenName: { level: givenName },
  birthDate: { level: birthDate },
  sex: { level: sex },
  birthPlace: { level: birthPlace },
});

const score = (v: ComparisonVector) => scorePair(calibratedWeights, v).score;

describe('the score orders pairs from one person to strangers', () => {
  const ordered: [string, ComparisonVector][] = [
    ['everything exact, birth place too', vector('exact', 'exact', 'exact', 'exact', 'exact')],
    ['everything exact', vector('exact', 'exact', 'exact')],
    ['names equal once normalised', vector('normalised', 'normalised', 'exact')],
    ['a typo in the family name', vector('close', 'exact', 'exact')],
    ['homonyms: same names, another birth date', vector('exact', 'exact', 'different')],
    ['nothing agrees', vector('different', 'different', 'different', 'different')],
  ];
  it.each(ordered.slice(1).map((entry, i) => [ordered[i]?.[0], entry[0], ordered[i]?.[1], entry[1]] as const))(
    '%s > %s',
    // A weaker agreement may weigh as much as a stronger one (never more): hence ≥.
    (_, __, higher, lower) => expect(score(higher as ComparisonVector)).toBeGreaterThanOrEqual(score(lower as ComparisonVector)),
  );
});

describe('weights', () => {
  it('puts one person with a typo well above homonyms', () => {
    expect(score(vector('close', 'exact', 'exact'))).toBeGreaterThan(score(vector('exact', 'exact', 'different')) + 10);
  });
  it('a missing field weighs nothing', () => {
    expect(levelWeight(calibratedWeights, 'birthDate', 'missing')).toBe(0);
  });
  it('a weaker agreement never weighs more than a stronger one', () => {
    const skewed = structuredClone(calibratedWeights);
    skewed.probabilities.birthDate.normalised = { m: 0.05, u: 0.000001 };
    expect(levelWeight(skewed, 'birthDate', 'normalised')).toBe(levelWeight(skewed, 'birthDate', 'exact'));
  });
  it('a common name shared weighs less than a rare one', () => {
    const frequencies: NameFrequencies = {
      familyName: new Map([['MARTIN', 400], ['QUEBAULT', 2]]),
      givenName: new Map(),
      familyTotal: 20_000,
      givenTotal: 20_000,
    };
    const shared = (value: string): ComparisonVector => ({ ...vector('exact', 'exact', 'exact'), familyName: { level: 'exact', value } });
    const common = scorePair(calibratedWeights, shared('MARTIN'), frequencies).fieldWeights.familyName;
    const rare = scorePair(calibratedWeights, shared('QUEBAULT'), frequencies).fieldWeights.familyName;
    expect(rare).toBeGreaterThan(common);
    expect(common).toBeCloseTo(Math.log2(0.845 / 0.02), 6);
    expect(rare).toBeCloseTo(Math.log2(0.845 / (2 / 20_000)), 6);
    const unique = { ...frequencies, familyName: new Map([['QUEBAULT', 1]]), familyTotal: 1_000_000 };
    expect(scorePair(calibratedWeights, shared('QUEBAULT'), unique).fieldWeights.familyName).toBe(
      levelWeight(calibratedWeights, 'familyName', 'exact') + frequencyBounds.above,
    );
  });
  it('turns a score into a probability with the match share', () => {
    expect(matchProbability(calibratedWeights, 0)).toBeCloseTo(0.38, 6);
    expect(matchProbability(calibratedWeights, 30)).toBeGreaterThan(0.999999);
  });
});
