import { describe, expect, it } from 'vitest';
import { decidePair } from './decidePair.ts';
import { calibratedWeights } from './fellegiSunter.ts';
import { defaultThresholds } from './pairDecision.ts';
import type { PatientRecord } from './patientRecord.ts';

const NIR = 'urn:oid:1.2.250.1.213.1.4.8' as const;
const a: PatientRecord = {
  system: 'urn:oid:1.2.250.1.999.1.1',
  value: 'A1',
  birthFamilyName: 'QUEBAULT',
  givenNames: ['HÉLÈNE', 'ODILE'],
  birthDate: '1975-03-08',
  sex: 'F',
};
const b = (changes: Partial<PatientRecord>): PatientRecord => ({ ...a, system: 'urn:oid:1.2.250.1.999.2.1', value: 'B1', ...changes });
const decide = (x: PatientRecord, y: PatientRecord) => decidePair(x, y, calibratedWeights, defaultThresholds);
const rules = (x: PatientRecord, y: PatientRecord) => decide(x, y).reasons.map((reason) => reason.rule);

describe('without INS, the score decides', () => {
  it.each<[string, Partial<PatientRecord>, 'link' | 'review' | 'no-link']>([
    ['the same identity written the same', {}, 'link'],
    ['accents lost and upper case', { givenNames: ['HELENE'] }, 'link'],
    ['day and month swapped', { birthDate: '1975-08-03' }, 'link'],
    ['a typo in the family name', { birthFamilyName: 'QUEBAUT' }, 'link'],
    ['a typo in the birth date', { birthDate: '1975-03-09' }, 'review'],
    ['a homonym born another year', { birthDate: '1982-11-21' }, 'no-link'],
    ['a stranger born the same day', { birthFamilyName: 'MARTIN', givenNames: ['PAUL'], sex: 'M' }, 'no-link'],
  ])('%s: %s', (_, changes, outcome) => expect(decide(a, b(changes)).outcome).toBe(outcome));

  it('keeps its reasons: fields, levels, weights, score and rule', () => {
    const decision = decide(a, b({ givenNames: ['Helene'] }));
    expect(decision.agreed).toEqual(['familyName', 'givenName', 'birthDate', 'sex']);
    expect(decision.fields.find((field) => field.field === 'givenName')).toMatchObject({ level: 'normalised', how: 'first given names' });
    expect(decision.reasons[0]).toMatchObject({ rule: 'score' });
    expect(decision.reasons[0]?.text).toContain(`link ≥ ${defaultThresholds.link}`);
    expect(decision.score).toBeGreaterThanOrEqual(defaultThresholds.link);
  });
});

describe('guards', () => {
  it('twins: same family name and birth date, another first given name, are never an automatic link', () => {
    const twin = b({ givenNames: ['ODILE'], birthPlace: '75056' });
    const decision = decide({ ...a, birthPlace: '75056' }, twin);
    expect(decision.score).toBeGreaterThanOrEqual(defaultThresholds.link);
    expect(decision.outcome).toBe('review');
    expect(decision.reasons[0]?.rule).toBe('twins');
  });
  it('twins even when the family name or birth date carries a typo', () => {
    const twin = b({ givenNames: ['ODILE'], birthFamilyName: 'QUEBAUT', birthPlace: '75056' });
    expect(decide({ ...a, birthPlace: '75056' }, twin).outcome).not.toBe('link');
  });
  it('a family name that agrees in no pairing of birth and used names goes to review, not to a link', () => {
    const decision = decide({ ...a, birthPlace: '75056' }, b({ birthFamilyName: undefined, usedFamilyName: 'MARTIN', birthPlace: '75056' }));
    expect(decision.outcome).toBe('review');
    expect(decision.reasons[0]?.rule).toBe('family-name-disagrees');
  });
});

describe('the INS rule', () => {
  const ins = (value: string) => ({ ins: { system: NIR, value, status: 'qualified' as const } });
  it('the same INS with the same strict traits is a link, whatever the score', () => {
    const decision = decide({ ...a, ...ins('275037512345678') }, b({ ...ins('275037512345678'), givenNames: ['HELENE'], birthPlace: undefined }));
    expect(decision.outcome).toBe('link');
    expect(decision.reasons[0]?.rule).toBe('same-ins');
  });
  it.each<[string, Partial<PatientRecord>]>([
    ['birth name', { birthFamilyName: 'QUEBO' }],
    ['first given name', { givenNames: ['ODILE'] }],
    ['birth date', { birthDate: '1975-08-03' }],
    ['sex', { sex: 'M' }],
  ])('the same INS with another %s goes to review, never to a link', (_, changes) => {
    const decision = decide({ ...a, ...ins('275037512345678') }, b({ ...ins('275037512345678'), ...changes }));
    expect(decision.outcome).toBe('review');
    expect(decision.reasons[0]?.rule).toBe('ins-traits-disagree');
  });
  it('different INS values are never linked, however alike the traits', () => {
    const decision = decide({ ...a, ...ins('275037512345678') }, b(ins('275037512399999')));
    expect(decision.outcome).toBe('no-link');
    expect(rules({ ...a, ...ins('275037512345678') }, b(ins('275037512399999')))[0]).toBe('different-ins');
  });
  it('INS of different systems say nothing: the score decides', () => {
    const test = { ins: { system: 'urn:oid:1.2.250.1.213.1.4.10' as const, value: '275037512399999' } };
    expect(rules({ ...a, ...ins('275037512345678') }, b(test))[0]).toBe('score');
  });
});
