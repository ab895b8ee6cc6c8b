/**
 * The `Authorization` header the gateway sends to one upstream, and only to that one: HTTP Basic (RFC 7617), a
 * fixed bearer token (RFC 6750 §2.1) or a client-credentials access token kept by `accessTokenCache.ts`.
 */
import { createAccessTokenCache } from './accessTokenCache.ts';
import { clientCredentialsFetcher } from './clientCredentialsToken.ts';
import type { UpstreamCredential } from './upstreamCredentials.ts';

export interface UpstreamAuthorization {
  /** The header value for the next request; rejects with a `TokenFetchError` when no token can be had. */
  header(): Promise<string>;
  /** The upstream answered 401 to `header`: true when a fresh header is worth one more try. */
  refused(header: string): boolean;
}

export function upstreamAuthorization(credential: UpstreamCredential, timeoutMs: number): UpstreamAuthorization {
  switch (credential.type) {
    case 'basic':
      return fixed(`Basic ${Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64')}`);
    case 'bearer':
      return fixed(`Bearer ${credential.token}`);
    case 'client-credentials': {
      const cache = createAccessTokenCache(clientCredentialsFetcher(credential, timeoutMs));
      return {
        header: async () => `Bearer ${await cache.token()}`,
        refused: (header) => {
          cache.refused(header.replace(/^Bearer /, ''));
          return true;
        },
      };
    }
  }
}

function fixed(value: string): UpstreamAuthorization {
  return { header: () => Promise.resolve(value), refused: () => false };
}
