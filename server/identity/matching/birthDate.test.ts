import { describe, expect, it } from 'vitest';
import { canSwapDayAndMonth, parseBirthDate, swapFreeDateKey } from './birthDate.ts';

describe('parseBirthDate', () => {
  it.each([
    ['1975-03-08', { year: '1975', month: '03', day: '08' }],
    ['19750308', { year: '1975', month: '03', day: '08' }],
    ['1975-03', { year: '1975', month: '03' }],
    ['1975', { year: '1975' }],
    ['', undefined],
    ['08/03/1975', undefined],
    [undefined, undefined],
  ])('%s', (text, expected) => expect(parseBirthDate(text)).toEqual(expected));
});

describe('day and month', () => {
  it('may be swapped only when both are months and differ', () => {
    expect(canSwapDayAndMonth({ year: '1975', month: '03', day: '08' })).toBe(true);
    expect(canSwapDayAndMonth({ year: '1975', month: '03', day: '28' })).toBe(false);
    expect(canSwapDayAndMonth({ year: '1975', month: '03', day: '03' })).toBe(false);
  });
  it('gives one blocking key for a date and its swap', () => {
    expect(swapFreeDateKey({ year: '1975', month: '03', day: '08' })).toBe(swapFreeDateKey({ year: '1975', month: '08', day: '03' }));
    expect(swapFreeDateKey({ year: '1975', month: '03' })).toBeUndefined();
  });
});
