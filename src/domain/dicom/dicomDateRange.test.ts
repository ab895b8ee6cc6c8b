import { describe, expect, it } from 'vitest';
import { dicomDateRange, isWithinDateRange } from './dicomDateRange.ts';

const march5 = { year: 2024, month: 3, day: 5 };
const april1 = { year: 2024, month: 4, day: 1 };

describe('DA range matching for QIDO-RS', () => {
  it('builds closed and open-ended ranges', () => {
    expect(dicomDateRange(march5, april1)).toEqual({ kind: 'range', value: '20240305-20240401' });
    expect(dicomDateRange(march5, undefined)).toEqual({ kind: 'range', value: '20240305-' });
    expect(dicomDateRange(undefined, april1)).toEqual({ kind: 'range', value: '-20240401' });
  });

  it('sends a single date when both bounds are equal', () => {
    expect(dicomDateRange(march5, { ...march5 })).toEqual({ kind: 'range', value: '20240305' });
  });

  it('sends nothing without bounds, and refuses an inverted range', () => {
    expect(dicomDateRange(undefined, undefined)).toEqual({ kind: 'any' });
    expect(dicomDateRange(april1, march5)).toEqual({ kind: 'invalid', reason: 'from-after-to' });
  });

  it('checks a date against bounds, both included', () => {
    expect(isWithinDateRange(march5, march5, april1)).toBe(true);
    expect(isWithinDateRange(april1, march5, april1)).toBe(true);
    expect(isWithinDateRange({ year: 2024, month: 4, day: 2 }, march5, april1)).toBe(false);
    expect(isWithinDateRange({ year: 2024, month: 3, day: 4 }, march5)).toBe(false);
    expect(isWithinDateRange(march5)).toBe(true);
  });
});
