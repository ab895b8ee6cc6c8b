import { describe, expect, it } from 'vitest';
import { minimumNamesForFrequencies, nameFrequencies, nameShare } from './nameFrequencies.ts';
import type { PatientRecord } from './patientRecord.ts';

const record = (i: number, family: string, given: string, used?: string): PatientRecord => ({
  system: 'urn:oid:1.2.250.1.999.1.1',
  value: String(i),
  birthFamilyName: family,
  ...(used ? { usedFamilyName: used } : {}),
  givenNames: [given],
  sex: 'F',
});

describe('nameFrequencies', () => {
  const records = Array.from({ length: minimumNamesForFrequencies }, (_, i) =>
    i % 10 === 0 ? record(i, 'Martin', 'Marie') : record(i, `NAME${i}`, `GIVEN${i}`, i === 1 ? 'de la Fontaine' : undefined),
  );
  const frequencies = nameFrequencies(records);

  it('counts normalised names, every form of a family name, birth and used names', () => {
    expect(frequencies.familyName.get('MARTIN')).toBe(100);
    expect(frequencies.familyName.get('DELAFONTAINE')).toBe(1);
    expect(frequencies.familyName.get('FONTAINE')).toBe(1);
    expect(frequencies.givenName.get('MARIE')).toBe(100);
  });
  it('gives the share of records with a name', () => {
    expect(nameShare(frequencies, 'familyName', 'MARTIN')).toBeCloseTo(0.1, 6);
    expect(nameShare(frequencies, 'givenName', 'NOBODY')).toBeUndefined();
  });
  it('says nothing when too few names were counted', () => {
    expect(nameShare(nameFrequencies(records.slice(0, 10)), 'familyName', 'MARTIN')).toBeUndefined();
  });
});
