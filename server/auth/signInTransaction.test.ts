import { describe, expect, it } from 'vitest';
import { deriveAuthKeys } from './sealing.ts';
import { openTransaction, sealTransaction } from './signInTransaction.ts';

const key = deriveAuthKeys('a-client-secret-of-some-length').sealing;
const transaction = { state: 's', nonce: 'n', codeVerifier: 'v', returnPath: '/viewer/x', redirectUri: 'http://127.0.0.1:8080/auth/callback', startedAt: 1_000_000 };

describe('sign-in transaction cookie', () => {
  it('opens within ten minutes, sealed so the page cannot read it', () => {
    const value = sealTransaction(key, transaction);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(value, 'base64url').toString('utf8')).not.toContain('codeVerifier');
    expect(openTransaction(key, value, 1_000_000 + 599_000)).toEqual(transaction);
    expect(openTransaction(key, value, 1_000_000 + 601_000)).toBeUndefined();
  });

  it('refuses a forged or missing value', () => {
    expect(openTransaction(key, undefined, 1_000_000)).toBeUndefined();
    expect(openTransaction(key, 'Zm9yZ2Vk', 1_000_000)).toBeUndefined();
    expect(openTransaction(deriveAuthKeys('another-client-secret-entirely').sealing, sealTransaction(key, transaction), 1_000_000)).toBeUndefined();
  });
});
