import { describe, expect, it } from 'vitest';
import { commentRequired, parseQueuePage, personLabel, reasonInWords, traitAgreement, type ReviewRecord } from './reviewModel.ts';

const record = (overrides: Partial<ReviewRecord> = {}): ReviewRecord => ({
  id: '1',
  system: 'urn:oid:1.2.250.1.999.1.1',
  value: 'CHU-1',
  site: 'chu',
  birthName: 'MOREAU',
  usedName: null,
  givenNames: ['Anne-Sophie', 'Claire'],
  birthDate: '1985-01-17',
  sex: 'female',
  ins: { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '285017512345678', status: 'qualified' },
  personId: '7',
  link: { origin: 'automatic', reason: { rule: 'own-person' } },
  deleted: false,
  ...overrides,
});

describe('identity review model', () => {
  it('compares traits as the strict traits do: case, accents and hyphens aside, the first given name only', () => {
    const other = record({ birthName: 'Moreau', givenNames: ['ANNE SOPHIE'], birthDate: '1985-17-01', sex: null });
    expect(traitAgreement(record(), other, 'birthName')).toBe('same');
    expect(traitAgreement(record(), other, 'givenNames')).toBe('same');
    expect(traitAgreement(record(), other, 'birthDate')).toBe('differ');
    expect(traitAgreement(record(), other, 'sex')).toBe('missing');
    expect(traitAgreement(record(), record({ givenNames: ['Claire'] }), 'givenNames')).toBe('differ');
  });

  it('puts a reason in parts the page can say: rule, score, fields that agreed, differed, were missing, levels', () => {
    expect(reasonInWords({ matcher: 'ins-rules', rule: 'same-ins-strict-traits-differ', agreeing: ['birthName', 'sex'], differing: ['birthDate'], missing: [], ins: 'x|1' })).toEqual([
      { key: 'rule', values: { rule: 'same-ins-strict-traits-differ' } },
      { key: 'agreeing', fields: ['birthName', 'sex'] },
      { key: 'differing', fields: ['birthDate'] },
      { key: 'ins', values: { ins: 'x|1' } },
    ]);
    expect(reasonInWords({ score: 7.456, levels: { birthName: 'exact', birthDate: 'day-month-swapped', ignored: { a: 1 } } })).toEqual([
      { key: 'score', values: { score: '7.46' } },
      { key: 'levels', values: { levels: 'birthName: exact, birthDate: day-month-swapped' } },
    ]);
    expect(reasonInWords({ agreeing: 'not a list' })).toEqual([]);
    // The probabilistic matcher's shape: `agreed`, and a level per field with how it was compared.
    const probabilistic = {
      matcher: 'probabilistic',
      rule: 'score',
      score: 17.5,
      agreed: ['familyName', 'sex'],
      fields: [
        { field: 'familyName', level: 'exact', weight: 6.8 },
        { field: 'givenName', level: 'different', weight: -4 },
        { field: 'birthDate', level: 'normalised', how: 'day and month swapped', weight: 9.5 },
        { field: 'birthPlace', level: 'missing', weight: 0 },
      ],
    };
    expect(reasonInWords(probabilistic)).toEqual([
      { key: 'rule', values: { rule: 'score' } },
      { key: 'score', values: { score: '17.50' } },
      { key: 'agreeing', fields: ['familyName', 'sex'] },
      { key: 'differing', fields: ['givenName'] },
      { key: 'missing', fields: ['birthPlace'] },
      { key: 'levels', values: { levels: 'familyName: exact, givenName: different, birthDate: normalised (day and month swapped), birthPlace: missing' } },
    ]);
  });

  it('asks a comment for link and not-same, not for later', () => {
    expect(commentRequired('link')).toBe(true);
    expect(commentRequired('not-same')).toBe(true);
    expect(commentRequired('later')).toBe(false);
  });

  it('names a person by its first record, and checks what the server sends', () => {
    expect(personLabel({ id: '7', records: [record({ usedName: 'LEGRAND' })] })).toBe('MOREAU / LEGRAND Anne-Sophie');
    expect(personLabel({ id: '7', records: [record({ birthName: null, givenNames: [] })] })).toBe('urn:oid:1.2.250.1.999.1.1|CHU-1');
    expect(personLabel({ id: '7', records: [] })).toBe('7');
    const page = { total: 1, offset: 0, count: 20, items: [{ id: '3', createdAt: '2026-01-01T00:00:00.000Z', deferredAt: null, reason: {}, records: [record(), record({ id: '2' })] }] };
    expect(parseQueuePage(page).items[0]?.records[1].id).toBe('2');
    expect(() => parseQueuePage({ ...page, items: [{ ...page.items[0], records: [record()] }] })).toThrow();
  });
});
