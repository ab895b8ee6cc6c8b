/**
 * The gateway as an OpenID Connect confidential client (OpenID Connect Core 1.0, authorization code flow with PKCE,
 * RFC 7636; RP-initiated logout 1.0), through openid-client. The only file that speaks to the provider; its
 * tokens go from here to the session table sealed, never to a browser.
 */
import * as oidc from 'openid-client';
import type { AuthConfig } from '../../src/domain/config/runtimeConfig.ts';
import type { Claims } from './roleMapping.ts';

export const DEFAULT_SCOPES = ['openid', 'profile'];

/** The provider's tokens as the session keeps them (sealed). */
export interface StoredTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** When the access token expires, ms since the epoch, when the provider said. */
  expiresAt?: number;
}

/** What the browser's trip to the provider must come back with (kept in the sealed sign-in cookie). */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcClient {
  startSignIn(redirectUri: string): Promise<{ url: URL; checks: SignInChecks }>;
  /** Exchanges the code of `callbackUrl` (the redirect URI with the provider's query) for tokens and claims. */
  finishSignIn(callbackUrl: URL, checks: SignInChecks): Promise<{ claims: Claims; tokens: StoredTokens }>;
  refresh(tokens: StoredTokens): Promise<{ claims?: Claims; tokens: StoredTokens }>;
  /** The provider's end_session_endpoint with the hint and return address, if it has one. */
  endSessionUrl(idTokenHint: string | undefined, postLogoutRedirectUri: string): Promise<URL | undefined>;
}

export function createOidcClient(auth: AuthConfig, clientSecret: string): OidcClient {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= discover(auth, clientSecret).catch((error: unknown) => {
      discovered = undefined; // try again with the next sign-in: the provider may just have been down
      throw error;
    });
    return discovered;
  };
  const scope = (auth.scopes ?? DEFAULT_SCOPES).join(' ');

  const withUserinfo = async (config: oidc.Configuration, idClaims: Claims, accessToken: string): Promise<Claims> => {
    if (!config.serverMetadata().userinfo_endpoint || typeof idClaims.sub !== 'string') return idClaims;
    // Claims requested by scope often come only from userinfo (OpenID Connect Core §5.4); the ID token's win.
    const userinfo = await oidc.fetchUserInfo(config, accessToken, idClaims.sub);
    return { ...userinfo, ...idClaims };
  };

  return {
    async startSignIn(redirectUri) {
      const config = await configuration();
      const checks: SignInChecks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        ...auth.authParams,
        redirect_uri: redirectUri,
        scope,
        response_type: 'code',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, checks };
    },

    async finishSignIn(callbackUrl, checks) {
      const config = await configuration();
      const response = await oidc.authorizationCodeGrant(
        config,
        callbackUrl,
        { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true },
      );
      const idClaims = response.claims();
      if (!idClaims) throw new Error('the provider sent no ID token');
      const tokens = storedTokens(response);
      return { claims: await withUserinfo(config, idClaims as Claims, tokens.accessToken), tokens };
    },

    async refresh(previous) {
      if (!previous.refreshToken) throw new Error('no refresh token');
      const config = await configuration();
      const response = await oidc.refreshTokenGrant(config, previous.refreshToken);
      const tokens = storedTokens(response, previous);
      const idClaims = response.claims();
      return { tokens, ...(idClaims ? { claims: await withUserinfo(config, idClaims as Claims, tokens.accessToken) } : {}) };
    },

    async endSessionUrl(idTokenHint, postLogoutRedirectUri) {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return oidc.buildEndSessionUrl(config, {
        ...(idTokenHint ? { id_token_hint: idTokenHint } : {}),
        post_logout_redirect_uri: postLogoutRedirectUri,
        client_id: auth.clientId,
      });
    },
  };
}

/** The provider's configuration for the gateway as its client (OpenID Connect Discovery 1.0). */
export async function discover(auth: AuthConfig, clientSecret: string): Promise<oidc.Configuration> {
  const issuer = new URL(auth.issuer);
  // An http issuer is allowed on loopback only (the embedded demo and the tests); anywhere else TLS is required.
  const loopback = issuer.hostname === '127.0.0.1' || issuer.hostname === 'localhost' || issuer.hostname === '[::1]';
  return oidc.discovery(
    issuer,
    auth.clientId,
    undefined,
    oidc.ClientSecretBasic(clientSecret),
    issuer.protocol === 'http:' && loopback ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
  );
}

function storedTokens(response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers, previous?: StoredTokens): StoredTokens {
  const expiresIn = response.expiresIn();
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  const idToken = response.id_token ?? previous?.idToken;
  return {
    accessToken: response.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    ...(idToken ? { idToken } : {}),
    ...(expiresIn !== undefined ? { expiresAt: Date.now() + expiresIn * 1000 } : {}),
  };
}
