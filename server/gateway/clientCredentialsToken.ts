/**
 * Fetches an access token with the OAuth 2.0 client credentials grant (RFC 6749 §4.4) through openid-client: the
 * client authenticates with HTTP Basic (client_secret_basic, §2.3.1), at the configured `tokenUrl`, or at the token
 * endpoint discovered from the issuer (OpenID Connect Discovery 1.0). A `tokenUrl` needs no discovery, so a plain
 * OAuth 2.0 server without OpenID metadata works too. Errors give the server's error code, never the secret nor
 * the endpoint's address (they reach the browser).
 */
import * as oidc from 'openid-client';
import type { FetchedToken } from './accessTokenCache.ts';
import type { UpstreamCredential } from './upstreamCredentials.ts';

type ClientCredential = Extract<UpstreamCredential, { type: 'client-credentials' }>;

/** A token endpoint that could not be used; `message` is fit for the browser and the log. */
export class TokenFetchError extends Error {}

export function clientCredentialsFetcher(credential: ClientCredential, timeoutMs: number): () => Promise<FetchedToken> {
  let configuration: Promise<oidc.Configuration> | undefined;
  const timeout = Math.max(1, Math.ceil(timeoutMs / 1000));
  const configure = (): Promise<oidc.Configuration> => {
    configuration ??= makeConfiguration(credential, timeout).catch((error: unknown) => {
      configuration = undefined;
      throw error;
    });
    return configuration;
  };
  return async () => {
    let config: oidc.Configuration;
    try {
      config = await configure();
    } catch (error) {
      throw new TokenFetchError(`the token endpoint could not be discovered from auth.issuer: ${reasonOf(error)}`);
    }
    try {
      const response = await oidc.clientCredentialsGrant(config, credential.scope !== undefined ? { scope: credential.scope } : {});
      // The lifetime as the server said it, counted by the cache from before the request (expiresIn() rounds it down).
      return { accessToken: response.access_token, expiresInS: response.expires_in };
    } catch (error) {
      throw new TokenFetchError(`the token endpoint gave no access token: ${reasonOf(error)}`);
    }
  };
}

async function makeConfiguration(credential: ClientCredential, timeout: number): Promise<oidc.Configuration> {
  const auth = oidc.ClientSecretBasic(credential.clientSecret);
  if (credential.tokenUrl !== undefined) {
    const tokenUrl = new URL(credential.tokenUrl);
    // No ID token is ever validated in this grant: the issuer only names the server in the library's metadata.
    const config = new oidc.Configuration({ issuer: tokenUrl.origin, token_endpoint: tokenUrl.href }, credential.clientId, undefined, auth);
    if (tokenUrl.protocol === 'http:') oidc.allowInsecureRequests(config);
    config.timeout = timeout;
    return config;
  }
  if (credential.issuer === undefined) throw new Error('the configuration has neither tokenUrl nor auth.issuer');
  const issuer = new URL(credential.issuer);
  return oidc.discovery(issuer, credential.clientId, undefined, auth, {
    timeout,
    ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
}

/** The server's OAuth error code and status when it sent one (RFC 6749 §5.2), else the failure in words. */
function reasonOf(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError) return `${error.error} (HTTP ${error.status})`;
  // A 401 with a challenge (RFC 6749 §5.2: invalid_client over HTTP Basic) carries its error code there.
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const code = error.cause.map((challenge) => challenge.parameters.error).find((value) => value !== undefined);
    return `${code ?? 'refused'} (HTTP ${error.status})`;
  }
  const cause = (error as { cause?: { code?: string } }).cause;
  const message = (error as Error).message;
  return cause?.code ? `${message} (${cause.code})` : message;
}
