/**
 * A gateway whose identity service is Passerelle's own identity manager (`identity.manager`, contract §6) on the
 * test bed, with sign-in: feeding systems authenticate with client-credentials tokens of the demo's OpenID provider,
 * which the gateway checks against `auth.issuer`, so the manager needs `auth`. The shared gateway keeps the test
 * bed's stand-alone PIXm, so that the other specs run without sign-in.
 */
import { expect } from '@playwright/test';
import { freePort } from '../../scripts/testbed/freePort.ts';
import { demoPatientResource, demoIdentityFeeds, type DemoIdentityFeed } from '../../server/demo/demoIdentityFeed.ts';
import { demoRolesConfig } from '../../server/demo/idp/demoUsers.ts';
import { FEED_CLIENT_SECRET, PASSERELLE_CLIENT_ID, feedScope, startDemoIdp } from '../../server/demo/idp/startDemoIdp.ts';
import type { Cleanup } from './cleanupAfterEach.ts';
import { SECRET_ENV, type SignInTestbed } from './signInGateway.ts';
import { variantGateway } from './variantGateway.ts';

export async function startIdentityManagerGateway(cleanups: Cleanup[]): Promise<SignInTestbed> {
  const idp = await startDemoIdp();
  cleanups.push(() => idp.close());
  const port = await freePort();
  idp.allowGateway([`http://127.0.0.1:${port}`]);
  const gateway = await variantGateway(
    cleanups,
    (config) => {
      config.auth = { issuer: idp.issuer, clientId: PASSERELLE_CLIENT_ID, clientSecretEnv: SECRET_ENV, roles: demoRolesConfig };
      config.identity = { manager: {} };
    },
    { port, env: { [SECRET_ENV]: idp.clientSecret } },
  );
  return { idp, gateway };
}

/** A feeding system's token (client-credentials grant at the demo provider) with the scope to feed `system`. */
export async function feedToken(issuer: string, clientId: string, system: string): Promise<string> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${FEED_CLIENT_SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: feedScope(system) }).toString(),
  });
  expect(response.status, `token for ${clientId}`).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** ITI-104: `PUT /identity/fhir/Patient?identifier=system|value` with the demo patient's Patient resource. */
export async function feedPatient(gatewayUrl: string, token: string, feed: DemoIdentityFeed, identifier = feed.identifier): Promise<Response> {
  const query = new URLSearchParams({ identifier: `${identifier.system}|${identifier.value}` });
  return fetch(`${gatewayUrl}/identity/fhir/Patient?${query.toString()}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify(demoPatientResource({ ...feed, identifier })),
  });
}

/** The demo patient fed for `site` and `patientId`. */
export function demoFeed(patientId: string): DemoIdentityFeed {
  const feed = demoIdentityFeeds().find((candidate) => candidate.identifier.value === patientId);
  if (!feed) throw new Error(`no demo patient ${patientId}`);
  return feed;
}
