/**
 * Sign-in end to end on the server: the demo's real OpenID provider (oidc-provider), two gateway instances on one
 * real PostgreSQL database, a stub upstream standing for the archives and the identity service.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { searchRecords } from '../db/auditRecordStore.ts';
import { verifyTrail } from '../audit/auditTrail.ts';
import { startAuditTrail, type AuditTrail } from '../audit/startAuditTrail.ts';
import { demoRolesConfig } from '../demo/idp/demoUsers.ts';
import { startDemoIdp, type RunningDemoIdp } from '../demo/idp/startDemoIdp.ts';
import { createGateway } from '../gateway/createGateway.ts';
import { browserLikeClient, signInAtDemoProvider, submitFirstForm, type BrowserLikeClient } from './testing/browserLikeClient.ts';

const PATIENT_DATA = '{"patient":"DURAND^ALICE"}';

let upstream: http.Server;
let idp: RunningDemoIdp;
let database: TestDatabase;
const handles: OpenDatabase[] = [];
const gateways: FastifyInstance[] = [];
const trails: AuditTrail[] = [];
let first: string;
let second: string;
let config: RuntimeConfig;

async function startGatewayOn(now?: () => number): Promise<string> {
  const handle = await openDatabase({ kind: 'server', url: database.appUrl });
  handles.push(handle);
  // Each instance writes the trail through its own connection pool, as instances behind a load balancer do.
  const audit = startAuditTrail(handle.db, { flushMs: 10, retentionEveryMs: null });
  trails.push(audit);
  const gateway = await createGateway({ config, db: handle.db, audit, clientSecret: idp.clientSecret, ...(now ? { now } : {}) });
  gateways.push(gateway);
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  upstream = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(PATIENT_DATA));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  idp = await startDemoIdp();
  database = await createTestDatabase(inject('postgresAdminUrl'), 'signin');
  const migrate = await openDatabase({ kind: 'server', url: database.appUrl });
  handles.push(migrate);
  config = {
    sites: [{ id: 'chu', name: 'CHU', dicomweb: `${upstreamUrl}/dicom-web`, issuerOfPatientId: 'CHU', patientIdSystem: 'urn:oid:1.2.3' }],
    identity: { pixm: `${upstreamUrl}/fhir` },
    auth: { issuer: idp.issuer, clientId: 'passerelle', clientSecretEnv: 'PASSERELLE_OIDC_SECRET', roles: demoRolesConfig },
  };
  first = await startGatewayOn();
  second = await startGatewayOn();
  idp.allowGateway([first, second]);
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await Promise.all(trails.map((trail) => trail.close()));
  await Promise.all(handles.map((handle) => handle.close()));
  await database?.drop();
  await idp?.close();
  upstream?.close();
});

async function signedIn(login: string, gateway = first, returnPath = '/'): Promise<{ client: BrowserLikeClient; landed: string; csrf: string }> {
  const client = browserLikeClient();
  const { url } = await signInAtDemoProvider(client, `${gateway}/auth/login?return=${encodeURIComponent(returnPath)}`, login);
  const session = await client.request(`${gateway}/auth/session`);
  expect(session.status).toBe(200);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return { client, landed: url, csrf: csrfToken };
}

const patientDataRoutes = ['/sites/chu/dicom-web/studies?PatientName=DURAND', '/sites/other/dicom-web/studies', '/identity/pixm/Patient/$ihe-pix?sourceIdentifier=urn:oid:1.2.3|1', '/identity/fhir/Patient', '/audit/AuditEvent', '/SITES/chu/dicom-web/studies'];

describe('sign-in through the demo provider', () => {
  it('answers 401 and no data on every patient-data route without a session, or with a forged cookie', async () => {
    for (const path of patientDataRoutes) {
      for (const cookie of [undefined, 'passerelle-session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'passerelle-session=forged']) {
        const answer = await fetch(`${first}${path}`, cookie ? { headers: { cookie } } : {});
        const text = await answer.text();
        expect(answer.status, `${path} ${cookie}`).toBe(401);
        expect(text).not.toContain('DURAND');
        expect(JSON.parse(text)).toEqual({ error: 'sign-in required' });
      }
    }
    expect((await fetch(`${first}/sites/chu/dicom-web/studies`, { method: 'HEAD' })).status).toBe(401);
    expect((await fetch(`${first}/auth/session`)).status).toBe(401);
  });

  it('keeps /config.json public, with the issuer and no secret', async () => {
    const text = await (await fetch(`${first}/config.json`)).text();
    expect(JSON.parse(text).auth).toEqual({ issuer: idp.issuer });
    expect(text).not.toContain(idp.clientSecret);
    expect(text).not.toContain('127.0.0.1:' + new URL(config.sites[0]!.dicomweb).port);
  });

  it('signs a clinician in, returns to the path asked for, and lets them reach the archives but not the trail', async () => {
    const { client, landed } = await signedIn('radiologue', first, '/IHEInvokeImageDisplay?requestType=STUDY&studyUID=1.2.3');
    expect(landed).toBe(`${first}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=1.2.3`);
    const cookie = client.cookies(first);
    expect([...cookie.keys()]).toEqual(['passerelle-session']);
    const session = await (await client.request(`${first}/auth/session`)).json();
    expect(session).toMatchObject({ id: 'radiologue', name: 'Dr Claire Vautrin', roles: ['clinician'], organisation: 'GHT Bourgogne (démo)', signedIn: true });
    expect(JSON.stringify(session)).not.toMatch(/token"|eyJ/);
    const studies = await client.request(`${first}/sites/chu/dicom-web/studies`);
    expect(studies.status).toBe(200);
    expect(await studies.text()).toBe(PATIENT_DATA);
    expect((await client.request(`${first}/identity/pixm/Patient/$ihe-pix?sourceIdentifier=a|b`)).status).toBe(200);
    const trail = await client.request(`${first}/audit/AuditEvent`);
    expect(trail.status).toBe(403);
    expect(await trail.text()).not.toContain('DURAND');
  });

  it('gives an auditor the trail and not the archives', async () => {
    const { client } = await signedIn('dpo');
    expect((await (await client.request(`${first}/auth/session`)).json()).roles).toEqual(['auditor']);
    expect((await client.request(`${first}/sites/chu/dicom-web/studies`)).status).toBe(403);
    expect([401, 403]).not.toContain((await client.request(`${first}/audit/AuditEvent`)).status);
  });

  it('shares sessions between two gateway instances on one database, sealed there, and both write one trail', async () => {
    const { client } = await signedIn('identito', first);
    const sessionId = client.cookies(first).get('passerelle-session') ?? '';
    const elsewhere = await fetch(`${second}/auth/session`, { headers: { cookie: `passerelle-session=${sessionId}` } });
    expect(elsewhere.status).toBe(200);
    expect((await elsewhere.json()).roles).toEqual(['clinician', 'identity-officer']);
    const admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    try {
      const row = (await admin.query('SELECT sealed_tokens FROM session WHERE id = $1', [sessionId])).rows[0] as { sealed_tokens: Buffer };
      expect(row.sealed_tokens.toString('latin1')).not.toMatch(/eyJ|access|refresh/);
    } finally {
      await admin.end();
    }
    // Both write one trail: a search through each instance, one chain over both.
    const cookie = { cookie: `passerelle-session=${sessionId}` };
    for (const [gateway, name] of [[first, 'FIRSTINSTANCE'], [second, 'SECONDINSTANCE']] as const) {
      expect((await fetch(`${gateway}/sites/chu/dicom-web/studies?PatientName=${name}`, { headers: cookie })).status).toBe(200);
    }
    const trailDb = handles[0]!.db;
    await expect
      .poll(async () => (await searchRecords(trailDb, { userId: 'identito', limit: 100 })).filter((record) => record.action === 'search').length, { timeout: 5000 })
      .toBeGreaterThanOrEqual(2);
    const searches = (await searchRecords(trailDb, { userId: 'identito', limit: 100 })).filter((record) => record.action === 'search');
    const criteria = JSON.stringify(searches.map((record) => record.detail));
    expect(criteria).toContain('FIRSTINSTANCE');
    expect(criteria).toContain('SECONDINSTANCE');
    expect((await verifyTrail(trailDb)).ok).toBe(true);
  });

  it('refuses a return address of another site: the user lands on Passerelle', async () => {
    for (const evil of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const { landed } = await signedIn('medecin', first, evil);
      expect(landed).toBe(`${first}/`);
    }
  });

  it('refuses state-changing requests without the CSRF token or from another origin, and signs out with it', async () => {
    const { client, csrf } = await signedIn('radiologue', first);
    const post = (headers: Record<string, string>) => client.request(`${first}/auth/logout`, { method: 'POST', headers });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-passerelle-csrf': 'wrong' })).status).toBe(403);
    expect((await post({ 'x-passerelle-csrf': csrf, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'x-passerelle-csrf': csrf, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await client.request(`${first}/auth/session`)).status).toBe(200);

    const logout = await client.request(`${first}/auth/logout`, {
      method: 'POST',
      headers: { origin: first, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${encodeURIComponent(csrf)}`,
    });
    expect(logout.status).toBe(303);
    const endSession = new URL(logout.headers.get('location') ?? '');
    expect(endSession.origin).toBe(idp.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${first}/signed-out`);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(client.cookies(first).has('passerelle-session')).toBe(false);
    const logoutPage = await client.navigate(endSession.href);
    const { url } = await submitFirstForm(client, logoutPage.url, await logoutPage.response.text());
    expect(url).toBe(`${first}/signed-out`);
    expect((await fetch(`${second}/auth/session`)).status).toBe(401);
  });

  it('ends a session idle for more than 30 minutes, and refreshes the access token when it expires', async () => {
    const { client } = await signedIn('radiologue', first);
    const sessionId = client.cookies(first).get('passerelle-session') ?? '';
    const cookie = { cookie: `passerelle-session=${sessionId}` };
    // The demo's access tokens last 10 minutes: nine and a half minutes on, the gateway refreshes them.
    const later = await startGatewayOn(() => Date.now() + 9.5 * 60_000);
    const admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    try {
      const sealedBefore = (await admin.query('SELECT sealed_tokens FROM session WHERE id = $1', [sessionId])).rows[0].sealed_tokens as Buffer;
      expect((await fetch(`${later}/sites/chu/dicom-web/studies`, { headers: cookie })).status).toBe(200);
      const sealedAfter = (await admin.query('SELECT sealed_tokens FROM session WHERE id = $1', [sessionId])).rows[0].sealed_tokens as Buffer;
      expect(sealedAfter.equals(sealedBefore)).toBe(false);
    } finally {
      await admin.end();
    }
    const idle = await startGatewayOn(() => Date.now() + 60 * 60_000);
    expect((await fetch(`${idle}/sites/chu/dicom-web/studies`, { headers: cookie })).status).toBe(401);
  });
});
