import { describe, expect, it } from 'vitest';
import {
  compareDicomDates,
  formatDicomDate,
  formatDicomDateText,
  makeDicomDate,
  parseDicomDate,
  parseIsoDate,
  toDicomDateString,
  toIsoDateString,
} from './dicomDate.ts';

describe('DA values (PS3.5 §6.2)', () => {
  it('parses YYYYMMDD and the ACR-NEMA YYYY.MM.DD', () => {
    expect(parseDicomDate('20240305')).toEqual({ year: 2024, month: 3, day: 5 });
    expect(parseDicomDate('2024.03.05')).toEqual({ year: 2024, month: 3, day: 5 });
    expect(parseDicomDate(' 19991231 ')).toEqual({ year: 1999, month: 12, day: 31 });
  });

  it('knows leap years', () => {
    expect(parseDicomDate('20240229')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseDicomDate('20000229')).toBeDefined();
    expect(parseDicomDate('19000229')).toBeUndefined();
    expect(parseDicomDate('20230229')).toBeUndefined();
  });

  it.each(['20241301', '20240431', '20240100', '00000101', '2024-03-05', '202403', '2024', '20240305-20240306', '2024.0305', '', 'abcdefgh'])(
    'refuses %j',
    (text) => {
      expect(parseDicomDate(text)).toBeUndefined();
    },
  );

  it.each([null, undefined, 20240305, {}])('refuses the non-string %j', (value) => {
    expect(parseDicomDate(value)).toBeUndefined();
  });

  it('converts to DA, ISO and back', () => {
    const date = { year: 2024, month: 3, day: 5 };
    expect(toDicomDateString(date)).toBe('20240305');
    expect(toIsoDateString(date)).toBe('2024-03-05');
    expect(parseIsoDate('2024-03-05')).toEqual(date);
    expect(parseIsoDate('2024-02-30')).toBeUndefined();
    expect(toDicomDateString({ year: 812, month: 1, day: 2 })).toBe('08120102');
  });

  it('orders dates', () => {
    const a = { year: 2023, month: 12, day: 31 };
    const b = { year: 2024, month: 1, day: 1 };
    expect(compareDicomDates(a, b)).toBeLessThan(0);
    expect(compareDicomDates(b, a)).toBeGreaterThan(0);
    expect(compareDicomDates(a, { ...a })).toBe(0);
  });

  it('refuses impossible parts', () => {
    expect(makeDicomDate(2024, 2, 30)).toBeUndefined();
    expect(makeDicomDate(2024.5, 1, 1)).toBeUndefined();
    expect(makeDicomDate(10000, 1, 1)).toBeUndefined();
  });
});

describe('date display', () => {
  const date = { year: 2024, month: 3, day: 5 };

  it('follows the locale (fr-FR, en-GB, en-US)', () => {
    expect(formatDicomDate(date, 'fr-FR')).toBe('05/03/2024');
    expect(formatDicomDate(date, 'en-GB')).toBe('05/03/2024');
    expect(formatDicomDate(date, 'en-US')).toBe('03/05/2024');
    expect(formatDicomDate(date, 'fr-FR', 'medium')).toBe('5 mars 2024');
    expect(formatDicomDate(date, 'en-GB', 'medium')).toBe('5 Mar 2024');
    expect(formatDicomDate(date, 'fr-FR', 'long')).toBe('5 mars 2024');
    expect(formatDicomDate(date, 'en-GB', 'long')).toBe('5 March 2024');
  });

  it('never shifts the calendar day, whatever the time zone', () => {
    expect(formatDicomDate({ year: 2024, month: 12, day: 31 }, 'fr-FR')).toBe('31/12/2024');
    expect(formatDicomDate({ year: 2024, month: 1, day: 1 }, 'en-GB')).toBe('01/01/2024');
  });

  it('keeps years before 100 in their century (not 1924)', () => {
    expect(formatDicomDate({ year: 24, month: 3, day: 5 }, 'en-GB')).toBe('05/03/24');
    expect(formatDicomDate({ year: 24, month: 3, day: 5 }, 'en-GB', 'long')).toBe('5 March 24');
  });

  it('falls back to ISO for a malformed locale', () => {
    expect(formatDicomDate(date, 'not a locale!')).toBe('2024-03-05');
  });

  it('formats DA text, or nothing', () => {
    expect(formatDicomDateText('2024.03.05', 'fr-FR')).toBe('05/03/2024');
    expect(formatDicomDateText('garbage', 'fr-FR')).toBe('');
    expect(formatDicomDateText(undefined, 'fr-FR')).toBe('');
  });
});
