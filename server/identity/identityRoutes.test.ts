/**
 * The identity cross-reference manager's FHIR transactions end to end on the server: the demo's real OpenID
 * provider (client-credentials tokens for the feeding systems, sign-in for clinicians), the gateway with
 * `identity.manager`, and a real PostgreSQL database holding the records and the audit trail.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { startAuditTrail, type AuditTrail } from '../audit/startAuditTrail.ts';
import { browserLikeClient, signInAtDemoProvider, type BrowserLikeClient } from '../auth/testing/browserLikeClient.ts';
import { searchRecords as searchAuditRecords } from '../db/auditRecordStore.ts';
import { openPossibleMatches } from '../db/identityStore.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { demoSites } from '../demo/demoSites.ts';
import { demoRolesConfig } from '../demo/idp/demoUsers.ts';
import { feedClientToken } from '../demo/idp/feedClientToken.ts';
import { startDemoIdp, type RunningDemoIdp } from '../demo/idp/startDemoIdp.ts';
import { createGateway } from '../gateway/createGateway.ts';
import { NO_CREDENTIALS } from '../gateway/upstreamCredentials.ts';

const CHU = demoSites[0]!.patientIdSystem;
const CGFL = demoSites[1]!.patientIdSystem;
const INS_TEST = 'urn:oid:1.2.250.1.213.1.4.10';
const FHIR_JSON = 'application/fhir+json';

let idp: RunningDemoIdp;
let database: TestDatabase;
let opened: OpenDatabase;
let audit: AuditTrail;
let gateway: FastifyInstance;
let base: string;
let clinician: BrowserLikeClient;
let auditor: BrowserLikeClient;
const tokens = new Map<string, string>();

async function feedToken(clientId: 'flux-chu' | 'flux-cgfl', system: string): Promise<string> {
  const cached = tokens.get(clientId);
  if (cached) return cached;
  const token = await feedClientToken(idp.issuer, clientId, system);
  tokens.set(clientId, token);
  return token;
}

interface PatientInput {
  birthName: string;
  usedName?: string;
  given: string[];
  birthDate: string;
  gender: string;
  ins?: string;
}

function patient(system: string, value: string, input: PatientInput, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'Patient',
    identifier: [{ system, value }, ...(input.ins ? [{ system: INS_TEST, value: input.ins }] : [])],
    name: [{ use: 'official', family: input.birthName, given: input.given }, ...(input.usedName ? [{ use: 'usual', family: input.usedName }] : [])],
    gender: input.gender,
    birthDate: input.birthDate,
    ...extra,
  };
}

const feedUrl = (system: string, value: string) => `${base}/identity/fhir/Patient?identifier=${encodeURIComponent(`${system}|${value}`)}`;

async function feed(clientId: 'flux-chu' | 'flux-cgfl', system: string, value: string, body: unknown, scopeSystem = system) {
  return fetch(feedUrl(system, value), {
    method: 'PUT',
    headers: { authorization: `Bearer ${await feedToken(clientId, scopeSystem)}`, 'content-type': FHIR_JSON },
    body: JSON.stringify(body),
  });
}

async function remove(clientId: 'flux-chu' | 'flux-cgfl', system: string, value: string) {
  return fetch(feedUrl(system, value), { method: 'DELETE', headers: { authorization: `Bearer ${await feedToken(clientId, system)}` } });
}

async function pix(query: string, client = clinician) {
  const response = await client.request(`${base}/identity/fhir/Patient/$ihe-pix?${query}`);
  return { status: response.status, body: (await response.json()) as { resourceType: string; parameter?: { name: string; valueIdentifier?: { system: string; value: string } }[]; issue?: { code: string; diagnostics: string }[] } };
}

const targets = (body: Awaited<ReturnType<typeof pix>>['body']) =>
  (body.parameter ?? []).filter((parameter) => parameter.name === 'targetIdentifier').map((parameter) => `${parameter.valueIdentifier?.system}|${parameter.valueIdentifier?.value}`);

async function pdq(query: string) {
  const response = await clinician.request(`${base}/identity/fhir/Patient?${query}`);
  const body = (await response.json()) as { resourceType: string; total?: number; entry?: { resource: { identifier: { system: string; value: string }[] } }[] };
  return { status: response.status, body, values: (body.entry ?? []).map((entry) => entry.resource.identifier[0]?.value) };
}

const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

beforeAll(async () => {
  idp = await startDemoIdp();
  database = await createTestDatabase(inject('postgresAdminUrl'), 'identity_fhir');
  opened = await openDatabase({ kind: 'server', url: database.appUrl });
  audit = startAuditTrail(opened.db, { retentionEveryMs: null, flushMs: 10 });
  const config: RuntimeConfig = {
    sites: demoSites.map((site) => ({ id: site.id, name: site.name, dicomweb: 'http://127.0.0.1:9/dicom-web', issuerOfPatientId: site.issuerOfPatientId, patientIdSystem: site.patientIdSystem })),
    identity: { manager: {} },
    auth: { issuer: idp.issuer, clientId: 'passerelle', clientSecretEnv: 'PASSERELLE_OIDC_SECRET', roles: demoRolesConfig },
  };
  gateway = await createGateway({ config, db: opened.db, audit, clientSecret: idp.clientSecret, credentials: NO_CREDENTIALS });
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  idp.allowGateway([base]);
  clinician = browserLikeClient();
  await signInAtDemoProvider(clinician, `${base}/auth/login?return=/`, 'radiologue');
  auditor = browserLikeClient();
  await signInAtDemoProvider(auditor, `${base}/auth/login?return=/`, 'dpo');
});

afterAll(async () => {
  await gateway?.close();
  await audit?.close();
  await opened?.close();
  await database?.drop();
  await idp?.close();
});

const anne: PatientInput = { birthName: 'MOREAU', usedName: 'LEGRAND', given: ['Anne-Sophie', 'Claire'], birthDate: '1985-01-17', gender: 'female', ins: '285017512345678' };

describe('the identity cross-reference manager under /identity/fhir', () => {
  it('links two records with the same INS fed by two sites: PIXm answers the other site’s identifier, and an INS answers both', async () => {
    const first = await feed('flux-chu', CHU, 'CHU-1001', patient(CHU, 'CHU-1001', anne));
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toMatch(/\/identity\/fhir\/Patient\/\d+$/);
    expect(await first.json()).toMatchObject({ resourceType: 'Patient', identifier: [{ system: CHU, value: 'CHU-1001' }, { system: INS_TEST, value: anne.ins }] });
    // The other site knows her by her used name only, her given names with a space: the strict traits still agree.
    const second = await feed('flux-cgfl', CGFL, 'CG-77', patient(CGFL, 'CG-77', { ...anne, given: ['ANNE SOPHIE'], usedName: 'Legrand' }));
    expect(second.status).toBe(201);

    const fromChu = await pix(`sourceIdentifier=${encodeURIComponent(`${CHU}|CHU-1001`)}`);
    expect(fromChu.status).toBe(200);
    expect(fromChu.body.resourceType).toBe('Parameters');
    expect(targets(fromChu.body)).toEqual([`${CGFL}|CG-77`, `${INS_TEST}|${anne.ins}`]);
    const onlyCgfl = await pix(`sourceIdentifier=${encodeURIComponent(`${CHU}|CHU-1001`)}&targetSystem=${encodeURIComponent(CGFL)}`);
    expect(targets(onlyCgfl.body)).toEqual([`${CGFL}|CG-77`]);
    const byIns = await pix(`sourceIdentifier=${encodeURIComponent(`${INS_TEST}|${anne.ins}`)}`);
    expect(targets(byIns.body)).toEqual([`${CHU}|CHU-1001`, `${CGFL}|CG-77`]);

    // Fed again unchanged: an update, still linked.
    expect((await feed('flux-chu', CHU, 'CHU-1001', patient(CHU, 'CHU-1001', anne))).status).toBe(200);
    expect(targets((await pix(`sourceIdentifier=${encodeURIComponent(`${CGFL}|CG-77`)}&targetSystem=${encodeURIComponent(CHU)}`)).body)).toEqual([`${CHU}|CHU-1001`]);

    const fed = await eventually(
      async () => (await searchAuditRecords(opened.db, { userId: 'flux-cgfl', limit: 10 })).filter((record) => record.action === 'identity-feed'),
      (found) => found.length > 0,
    );
    expect(fed[0]).toMatchObject({ outcome: 'success', patientSystem: CGFL, patientId: 'CG-77', userName: 'feeding system flux-cgfl' });
    const lookups = await eventually(
      async () => (await searchAuditRecords(opened.db, { userId: 'radiologue', limit: 20 })).filter((record) => record.action === 'identity-lookup'),
      (found) => found.length >= 4,
    );
    expect(lookups.length).toBeGreaterThanOrEqual(4);
  });

  it('sends a same-INS pair whose strict traits differ to review, and does not link it', async () => {
    const twin: PatientInput = { birthName: 'GARNIER', given: ['Louis'], birthDate: '1990-06-03', gender: 'male', ins: '190067512300011' };
    expect((await feed('flux-chu', CHU, 'CHU-2001', patient(CHU, 'CHU-2001', twin))).status).toBe(201);
    expect((await feed('flux-cgfl', CGFL, 'CG-88', patient(CGFL, 'CG-88', { ...twin, birthDate: '1990-03-06' }))).status).toBe(201);
    const answer = await pix(`sourceIdentifier=${encodeURIComponent(`${CHU}|CHU-2001`)}&targetSystem=${encodeURIComponent(CGFL)}`);
    expect(answer.status).toBe(200);
    expect(targets(answer.body)).toEqual([]);
    const queue = await openPossibleMatches(opened.db);
    expect(queue).toHaveLength(1);
    expect(queue[0]?.reason).toMatchObject({ matcher: 'probabilistic', rule: 'ins-traits-disagree' });
  });

  it('refuses a feeding client another site’s identifier system with 403, and a feed without a valid token with 401', async () => {
    const other = await feed('flux-chu', CGFL, 'CG-99', patient(CGFL, 'CG-99', anne), CHU);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] });
    expect((await pix(`sourceIdentifier=${encodeURIComponent(`${CGFL}|CG-99`)}`)).status).toBe(404);

    const noToken = await fetch(feedUrl(CHU, 'CHU-3001'), { method: 'PUT', headers: { 'content-type': FHIR_JSON }, body: JSON.stringify(patient(CHU, 'CHU-3001', anne)) });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer');
    expect(await noToken.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    const forged = await fetch(feedUrl(CHU, 'CHU-3001'), { method: 'DELETE', headers: { authorization: 'Bearer not-a-token' } });
    expect(forged.status).toBe(401);
    // A signed-in user is no feeding system.
    const byUser = await clinician.request(feedUrl(CHU, 'CHU-3001'), { method: 'PUT', headers: { 'content-type': FHIR_JSON, origin: base }, body: JSON.stringify(patient(CHU, 'CHU-3001', anne)) });
    expect(byUser.status).toBe(401);

    const denied = await eventually(
      async () => (await searchAuditRecords(opened.db, { userId: 'flux-chu', limit: 20 })).filter((record) => record.outcome === 'denied'),
      (found) => found.length > 0,
    );
    expect(denied[0]).toMatchObject({ action: 'identity-feed', patientSystem: CGFL, patientId: 'CG-99' });
  });

  it('answers PIXm as ITI-83 says: 400 for a malformed or unknown source system, 403 for an unknown target, 404 for an unknown patient', async () => {
    for (const query of ['', `sourceIdentifier=CHU-1001`, `sourceIdentifier=${encodeURIComponent(`${CHU}|`)}`, `sourceIdentifier=a|1&sourceIdentifier=b|2`]) {
      const answer = await pix(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] });
    }
    const unknownSystem = await pix(`sourceIdentifier=${encodeURIComponent('urn:oid:1.2.3.4|X')}`);
    expect(unknownSystem).toMatchObject({ status: 400, body: { issue: [{ code: 'code-invalid', diagnostics: 'sourceIdentifier Assigning Authority not found' }] } });
    const unknownTarget = await pix(`sourceIdentifier=${encodeURIComponent(`${CHU}|CHU-1001`)}&targetSystem=urn:oid:1.2.3.4`);
    expect(unknownTarget).toMatchObject({ status: 403, body: { issue: [{ code: 'code-invalid', diagnostics: 'targetSystem not found' }] } });
    const unknownPatient = await pix(`sourceIdentifier=${encodeURIComponent(`${CHU}|NOBODY`)}`);
    expect(unknownPatient).toMatchObject({ status: 404, body: { issue: [{ code: 'not-found', diagnostics: 'sourceIdentifier Patient Identifier not found' }] } });
  });

  it('merges a record into another of the same site through replaced-by: the old identifier is gone, the links stay', async () => {
    const duplicate = { ...anne, given: ['Anne-Sophie'] };
    expect((await feed('flux-chu', CHU, 'CHU-1002', patient(CHU, 'CHU-1002', duplicate))).status).toBe(201);
    expect(targets((await pix(`sourceIdentifier=${encodeURIComponent(`${CHU}|CHU-1002`)}&targetSystem=${encodeURIComponent(CGFL)}`)).body)).toEqual([`${CGFL}|CG-77`]);
    const merge = await feed('flux-chu', CHU, 'CHU-1002', patient(CHU, 'CHU-1002', duplicate, { active: false, link: [{ type: 'replaced-by', other: { identifier: { system: CHU, value: 'CHU-1001' } } }] }));
    expect(merge.status).toBe(200);
    expect(await merge.json()).toMatchObject({ active: false, link: [{ type: 'replaced-by' }] });
    expect((await pix(`sourceIdentifier=${encodeURIComponent(`${CHU}|CHU-1002`)}`)).status).toBe(404);
    expect(targets((await pix(`sourceIdentifier=${encodeURIComponent(`${CGFL}|CG-77`)}&targetSystem=${encodeURIComponent(CHU)}`)).body)).toEqual([`${CHU}|CHU-1001`]);
    const unknownSurvivor = await feed('flux-chu', CHU, 'CHU-2001', patient(CHU, 'CHU-2001', anne, { link: [{ type: 'replaced-by', other: { identifier: { system: CHU, value: 'NOBODY' } } }] }));
    expect(unknownSurvivor.status).toBe(422);
    const merged = await eventually(
      async () => (await searchAuditRecords(opened.db, { userId: 'flux-chu', limit: 30 })).filter((record) => record.action === 'identity-merge'),
      (found) => found.length >= 2,
    );
    expect(merged.map((record) => record.outcome).sort()).toEqual(['failed', 'success']);
  });

  it('searches demographics (PDQm): family, given and birthdate, accent- and case-blind prefixes, or :exact', async () => {
    expect((await feed('flux-cgfl', CGFL, 'CG-90', patient(CGFL, 'CG-90', { birthName: 'Lefèvre', given: ['Élodie'], birthDate: '1972-11-30', gender: 'female' }))).status).toBe(201);
    const prefix = await pdq('family=lefev&given=elo&birthdate=1972-11-30');
    expect(prefix.status).toBe(200);
    expect(prefix.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(prefix.values).toEqual(['CG-90']);
    expect((await pdq('family:exact=lefev')).values).toEqual([]);
    expect((await pdq('family:exact=Lef%C3%A8vre&given:exact=%C3%89lodie')).values).toEqual(['CG-90']);
    expect((await pdq('family:exact=LEFEVRE')).values).toEqual([]);
    expect((await pdq('family=legrand&birthdate=1985')).values).toEqual(['CHU-1001', 'CG-77']);
    expect((await pdq('family=moreau&gender=male')).values).toEqual([]);
    expect((await pdq(`identifier=${encodeURIComponent(`${INS_TEST}|${anne.ins}`)}`)).values).toEqual(['CHU-1001', 'CG-77']);
    expect((await pdq('birthdate=ge1990-01-01&gender=male')).values).toEqual(['CHU-2001', 'CG-88']);
    for (const query of ['', 'name=moreau', 'family:contains=or', 'birthdate=17/01/1985']) {
      const refused = await pdq(query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.resourceType).toBe('OperationOutcome');
    }
  });

  it('deletes a record: PIXm no longer knows it, nor the other site’s record answers it', async () => {
    const deleted = await remove('flux-cgfl', CGFL, 'CG-77');
    expect(deleted.status).toBe(204);
    expect((await pix(`sourceIdentifier=${encodeURIComponent(`${CGFL}|CG-77`)}`)).status).toBe(404);
    expect(targets((await pix(`sourceIdentifier=${encodeURIComponent(`${CHU}|CHU-1001`)}`)).body)).toEqual([`${INS_TEST}|${anne.ins}`]);
    expect((await remove('flux-cgfl', CGFL, 'CG-77')).status).toBe(404);
    expect((await pdq('family=legrand')).values).toEqual(['CHU-1001']);
  });

  it('answers queries to signed-in clinicians only, and the CapabilityStatement to anyone', async () => {
    for (const path of ['/identity/fhir/Patient/$ihe-pix?sourceIdentifier=a|b', '/identity/fhir/Patient?family=moreau', '/identity/fhir/Patient/1']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(401);
      expect((await auditor.request(`${base}${path}`)).status, path).toBe(403);
    }
    const metadata = await fetch(`${base}/identity/fhir/metadata`);
    expect(metadata.status).toBe(200);
    expect(await metadata.json()).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', rest: [{ resource: [{ type: 'Patient', operation: [{ name: 'ihe-pix' }] }] }] });
    const found = (await pdq('family=lefevre')).body.entry?.[0]?.resource as { id?: string } | undefined;
    const read = await clinician.request(`${base}/identity/fhir/Patient/${found?.id ?? 'none'}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ resourceType: 'Patient', id: found?.id, birthDate: '1972-11-30' });
    expect((await clinician.request(`${base}/identity/fhir/Patient/999999`)).status).toBe(404);
  });
});
