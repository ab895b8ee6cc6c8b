/**
 * A gateway whose identity service is Passerelle's own identity manager (`identity.manager`, contract §6) on the
 * test bed, with sign-in: feeding systems authenticate with client-credentials tokens of the demo's OpenID provider,
 * which the gateway checks against `auth.issuer`, so the manager needs `auth`. The shared gateway keeps the test
 * bed's stand-alone PIXm, so that the other specs run without sign-in.
 */
import { expect } from '@playwright/test';
import { demoPatientResource, demoIdentityFeeds, type DemoIdentityFeed } from '../../server/demo/demoIdentityFeed.ts';
import { FEED_CLIENT_SECRET, feedScope } from '../../server/demo/idp/startDemoIdp.ts';
import type { Cleanup } from './cleanupAfterEach.ts';
import { startSignInGateway, type SignInTestbed } from './signInGateway.ts';

export function startIdentityManagerGateway(cleanups: Cleanup[]): Promise<SignInTestbed> {
  return startSignInGateway(cleanups, (config) => {
    config.identity = { manager: {} };
  });
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
