import { describe, expect, it } from 'vitest';
import { formatDicomTime, formatDicomTimeText, parseDicomTime, timeOfDayMicroseconds } from './dicomTime.ts';

describe('TM values (PS3.5 §6.2)', () => {
  it.each([
    ['14', { hour: 14 }],
    ['1405', { hour: 14, minute: 5 }],
    ['140530', { hour: 14, minute: 5, second: 30 }],
    ['140530.5', { hour: 14, minute: 5, second: 30, microsecond: 500000 }],
    ['140530.123456', { hour: 14, minute: 5, second: 30, microsecond: 123456 }],
    ['000000.000001', { hour: 0, minute: 0, second: 0, microsecond: 1 }],
    ['235960', { hour: 23, minute: 59, second: 60 }],
    ['14:05:30.25', { hour: 14, minute: 5, second: 30, microsecond: 250000 }],
    ['14:05', { hour: 14, minute: 5 }],
    ['140530 ', { hour: 14, minute: 5, second: 30 }],
  ])('parses %j', (text, time) => {
    expect(parseDicomTime(text)).toEqual(time);
  });

  it.each(['', '1', '24', '1460', '140561', '140530.1234567', '140530.', '14.5', '1405-1500', 'abcd', '14:5'])('refuses %j', (text) => {
    expect(parseDicomTime(text)).toBeUndefined();
  });

  it('refuses non-strings', () => {
    expect(parseDicomTime(140530)).toBeUndefined();
    expect(parseDicomTime(null)).toBeUndefined();
  });

  it('orders times, missing parts counted as zero', () => {
    expect(timeOfDayMicroseconds({ hour: 14 })).toBe(14 * 3600 * 1e6);
    expect(timeOfDayMicroseconds({ hour: 14, minute: 5, second: 30, microsecond: 5 })).toBe((14 * 3600 + 5 * 60 + 30) * 1e6 + 5);
  });

  it('shows times plainly or in a locale', () => {
    expect(formatDicomTime({ hour: 14, minute: 5 })).toBe('14:05');
    expect(formatDicomTime({ hour: 9 })).toBe('09:00');
    expect(formatDicomTime({ hour: 14, minute: 5, second: 30, microsecond: 1 })).toBe('14:05:30');
    expect(formatDicomTime({ hour: 14, minute: 5 }, 'fr-FR')).toBe('14:05');
    expect(formatDicomTime({ hour: 14, minute: 5 }, 'en-US')).toMatch(/^2:05\sPM$/);
    expect(formatDicomTime({ hour: 14, minute: 5 }, '!!')).toBe('14:05');
    expect(formatDicomTimeText('1405', 'en-GB')).toBe('14:05');
    expect(formatDicomTimeText('99', 'en-GB')).toBe('');
  });
});
