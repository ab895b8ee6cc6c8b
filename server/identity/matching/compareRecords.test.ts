import { describe, expect, it } from 'vitest';
import { compareBirthDates, compareFamilyNames, compareGivenNames, compareNames, compareRecords } from './compareRecords.ts';
import type { PatientRecord } from './patientRecord.ts';

const base: PatientRecord = {
  system: 'urn:oid:1.2.250.1.999.1.1',
  value: 'A1',
  birthFamilyName: 'DUPONT',
  givenNames: ['MARIE'],
  birthDate: '1975-03-08',
  sex: 'F',
};
const other = (changes: Partial<PatientRecord>): PatientRecord => ({ ...base, system: 'urn:oid:1.2.250.1.999.2.1', value: 'B1', ...changes });

describe('compareNames', () => {
  it.each([
    ['DUPONT', 'Dupont', 'exact'],
    ['HÉLÈNE', 'HELENE', 'normalised'],
    ['JEAN-PIERRE', 'JEAN PIERRE', 'normalised'],
    ['JEAN-PIERRE', 'JEANPIERRE', 'normalised'],
    ['DE LA FONTAINE', 'DELAFONTAINE', 'normalised'],
    ['DE LA FONTAINE', 'FONTAINE', 'normalised'],
    ["D'ALMEIDA", 'ALMEIDA', 'normalised'],
    ['LE GALL', 'LEGALL', 'normalised'],
    ['DUPONT', 'DUPOND', 'close'],
    ['DUPONT', 'DUPNOT', 'close'],
    ['MARTIN', 'BERNARD', 'different'],
    ['MARTIN', '  ', 'missing'],
  ])('%s against %s is %s', (a, b, level) => expect(compareNames(a, b)).toBe(level));
});

describe('family names: birth name against used name', () => {
  it('finds a married woman under her birth name at one site and both names at the other', () => {
    const married = other({ birthFamilyName: 'DUPONT', usedFamilyName: 'MARTIN' });
    expect(compareFamilyNames(other({ birthFamilyName: undefined, usedFamilyName: 'Martin' }), married)).toEqual({
      level: 'exact',
      how: 'used name / used name',
      value: 'MARTIN',
    });
    expect(compareFamilyNames(base, married).level).toBe('exact');
  });
  it('matches a used name written as the birth name at another site', () => {
    const a = other({ birthFamilyName: 'DUPONT', usedFamilyName: 'MARTIN' });
    const b = other({ birthFamilyName: 'MARTIN' });
    expect(compareFamilyNames(a, b)).toMatchObject({ level: 'exact', how: 'used name / birth name' });
  });
  it('is different when no pairing comes close', () => {
    expect(compareFamilyNames(other({ birthFamilyName: undefined, usedFamilyName: 'MARTIN' }), base).level).toBe('different');
  });
});

describe('given names', () => {
  it.each<[string, Partial<PatientRecord>, Partial<PatientRecord>, string]>([
    ['compound with a hyphen and a space', { givenNames: ['JEAN-PIERRE'] }, { givenNames: ['Jean Pierre'] }, 'normalised'],
    ['accents lost', { givenNames: ['HÉLÈNE'] }, { givenNames: ['HELENE'] }, 'normalised'],
    ['one typo', { givenNames: ['MARTINE'] }, { givenNames: ['MARTNE'] }, 'close'],
    ['first given name among the other list', { givenNames: ['MARIE', 'JEANNE'] }, { givenNames: ['JEANNE'] }, 'close'],
    ['compound against two given names', { givenNames: ['JEAN PIERRE'] }, { givenNames: ['JEAN', 'PIERRE'] }, 'close'],
    ['the explicit first given name wins over the list', { givenNames: ['ANNE', 'MARIE'], firstGivenName: 'MARIE' }, { givenNames: ['MARIE'] }, 'exact'],
    ['two different names close in spelling', { givenNames: ['JEAN'] }, { givenNames: ['JEANNE'] }, 'different'],
    ['missing on one side', { givenNames: [] }, { givenNames: ['MARIE'] }, 'missing'],
  ])('%s', (_, a, b, level) => expect(compareGivenNames(other(a), other(b)).level).toBe(level));
});

describe('birth dates', () => {
  it.each([
    ['1975-03-08', '1975-03-08', 'exact'],
    ['1975-03-08', '1975-08-03', 'normalised'],
    ['1975-03-08', '1975-03-09', 'close'],
    ['1975-03-08', '1957-03-08', 'close'],
    ['1975-03-08', '1975', 'close'],
    ['1975-03-08', '1975-03', 'close'],
    ['1975-03-08', '1976', 'different'],
    ['1975-03-08', '1982-11-21', 'different'],
    ['1975-03-08', undefined, 'missing'],
  ])('%s against %s is %s', (a, b, level) => expect(compareBirthDates(a, b).level).toBe(level));
});

describe('compareRecords', () => {
  it('gives a level per field', () => {
    const vector = compareRecords(base, other({ givenNames: ['Marie'], sex: 'U', birthPlace: '75056' }));
    expect(Object.fromEntries(Object.entries(vector).map(([field, c]) => [field, c.level]))).toEqual({
      familyName: 'exact',
      givenName: 'exact',
      birthDate: 'exact',
      sex: 'missing',
      birthPlace: 'missing',
    });
  });
  it('compares birth places as codes', () => {
    expect(compareRecords(other({ birthPlace: '75056' }), other({ birthPlace: '75056' })).birthPlace.level).toBe('exact');
    expect(compareRecords(other({ birthPlace: '75056' }), other({ birthPlace: '69123' })).birthPlace.level).toBe('different');
  });
});
