/**
 * Machine clients' bearer tokens (RFC 6750), such as those of the systems feeding identities (contract §6): the
 * token a client got with the client-credentials grant is checked by asking the configured provider through token
 * introspection (RFC 7662), the gateway authenticating as its own confidential client. An active token yields the
 * client's id and scopes; anything else is refused. Answers are kept for a short while (at most a minute, never past
 * the token's expiry) so that a feed of many records does not ask the provider for each.
 */
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { AuthConfig } from '../../src/domain/config/runtimeConfig.ts';
import { discover } from './oidcClient.ts';

/** Who a valid bearer token stands for. */
export interface BearerClient {
  clientId: string;
  scopes: readonly string[];
}

export type BearerVerdict =
  | { ok: true; client: BearerClient }
  /** 401: no token, or one that is not (or no longer) active; 503: the provider could not be asked. */
  | { ok: false; status: 401 | 503; reason: string };

export interface BearerTokenVerifier {
  /** Checks the request's Authorization header. */
  verify(authorization: string | undefined): Promise<BearerVerdict>;
}

const CACHE_MS = 60_000;
const CACHE_ENTRIES = 1000;

/** The token of an `Authorization: Bearer …` header (RFC 6750 §2.1), if it has one. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}

export function createBearerTokenVerifier(auth: AuthConfig, clientSecret: string, now: () => number = Date.now): BearerTokenVerifier {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= discover(auth, clientSecret).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };
  const cache = new Map<string, { client: BearerClient; until: number }>();

  return {
    async verify(authorization) {
      const token = bearerTokenOf(authorization);
      if (token === undefined) return { ok: false, status: 401, reason: 'a bearer token is required (Authorization: Bearer …)' };
      const key = createHash('sha256').update(token).digest('base64url');
      const cached = cache.get(key);
      if (cached && cached.until > now()) return { ok: true, client: cached.client };
      cache.delete(key);
      let answer: oidc.IntrospectionResponse;
      try {
        answer = await oidc.tokenIntrospection(await configuration(), token);
      } catch (error) {
        return { ok: false, status: 503, reason: `the identity provider could not check the token: ${(error as Error).message}` };
      }
      if (answer.active !== true) return { ok: false, status: 401, reason: 'the bearer token is not active' };
      const expiresAt = typeof answer.exp === 'number' ? answer.exp * 1000 : undefined;
      if (expiresAt !== undefined && expiresAt <= now()) return { ok: false, status: 401, reason: 'the bearer token has expired' };
      if (typeof answer.client_id !== 'string' || answer.client_id === '') return { ok: false, status: 401, reason: 'the bearer token names no client' };
      const client: BearerClient = { clientId: answer.client_id, scopes: typeof answer.scope === 'string' ? answer.scope.split(' ').filter((scope) => scope !== '') : [] };
      if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(key, { client, until: Math.min(now() + CACHE_MS, expiresAt ?? Infinity) });
      return { ok: true, client };
    },
  };
}
