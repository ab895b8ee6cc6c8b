/**
 * Passerelle with sign-in for the viewer bench: the demo's OpenID provider in the bench's process, and each fresh
 * browser context signed in before it is measured.
 *
 * The sign-in itself goes through the provider's form from Node (the same authorization code flow a browser goes
 * through) and the session cookie it gives is put into the context: signing in inside the context would land on a
 * Passerelle page first and fill the context's HTTP cache with the app, so that the first image measured after it
 * would no longer be a cold start like OHIF's.
 */
import type { BrowserContext } from '@playwright/test';
import { browserLikeClient, signInAtDemoProvider } from '../../server/auth/testing/browserLikeClient.ts';
import { demoRolesConfig } from '../../server/demo/idp/demoUsers.ts';
import { PASSERELLE_CLIENT_ID, startDemoIdp } from '../../server/demo/idp/startDemoIdp.ts';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import type { Closer } from '../shared/benchLifetime.ts';

const SECRET_ENV = 'PASSERELLE_BENCH_OIDC_SECRET';
const SESSION_COOKIE = 'passerelle-session';
const USER = 'radiologue';

export interface BenchSignIn {
  /** The configuration's `auth`, for a gateway at `origin`. */
  auth: NonNullable<RuntimeConfig['auth']>;
  /** What the gateway's environment needs (its client secret). */
  env: Record<string, string>;
  /** Signs a fresh context in at the gateway as the demo's radiologist. */
  signIn(context: BrowserContext, gatewayUrl: string): Promise<void>;
}

/** Starts the demo provider and registers the gateway that will listen at `origin`. */
export async function startBenchSignIn(closers: Closer[], origin: string): Promise<BenchSignIn> {
  const idp = await startDemoIdp();
  closers.push(() => idp.close());
  idp.allowGateway([origin]);
  return {
    auth: { issuer: idp.issuer, clientId: PASSERELLE_CLIENT_ID, clientSecretEnv: SECRET_ENV, roles: demoRolesConfig },
    env: { [SECRET_ENV]: idp.clientSecret },
    async signIn(context, gatewayUrl) {
      const client = browserLikeClient();
      const landed = await signInAtDemoProvider(client, `${gatewayUrl}/auth/login?return=/`, USER);
      const cookie = client.cookies(gatewayUrl).get(SESSION_COOKIE);
      if (!cookie) throw new Error(`sign-in as ${USER} gave no session (ended at ${landed.url}, HTTP ${landed.response.status})`);
      await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: gatewayUrl, httpOnly: true, sameSite: 'Lax' }]);
    },
  };
}
