import { describe, expect, it } from 'vitest';
import { calendarDateOfIsoDateTime } from './isoDateTime.ts';

const d = (year: number, month: number, day: number) => ({ year, month, day });

describe('IID date-time bounds (lowerDateTime, upperDateTime)', () => {
  it('reads a date-time, a date, and their zoned forms as the date written', () => {
    expect(calendarDateOfIsoDateTime('2026-01-01T00:00:00')).toEqual(d(2026, 1, 1));
    expect(calendarDateOfIsoDateTime('2026-01-01')).toEqual(d(2026, 1, 1));
    expect(calendarDateOfIsoDateTime('2026-01-01T00:30:00+01:00')).toEqual(d(2026, 1, 1));
    expect(calendarDateOfIsoDateTime('2026-01-01T23:30:00-05:00')).toEqual(d(2026, 1, 1));
    expect(calendarDateOfIsoDateTime('2026-01-01T12:00:00Z')).toEqual(d(2026, 1, 1));
    expect(calendarDateOfIsoDateTime('2026-01-01T12:00:00.123456Z')).toEqual(d(2026, 1, 1));
    expect(calendarDateOfIsoDateTime('2026-01-01T12:00')).toEqual(d(2026, 1, 1));
    expect(calendarDateOfIsoDateTime('2026-01-01Z')).toEqual(d(2026, 1, 1));
  });

  it('tolerates a space for T, a zone without colon, a + turned into a space, and DICOM DA', () => {
    expect(calendarDateOfIsoDateTime('2026-03-05 08:00:00')).toEqual(d(2026, 3, 5));
    expect(calendarDateOfIsoDateTime('2026-03-05T08:00:00+0100')).toEqual(d(2026, 3, 5));
    expect(calendarDateOfIsoDateTime('2026-03-05T08:00:00 01:00')).toEqual(d(2026, 3, 5));
    expect(calendarDateOfIsoDateTime(' 20260305 ')).toEqual(d(2026, 3, 5));
  });

  it('takes 24:00:00 for the start of the next day', () => {
    expect(calendarDateOfIsoDateTime('2026-01-31T24:00:00')).toEqual(d(2026, 2, 1));
    expect(calendarDateOfIsoDateTime('2025-12-31T24:00:00Z')).toEqual(d(2026, 1, 1));
    expect(calendarDateOfIsoDateTime('2024-02-28T24:00:00')).toEqual(d(2024, 2, 29));
    expect(calendarDateOfIsoDateTime('2026-01-31T24:00:01')).toBeUndefined();
    expect(calendarDateOfIsoDateTime('2026-01-31T24:00:00.5')).toBeUndefined();
  });

  it('refuses what is not a date-time', () => {
    for (const text of ['', 'yesterday', '2026-02-30', '2026-13-01', '2026-1-1', '2026-01-01T25:00:00', '2026-01-01T12:60:00',
      '2026-01-01T12:00:61', '2026-01-01T12:00:00+15:00', '2026-01-01T12:00:00+01:75', '2026-01-01Tjavascript:', '20260230',
      '2026-01-01T12', '<script>']) {
      expect(calendarDateOfIsoDateTime(text), text).toBeUndefined();
    }
  });
});
