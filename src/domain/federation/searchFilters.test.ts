import { describe, expect, it } from 'vitest';
import { filterProblems, hasNoCriteria } from './searchFilters.ts';

describe('search filters', () => {
  it('knows an empty search', () => {
    expect(hasNoCriteria({})).toBe(true);
    expect(hasNoCriteria({ patientName: '  ', modality: '', patientId: { siteId: 'cgfl', value: ' ' } })).toBe(true);
    expect(hasNoCriteria({ studyDateFrom: { year: 2024, month: 1, day: 1 } })).toBe(false);
    expect(hasNoCriteria({ accessionNumber: 'A1' })).toBe(false);
  });

  it('accepts ordinary criteria', () => {
    expect(
      filterProblems({
        patientName: 'dur*',
        patientId: { siteId: 'cgfl', value: '456' },
        modality: 'CT',
        accessionNumber: 'ACC-1',
        studyDateFrom: { year: 2024, month: 1, day: 1 },
        studyDateTo: { year: 2024, month: 1, day: 1 },
      }),
    ).toEqual([]);
  });

  it('names each faulty field', () => {
    expect(
      filterProblems({
        patientName: 'DURAND\\MARTIN',
        patientId: { siteId: 'cgfl', value: '45*' },
        modality: 'C.T',
        accessionNumber: 'A\u0000',
        studyDateFrom: { year: 2024, month: 2, day: 1 },
        studyDateTo: { year: 2024, month: 1, day: 31 },
      }).map((problem) => problem.field),
    ).toEqual(['patientName', 'accessionNumber', 'patientId', 'modality', 'studyDateFrom']);
    expect(filterProblems({ patientId: { siteId: 'cgfl', value: 'a\\b' } })).toEqual([{ field: 'patientId', reason: 'contains "\\" or a control character' }]);
    expect(filterProblems({ modality: 'ABCDEFGHIJKLMNOPQ' })).toHaveLength(1);
  });
});
