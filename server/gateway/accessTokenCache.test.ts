import { describe, expect, it } from 'vitest';
import { createAccessTokenCache, renewalMarginMs, type FetchedToken } from './accessTokenCache.ts';

function tokenEndpoint(expiresInS?: number) {
  let issued = 0;
  return {
    issued: () => issued,
    fetch: (): Promise<FetchedToken> => {
      issued += 1;
      const accessToken = `token-${issued}`;
      return Promise.resolve({ accessToken, expiresInS });
    },
  };
}

describe('access token cache', () => {
  it('fetches once and shares the token until shortly before it expires', async () => {
    let clock = 1_000_000;
    const endpoint = tokenEndpoint(300);
    const cache = createAccessTokenCache(endpoint.fetch, () => clock);
    expect(await Promise.all([cache.token(), cache.token(), cache.token()])).toEqual(['token-1', 'token-1', 'token-1']);
    clock += 269_000;
    expect(await cache.token()).toBe('token-1');
    clock += 2000; // within the last 30 s of its 300 s
    expect(await cache.token()).toBe('token-2');
    expect(endpoint.issued()).toBe(2);
  });

  it('renews a short-lived token a tenth of its lifetime before it expires', async () => {
    expect(renewalMarginMs(2000)).toBe(200);
    expect(renewalMarginMs(3_600_000)).toBe(30_000);
    let clock = 0;
    const endpoint = tokenEndpoint(2);
    const cache = createAccessTokenCache(endpoint.fetch, () => clock);
    await cache.token();
    clock = 1799;
    expect(await cache.token()).toBe('token-1');
    clock = 1800;
    expect(await cache.token()).toBe('token-2');
  });

  it('keeps a token without expires_in until the upstream refuses it, and a refusal of an older token changes nothing', async () => {
    let clock = 0;
    const endpoint = tokenEndpoint(undefined);
    const cache = createAccessTokenCache(endpoint.fetch, () => clock);
    expect(await cache.token()).toBe('token-1');
    clock = 365 * 24 * 3600 * 1000;
    expect(await cache.token()).toBe('token-1');
    cache.refused('token-1');
    expect(await cache.token()).toBe('token-2');
    cache.refused('token-1');
    expect(await cache.token()).toBe('token-2');
    expect(endpoint.issued()).toBe(2);
  });

  it('caches no failure: the next request asks again', async () => {
    let fail = true;
    const cache = createAccessTokenCache(() => (fail ? Promise.reject(new Error('invalid_client')) : Promise.resolve({ accessToken: 'ok', expiresInS: 60 })));
    await expect(cache.token()).rejects.toThrow('invalid_client');
    fail = false;
    expect(await cache.token()).toBe('ok');
  });
});
