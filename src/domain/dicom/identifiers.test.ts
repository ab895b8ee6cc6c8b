import { describe, expect, it } from 'vitest';
import { asSeriesUid, asSiteId, asSopInstanceUid, asStudyUid, uidSyntaxProblem } from './identifiers.ts';

describe('UIDs (PS3.5 §9.1)', () => {
  it.each(['1.2.840.10008.1.2', '1.2.250.1.999.1.20240305.1', '2.25.329800735698586629295641978511506172918', '0.0'])(
    'accepts %s',
    (uid) => {
      expect(uidSyntaxProblem(uid)).toBeUndefined();
      expect(asStudyUid(uid)).toBe(uid);
    },
  );

  it.each([
    ['', 'is empty'],
    ['1', 'has a single component'],
    ['1..2', 'has an empty component'],
    ['1.2.', 'has an empty component'],
    ['.1.2', 'has an empty component'],
    ['1.2.a', 'contains characters other than digits and "."'],
    ['1.2 .3', 'contains characters other than digits and "."'],
    ['1.02.3', 'has a component with a leading zero'],
    [`1.${'2'.repeat(63)}`, 'is longer than 64 characters'],
  ])('refuses %j: %s', (uid, problem) => {
    expect(uidSyntaxProblem(uid)).toBe(problem);
    expect(asStudyUid(uid)).toBeUndefined();
  });

  it('accepts exactly 64 characters', () => {
    const uid = `1.${'2'.repeat(62)}`;
    expect(uid).toHaveLength(64);
    expect(asSeriesUid(uid)).toBe(uid);
  });

  it('strips NUL and space padding', () => {
    expect(asSopInstanceUid('1.2.3\0')).toBe('1.2.3');
    expect(asStudyUid('1.2.3 ')).toBe('1.2.3');
  });

  it('tolerates leading zeros in archive mode only', () => {
    expect(asStudyUid('1.2.03')).toBeUndefined();
    expect(asStudyUid('1.2.03', 'archive')).toBe('1.2.03');
    expect(asStudyUid('1.2.x', 'archive')).toBeUndefined();
  });

  it.each([undefined, null, 12, {}, ['1.2']])('refuses the non-string %j', (value) => {
    expect(asStudyUid(value)).toBeUndefined();
  });
});

describe('site ids', () => {
  it('accepts [a-z0-9-]+', () => {
    expect(asSiteId('chu-dijon')).toBe('chu-dijon');
    expect(asSiteId('cgfl2')).toBe('cgfl2');
  });

  it.each(['', 'CHU', 'chu dijon', 'chu_dijon', '../x', 42, undefined])('refuses %j', (value) => {
    expect(asSiteId(value)).toBeUndefined();
  });
});
