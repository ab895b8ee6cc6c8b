import { describe, expect, it } from 'vitest';
import { identitovigilanceWarnings } from './identitovigilance.ts';

const dijon = { siteId: 'chu-dijon', patientId: '123', name: { Alphabetic: 'DURAND^MARIE^CLAIRE' }, birthDate: '19610412', sex: 'F' };
const cgfl = { siteId: 'cgfl', patientId: '456', name: { Alphabetic: 'DURAND^MARIE-CLAIRE' }, birthDate: '1961.04.12', sex: 'f ' };

describe('identitovigilance', () => {
  it('says nothing when identities agree', () => {
    expect(identitovigilanceWarnings([dijon, { ...cgfl, name: dijon.name }])).toEqual([]);
    expect(identitovigilanceWarnings([dijon])).toEqual([]);
    expect(identitovigilanceWarnings([])).toEqual([]);
  });

  it('notes a spelling variant, as information only', () => {
    expect(identitovigilanceWarnings([dijon, cgfl])).toEqual([
      {
        kind: 'name-spelling-variant',
        severity: 'info',
        values: [
          { siteId: 'chu-dijon', patientId: '123', value: 'DURAND^MARIE^CLAIRE' },
          { siteId: 'cgfl', patientId: '456', value: 'DURAND^MARIE-CLAIRE' },
        ],
      },
    ]);
  });

  it('warns when birth dates differ', () => {
    const warnings = identitovigilanceWarnings([dijon, { ...cgfl, name: dijon.name, birthDate: '19610421' }]);
    expect(warnings).toEqual([
      {
        kind: 'birth-date-differs',
        severity: 'warning',
        values: [
          { siteId: 'chu-dijon', patientId: '123', value: '19610412' },
          { siteId: 'cgfl', patientId: '456', value: '19610421' },
        ],
      },
    ]);
  });

  it('compares parsed and text birth dates alike, and keeps unparsable ones as text', () => {
    expect(identitovigilanceWarnings([dijon, { ...cgfl, name: dijon.name, birthDate: { year: 1961, month: 4, day: 12 } }])).toEqual([]);
    expect(identitovigilanceWarnings([dijon, { ...cgfl, name: dijon.name, birthDate: '1961' }])).toMatchObject([{ kind: 'birth-date-differs' }]);
  });

  it('warns when sexes differ', () => {
    expect(identitovigilanceWarnings([dijon, { ...cgfl, name: dijon.name, sex: 'M' }])).toMatchObject([
      { kind: 'sex-differs', severity: 'warning', values: [{ value: 'F' }, { value: 'M' }] },
    ]);
  });

  it('warns when names differ beyond spelling', () => {
    expect(identitovigilanceWarnings([dijon, { ...cgfl, name: { Alphabetic: 'MARTIN^PAUL' } }])).toMatchObject([
      { kind: 'name-differs', severity: 'warning' },
    ]);
  });

  it('warns once for three identities when one of them differs', () => {
    const third = { siteId: 'ch-beaune', patientId: 'B-9', name: 'MARTIN^PAUL', birthDate: '19610412', sex: 'F' };
    const warnings = identitovigilanceWarnings([dijon, cgfl, third]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'name-differs' });
    expect(warnings[0]?.values).toHaveLength(3);
  });

  it('leaves missing values out: nothing to contradict', () => {
    expect(identitovigilanceWarnings([dijon, { siteId: 'cgfl', patientId: '456' }, { siteId: 'x', patientId: '1', sex: '', birthDate: ' ' }])).toEqual([]);
  });

  it('lists each identity value once', () => {
    const again = { ...dijon };
    const warnings = identitovigilanceWarnings([dijon, again, { ...cgfl, name: dijon.name, sex: 'M' }]);
    expect(warnings[0]?.values).toHaveLength(2);
  });

  it('reports all warnings together', () => {
    const other = { siteId: 'cgfl', patientId: '456', name: 'MARTIN^PAUL', birthDate: '19700101', sex: 'M' };
    expect(identitovigilanceWarnings([dijon, other]).map((warning) => warning.kind)).toEqual(['birth-date-differs', 'sex-differs', 'name-differs']);
  });
});
