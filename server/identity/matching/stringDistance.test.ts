import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, jaroWinkler } from './stringDistance.ts';

const distances: [string, string, number][] = [
  ['DUPONT', 'DUPONT', 0],
  ['DUPONT', 'DUPOND', 1],
  ['DUPONT', 'DUPNOT', 1],
  ['DUPONT', 'DUPONTE', 1],
  ['DUPONT', 'DUPNT', 1],
  ['MARTIN', 'MARTAIN', 1],
  ['MARTIN', 'BERNARD', 6],
  ['', 'ABC', 3],
];

describe('damerauLevenshtein', () => {
  it.each(distances)('%s against %s is %i', (a, b, expected) => {
    expect(damerauLevenshtein(a, b)).toBe(expected);
    expect(damerauLevenshtein(b, a)).toBe(expected);
  });
  it('stops past its limit', () => {
    expect(damerauLevenshtein('MARTIN', 'BERNARD', 1)).toBe(2);
  });
});

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
  });
  it('is 1 for equal strings and 0 against an empty one', () => {
    expect(jaroWinkler('LEA', 'LEA')).toBe(1);
    expect(jaroWinkler('LEA', '')).toBe(0);
  });
});
