/**
 * A gateway with sign-in on the test bed: the demo's OpenID provider started in the test's process, and
 * `npm start -- --config` on the test bed's configuration plus `auth`, its client secret in the environment.
 */
import { expect, type Page } from '@playwright/test';
import { freePort } from '../../scripts/testbed/freePort.ts';
import { demoRolesConfig } from '../../server/demo/idp/demoUsers.ts';
import { PASSERELLE_CLIENT_ID, startDemoIdp, type RunningDemoIdp } from '../../server/demo/idp/startDemoIdp.ts';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import type { Cleanup } from './cleanupAfterEach.ts';
import type { RunningGateway } from './startGateway.ts';
import { variantGateway } from './variantGateway.ts';

export const SECRET_ENV = 'PASSERELLE_E2E_OIDC_SECRET';

export interface SignInTestbed {
  idp: RunningDemoIdp;
  gateway: RunningGateway;
}

/** `change` adds to the sign-in configuration (the identity manager's gateway sets `identity`). */
export async function startSignInGateway(cleanups: Cleanup[], change: (config: RuntimeConfig) => void = () => undefined): Promise<SignInTestbed> {
  const idp = await startDemoIdp();
  cleanups.push(() => idp.close());
  const port = await freePort();
  idp.allowGateway([`http://127.0.0.1:${port}`]);
  const gateway = await variantGateway(
    cleanups,
    (config) => {
      config.auth = { issuer: idp.issuer, clientId: PASSERELLE_CLIENT_ID, clientSecretEnv: SECRET_ENV, roles: demoRolesConfig };
      change(config);
    },
    { port, env: { [SECRET_ENV]: idp.clientSecret } },
  );
  return { idp, gateway };
}

/** Fills the demo provider's form (the page must be on it) and submits with Enter. */
export async function signInOnProviderPage(page: Page, idp: RunningDemoIdp, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer.replace(/[.]/g, '\\.')}/interaction/`));
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('demo');
  await page.locator('input[name=password]').press('Enter');
}
