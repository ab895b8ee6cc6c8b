/**
 * A gateway whose identity service is Passerelle's own identity manager (`identity.manager`, contract §6) on the
 * test bed, with sign-in: feeding systems authenticate with client-credentials tokens of the demo's OpenID provider,
 * which the gateway checks against `auth.issuer`, so the manager needs `auth`. The shared gateway keeps the test
 * bed's stand-alone PIXm, so that the other specs run without sign-in.
 */
import { demoPatientResource, demoIdentityFeeds, type DemoIdentityFeed } from '../../server/demo/demoIdentityFeed.ts';
import type { Cleanup } from './cleanupAfterEach.ts';
import { startSignInGateway, type SignInTestbed } from './signInGateway.ts';

export function startIdentityManagerGateway(cleanups: Cleanup[]): Promise<SignInTestbed> {
  return startSignInGateway(cleanups, (config) => {
    config.identity = { manager: {} };
  });
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
