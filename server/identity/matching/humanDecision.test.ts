import { describe, expect, it } from 'vitest';
import { confirmPerson, separateFromPerson, standingDecisions } from './humanDecision.ts';
import { pairKey } from './pairDecision.ts';
import type { RecordId } from './patientRecord.ts';

const [a, b, c] = ['A|1', 'B|1', 'C|1'] as RecordId[] as [RecordId, RecordId, RecordId];

describe('human decisions', () => {
  it('the last decision on a pair stands, in either order of its records', () => {
    const standing = standingDecisions([
      { a, b, choice: 'link' },
      { a: b, b: a, choice: 'not-same', comment: 'two people' },
    ]);
    expect(standing.size).toBe(1);
    expect(standing.get(pairKey(a, b))).toMatchObject({ choice: 'not-same', comment: 'two people' });
  });
  it('separating a record from a person is a not-same with each of its other records', () => {
    expect(separateFromPerson(c, [a, b, c], { by: 'officer-1' })).toEqual([
      { a: c, b: a, choice: 'not-same', by: 'officer-1' },
      { a: c, b, choice: 'not-same', by: 'officer-1' },
    ]);
  });
  it('confirming a person links each pair of its records', () => {
    expect(confirmPerson([a, b, c]).map((d) => `${d.a} ${d.b} ${d.choice}`)).toEqual(['A|1 B|1 link', 'A|1 C|1 link', 'B|1 C|1 link']);
  });
});
