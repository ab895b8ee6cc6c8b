import { describe, expect, it } from 'vitest';
import { checkCsrf, csrfTokenFor, isStateChanging } from './csrf.ts';
import { deriveAuthKeys } from './sealing.ts';

const key = deriveAuthKeys('a-client-secret-of-some-length').csrf;
const token = csrfTokenFor(key, 'session-1');
const expected = { origins: ['https://passerelle.example'], token };

describe('CSRF check', () => {
  it('applies to every method but GET, HEAD and OPTIONS', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].every(isStateChanging)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(isStateChanging)).toBe(false);
  });

  it('accepts the session token from the same origin', () => {
    expect(checkCsrf({ origin: 'https://passerelle.example', secFetchSite: 'same-origin', token }, expected)).toEqual({ ok: true });
    expect(checkCsrf({ token }, expected)).toEqual({ ok: true });
    // The app's own form post under Referrer-Policy: no-referrer.
    expect(checkCsrf({ origin: 'null', secFetchSite: 'same-origin', token }, expected)).toEqual({ ok: true });
  });

  it('binds the token to its session and key', () => {
    expect(csrfTokenFor(key, 'session-1')).toBe(token);
    expect(csrfTokenFor(key, 'session-2')).not.toBe(token);
    expect(checkCsrf({ token: csrfTokenFor(key, 'session-2') }, expected)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  it('refuses another origin or site even with the right token, and a missing token', () => {
    expect(checkCsrf({ origin: 'https://evil.example', token }, expected)).toMatchObject({ ok: false, reason: expect.stringMatching(/evil/) });
    expect(checkCsrf({ origin: 'null', token }, expected)).toMatchObject({ ok: false });
    expect(checkCsrf({ origin: 'null', secFetchSite: 'cross-site', token }, expected)).toMatchObject({ ok: false });
    expect(checkCsrf({ origin: 'https://evil.example', secFetchSite: 'same-origin', token }, expected)).toMatchObject({ ok: false });
    expect(checkCsrf({ secFetchSite: 'cross-site', token }, expected)).toMatchObject({ ok: false });
    expect(checkCsrf({ secFetchSite: 'same-site', token }, expected)).toMatchObject({ ok: false });
    expect(checkCsrf({ origin: 'https://passerelle.example' }, expected)).toMatchObject({ ok: false, reason: 'CSRF token missing' });
  });

  it('checks only the origin when there is no session to forge', () => {
    expect(checkCsrf({ origin: 'https://passerelle.example' }, { ...expected, token: undefined })).toEqual({ ok: true });
    expect(checkCsrf({ origin: 'https://evil.example' }, { ...expected, token: undefined })).toMatchObject({ ok: false });
  });
});
