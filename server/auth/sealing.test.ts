import { describe, expect, it } from 'vitest';
import { deriveAuthKeys, randomSessionId, seal, unseal } from './sealing.ts';

describe('sealing', () => {
  const keys = deriveAuthKeys('a-client-secret-of-some-length');

  it('derives the same keys from the same secret (instances share sessions) and other keys from another', () => {
    expect(deriveAuthKeys('a-client-secret-of-some-length')).toEqual(keys);
    expect(deriveAuthKeys('another-client-secret-entirely').sealing.equals(keys.sealing)).toBe(false);
    expect(keys.csrf.equals(keys.sealing)).toBe(false);
    expect(() => deriveAuthKeys('short')).toThrow(/too short/);
  });

  it('opens what it sealed, for the same context only', () => {
    const sealed = seal(keys.sealing, '{"access_token":"at"}', 'session-1');
    expect(sealed.toString('utf8')).not.toContain('access_token');
    expect(unseal(keys.sealing, sealed, 'session-1')).toBe('{"access_token":"at"}');
    expect(unseal(keys.sealing, sealed, 'session-2')).toBeUndefined();
    expect(unseal(deriveAuthKeys('another-client-secret-entirely').sealing, sealed, 'session-1')).toBeUndefined();
  });

  it('refuses an altered or truncated value', () => {
    const sealed = seal(keys.sealing, 'tokens', 'ctx');
    const altered = Buffer.from(sealed);
    altered.writeUInt8(altered.readUInt8(altered.length - 20) ^ 1, altered.length - 20);
    expect(unseal(keys.sealing, altered, 'ctx')).toBeUndefined();
    expect(unseal(keys.sealing, sealed.subarray(0, 10), 'ctx')).toBeUndefined();
    expect(unseal(keys.sealing, Buffer.from('not sealed at all, just text'), 'ctx')).toBeUndefined();
  });

  it('makes session ids of 256 random bits', () => {
    const id = randomSessionId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomSessionId()).not.toBe(id);
  });
});
