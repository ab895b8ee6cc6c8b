import { describe, expect, it } from 'vitest';
import { fields, patternCode, type ComparisonVector, type Level } from './comparisonLevels.ts';
import { estimateU, estimateWeights } from './estimateWeights.ts';
import { calibratedWeights } from './fellegiSunter.ts';

const vector = (levels: Level[]): ComparisonVector =>
  Object.fromEntries(fields.map((field, i) => [field, { level: levels[i] ?? 'missing' }])) as ComparisonVector;

/** Candidate pairs of a rule blocking on the birth date: 600 of one person, 400 strangers born the same day. */
function birthDateSession(): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (levels: Level[], n: number) => counts.set(patternCode(vector(levels)), (counts.get(patternCode(vector(levels))) ?? 0) + n);
  add(['exact', 'exact', 'exact', 'exact', 'missing'], 540);
  add(['close', 'exact', 'exact', 'exact', 'missing'], 30);
  add(['exact', 'normalised', 'exact', 'exact', 'missing'], 30);
  add(['different', 'different', 'exact', 'exact', 'missing'], 200);
  add(['different', 'different', 'exact', 'different', 'missing'], 190);
  add(['exact', 'different', 'exact', 'exact', 'missing'], 10);
  return counts;
}

const randomPairs = (): ComparisonVector[] => [
  ...Array.from({ length: 490 }, () => vector(['different', 'different', 'different', 'exact', 'different'])),
  ...Array.from({ length: 490 }, () => vector(['different', 'different', 'different', 'different', 'different'])),
  ...Array.from({ length: 10 }, () => vector(['exact', 'different', 'different', 'exact', 'different'])),
  ...Array.from({ length: 10 }, () => vector(['different', 'exact', 'different', 'exact', 'different'])),
];

describe('estimateWeights', () => {
  it('finds the share of one person and the m of the fields the rule did not block on', () => {
    const sessions = [{ name: 'birth date', patterns: birthDateSession(), blockedFields: ['birthDate' as const] }];
    const { weights, fallback } = estimateWeights(sessions, estimateU(randomPairs()));
    expect(fallback).toMatch(/birthDate/);
    expect(weights.source).toBe('em');
    expect(weights.matchShare).toBeGreaterThan(0.5);
    expect(weights.matchShare).toBeLessThan(0.7);
    expect(weights.probabilities.familyName.exact.m).toBeGreaterThan(0.85);
    expect(weights.probabilities.familyName.different.m).toBeLessThan(0.05);
    expect(weights.probabilities.birthDate).toEqual(
      Object.fromEntries(Object.entries(calibratedWeights.probabilities.birthDate).map(([level, { m }]) => [level, { m, u: weights.probabilities.birthDate[level as 'exact'].u }])),
    );
  });
  it('keeps the calibrated values when there are too few pairs', () => {
    const tiny = new Map([[patternCode(vector(['exact', 'exact', 'exact', 'exact', 'exact'])), 3]]);
    const estimate = estimateWeights([{ name: 'birth date', patterns: tiny, blockedFields: ['birthDate'] }], estimateU([]));
    expect(estimate.weights.source).toBe('calibrated');
  });
});

describe('estimateU', () => {
  it('counts levels among random pairs, missing left out', () => {
    const u = estimateU(randomPairs());
    expect(u.familyName.exact.u).toBeCloseTo(10 / 1001, 3);
    expect(u.familyName.different.u).toBeGreaterThan(0.98);
  });
});
