/**
 * An access token obtained with the client credentials grant (RFC 6749 §4.4), kept until shortly before it expires
 * (`expires_in`, §5.1) and shared by every request meanwhile: one fetch at a time, however many requests wait.
 * A token the upstream refused is dropped, so that the next request fetches a fresh one.
 */

export interface FetchedToken {
  accessToken: string;
  /** Lifetime in seconds, when the token endpoint said; without it the token is kept until refused. */
  expiresInS?: number | undefined;
}

export interface AccessTokenCache {
  /** A token valid for a while yet: the cached one, or a fresh one (the fetch's error is thrown as is). */
  token(): Promise<string>;
  /** The upstream refused this token: forget it, unless a newer one has replaced it already. */
  refused(token: string): void;
}

/** How long before its expiry a token is renewed: a tenth of its lifetime, at most 30 s. */
export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(30_000, lifetimeMs / 10);
}

export function createAccessTokenCache(fetchToken: () => Promise<FetchedToken>, now: () => number = Date.now): AccessTokenCache {
  let cached: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchFresh = (): Promise<string> => {
    pending ??= (async () => {
      try {
        const fetchedAt = now();
        const fetched = await fetchToken();
        const lifetimeMs = fetched.expiresInS !== undefined ? fetched.expiresInS * 1000 : Number.POSITIVE_INFINITY;
        cached = { value: fetched.accessToken, renewAt: fetchedAt + lifetimeMs - renewalMarginMs(lifetimeMs) };
        return fetched.accessToken;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  return {
    token: () => (cached && now() < cached.renewAt ? Promise.resolve(cached.value) : fetchFresh()),
    refused: (token) => {
      if (cached?.value === token) cached = undefined;
    },
  };
}
