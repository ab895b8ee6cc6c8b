import { describe, expect, it } from 'vitest';
import { isValidUid, uidFromName } from './uid.ts';

describe('uidFromName', () => {
  it('is deterministic', () => {
    expect(uidFromName('study/a')).toBe(uidFromName('study/a'));
  });

  it('gives a valid 2.25 UID of at most 64 characters without leading zeros', () => {
    for (let i = 0; i < 2000; i++) {
      const uid = uidFromName(`name-${i}`);
      expect(uid.startsWith('2.25.')).toBe(true);
      expect(uid.length).toBeLessThanOrEqual(64);
      expect(isValidUid(uid)).toBe(true);
      expect(uid).toMatch(/^2\.25\.[1-9][0-9]*$/);
    }
  });

  it('is unique per name', () => {
    const uids = new Set(Array.from({ length: 5000 }, (_, i) => uidFromName(`instance/${i}`)));
    expect(uids.size).toBe(5000);
    expect(uidFromName('a')).not.toBe(uidFromName('A'));
  });

  it('encodes a version 8, variant 10 name-based UUID', () => {
    const value = BigInt(uidFromName('x').slice('2.25.'.length));
    expect(value < 1n << 128n).toBe(true);
    expect((value >> 76n) & 0xfn).toBe(8n);
    expect((value >> 62n) & 0x3n).toBe(2n);
  });
});

describe('isValidUid', () => {
  it('rejects leading zeros, empty components and overlong UIDs', () => {
    expect(isValidUid('1.2.840.10008.1.2')).toBe(true);
    expect(isValidUid('1.0.2')).toBe(true);
    expect(isValidUid('1.02')).toBe(false);
    expect(isValidUid('1..2')).toBe(false);
    expect(isValidUid('1.2.')).toBe(false);
    expect(isValidUid(`1.${'2'.repeat(63)}`)).toBe(false);
  });
});
