/**
 * The identity officer's review end to end on the server: the demo's OpenID provider (feeding systems' tokens,
 * sign-in of an identity officer and of a clinician), the gateway with `identity.manager`, and a real PostgreSQL
 * holding the records, the decisions and the audit trail.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { startAuditTrail, type AuditTrail } from '../audit/startAuditTrail.ts';
import { browserLikeClient, signInAtDemoProvider, type BrowserLikeClient } from '../auth/testing/browserLikeClient.ts';
import { searchRecords as searchAuditRecords } from '../db/auditRecordStore.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { demoSites } from '../demo/demoSites.ts';
import { demoRolesConfig } from '../demo/idp/demoUsers.ts';
import { feedClientToken } from '../demo/idp/feedClientToken.ts';
import { startDemoIdp, type RunningDemoIdp } from '../demo/idp/startDemoIdp.ts';
import { createGateway } from '../gateway/createGateway.ts';
import { NO_CREDENTIALS } from '../gateway/upstreamCredentials.ts';
import type { ReviewHistoryEvent, ReviewRecord } from './reviewRecords.ts';

const CHU = demoSites[0]!.patientIdSystem;
const CGFL = demoSites[1]!.patientIdSystem;
const INS_TEST = 'urn:oid:1.2.250.1.213.1.4.10';
const RELIABILITY = 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability';

let idp: RunningDemoIdp;
let database: TestDatabase;
let opened: OpenDatabase;
let audit: AuditTrail;
let gateway: FastifyInstance;
let base: string;
let officer: BrowserLikeClient;
let officerCsrf: string;
let clinician: BrowserLikeClient;
let clinicianCsrf: string;
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
  ins: string;
  status?: string;
}

async function feed(system: string, value: string, input: PatientInput) {
  const clientId = system === CHU ? 'flux-chu' : 'flux-cgfl';
  const body = {
    resourceType: 'Patient',
    ...(input.status ? { extension: [{ url: RELIABILITY, extension: [{ url: 'identityStatus', valueCoding: { code: input.status } }] }] } : {}),
    identifier: [{ system, value }, { system: INS_TEST, value: input.ins }],
    name: [{ use: 'official', family: input.birthName, given: input.given }, ...(input.usedName ? [{ use: 'usual', family: input.usedName }] : [])],
    gender: input.gender,
    birthDate: input.birthDate,
  };
  const response = await fetch(`${base}/identity/fhir/Patient?identifier=${encodeURIComponent(`${system}|${value}`)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await feedToken(clientId, system)}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
}

async function pixTargets(system: string, value: string): Promise<{ targets: string[]; cacheControl: string | null }> {
  const response = await clinician.request(`${base}/identity/fhir/Patient/$ihe-pix?sourceIdentifier=${encodeURIComponent(`${system}|${value}`)}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { parameter?: { name: string; valueIdentifier?: { system: string; value: string } }[] };
  return {
    targets: (body.parameter ?? []).filter((parameter) => parameter.name === 'targetIdentifier').map((parameter) => `${parameter.valueIdentifier?.system}|${parameter.valueIdentifier?.value}`),
    cacheControl: response.headers.get('cache-control'),
  };
}

interface QueueItem {
  id: string;
  createdAt: string;
  deferredAt: string | null;
  reason: Record<string, unknown>;
  records: [ReviewRecord, ReviewRecord];
}

async function queue(client = officer): Promise<{ status: number; total: number; items: QueueItem[] }> {
  const response = await client.request(`${base}/identity/review/queue?count=50`);
  if (response.status !== 200) return { status: response.status, total: 0, items: [] };
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as { total: number; items: QueueItem[] };
  return { status: 200, ...body };
}

const itemOf = (items: QueueItem[], value: string) => items.find((item) => item.records.some((record) => record.value === value));

async function post(path: string, body: unknown, options: { client?: BrowserLikeClient; csrf?: string | null } = {}) {
  const client = options.client ?? officer;
  const csrf = options.csrf === undefined ? officerCsrf : options.csrf;
  return client.request(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(csrf !== null ? { 'x-passerelle-csrf': csrf } : {}) },
    body: JSON.stringify(body),
  });
}

async function csrfOf(client: BrowserLikeClient): Promise<string> {
  return ((await (await client.request(`${base}/auth/session`)).json()) as { csrfToken: string }).csrfToken;
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
  database = await createTestDatabase(inject('postgresAdminUrl'), 'identity_review');
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
  officer = browserLikeClient();
  await signInAtDemoProvider(officer, `${base}/auth/login?return=/`, 'identito');
  officerCsrf = await csrfOf(officer);
  clinician = browserLikeClient();
  await signInAtDemoProvider(clinician, `${base}/auth/login?return=/`, 'radiologue');
  clinicianCsrf = await csrfOf(clinician);

  // Three pairs with one INS whose strict traits differ: each waits in the review queue, in this order.
  const louis: PatientInput = { birthName: 'GARNIER', given: ['Louis'], birthDate: '1990-06-03', gender: 'male', ins: '190067512300011', status: 'QUAL' };
  await feed(CHU, 'CHU-L1', louis);
  await feed(CGFL, 'CG-L1', { ...louis, birthDate: '1990-03-06', status: 'RECUP' });
  const nina: PatientInput = { birthName: 'PERRIN', given: ['Nina'], birthDate: '2001-02-14', gender: 'female', ins: '201027512300022' };
  await feed(CHU, 'CHU-N1', nina);
  await feed(CGFL, 'CG-N1', { ...nina, given: ['Léa'] });
  const marc: PatientInput = { birthName: 'FAURE', given: ['Marc'], birthDate: '1970-09-09', gender: 'male', ins: '170097512300033' };
  await feed(CHU, 'CHU-D1', marc);
  await feed(CGFL, 'CG-D1', { ...marc, birthName: 'FAURE-DUVAL' });
});

afterAll(async () => {
  await gateway?.close();
  await audit?.close();
  await opened?.close();
  await database?.drop();
  await idp?.close();
});

describe('identity review under /identity/review/', () => {
  it('is for identity officers: 401 without sign-in, 403 for a clinician, even with a valid CSRF token', async () => {
    expect((await fetch(`${base}/identity/review/queue`)).status).toBe(401);
    expect((await queue(clinician)).status).toBe(403);
    expect((await clinician.request(`${base}/identity/review/persons?q=garnier`)).status).toBe(403);
    const item = (await queue()).items[0]!;
    expect((await post(`/identity/review/queue/${item.id}/decision`, { choice: 'not-same', comment: 'no' }, { client: clinician, csrf: clinicianCsrf })).status).toBe(403);
    expect((await post(`/identity/review/records/${item.records[0].id}/unlink`, { comment: 'no' }, { client: clinician, csrf: clinicianCsrf })).status).toBe(403);
  });

  it('lists the queue oldest first, both records side by side with traits, site, INS and its status, and the reason', async () => {
    const { total, items } = await queue();
    expect(total).toBe(3);
    expect(items.map((item) => item.records.map((record) => record.value))).toEqual([
      ['CHU-L1', 'CG-L1'],
      ['CHU-N1', 'CG-N1'],
      ['CHU-D1', 'CG-D1'],
    ]);
    const [chu, cgfl] = items[0]!.records;
    expect(chu).toMatchObject({ system: CHU, site: demoSites[0]!.id, birthName: 'GARNIER', givenNames: ['Louis'], birthDate: '1990-06-03', sex: 'male', ins: { system: INS_TEST, value: '190067512300011', status: 'qualified' } });
    expect(cgfl).toMatchObject({ system: CGFL, site: demoSites[1]!.id, birthDate: '1990-03-06', ins: { status: 'recovered' } });
    // The manager's matcher (the probabilistic one): the INS rule sent the pair here, the birth date being the day and
    // month swapped; its fields' levels say so.
    expect(items[0]!.reason).toMatchObject({ rule: 'ins-traits-disagree', matcher: 'probabilistic' });
    expect(items[0]!.reason.fields).toContainEqual(expect.objectContaining({ field: 'birthDate', level: 'normalised', how: 'day and month swapped' }));
    expect(items[2]!.records[1]!.ins?.status).toBeNull();
    const paged = (await (await officer.request(`${base}/identity/review/queue?offset=1&count=1`)).json()) as { total: number; items: QueueItem[] };
    expect(paged.total).toBe(3);
    expect(paged.items.map((item) => item.records[0].value)).toEqual(['CHU-N1']);
    expect((await officer.request(`${base}/identity/review/queue?count=abc`)).status).toBe(400);
  });

  it('refuses a decision without the CSRF token, or without a comment for link and not-same', async () => {
    const item = itemOf((await queue()).items, 'CHU-L1')!;
    expect((await post(`/identity/review/queue/${item.id}/decision`, { choice: 'link', comment: 'same man' }, { csrf: null })).status).toBe(403);
    expect((await post(`/identity/review/queue/${item.id}/decision`, { choice: 'link', comment: 'same man' }, { csrf: 'forged' })).status).toBe(403);
    expect((await post(`/identity/review/queue/${item.id}/decision`, { choice: 'link' })).status).toBe(400);
    expect((await post(`/identity/review/queue/${item.id}/decision`, { choice: 'not-same', comment: '   ' })).status).toBe(400);
    expect((await post(`/identity/review/queue/${item.id}/decision`, { choice: 'merge', comment: 'x' })).status).toBe(400);
    expect((await post(`/identity/review/queue/999999/decision`, { choice: 'later' })).status).toBe(404);
    expect((await queue()).total).toBe(3);
    expect((await pixTargets(CHU, 'CHU-L1')).targets).toEqual([`${INS_TEST}|190067512300011`]);
  });

  it('puts a pair decided "later" behind the others, still in the queue', async () => {
    const item = itemOf((await queue()).items, 'CHU-L1')!;
    const later = await post(`/identity/review/queue/${item.id}/decision`, { choice: 'later', comment: 'asking the CGFL registry' });
    expect(later.status).toBe(200);
    const { total, items } = await queue();
    expect(total).toBe(3);
    expect(items.map((entry) => entry.records[0].value)).toEqual(['CHU-N1', 'CHU-D1', 'CHU-L1']);
    expect(items[2]!.deferredAt).not.toBeNull();
  });

  it('links a pair: PIXm answers the link at once, and a later feed does not undo it', async () => {
    const item = itemOf((await queue()).items, 'CHU-L1')!;
    const linked = await post(`/identity/review/queue/${item.id}/decision`, { choice: 'link', comment: 'day and month swapped at CGFL; birth certificate seen' });
    expect(linked.status).toBe(200);
    const body = (await linked.json()) as { records: ReviewRecord[] };
    expect(body.records[0]!.personId).toBe(body.records[1]!.personId);
    expect(body.records[1]!.link).toMatchObject({ origin: 'human', reason: { decision: 'link', comment: 'day and month swapped at CGFL; birth certificate seen' } });
    expect((await pixTargets(CHU, 'CHU-L1')).targets).toContain(`${CGFL}|CG-L1`);
    expect(itemOf((await queue()).items, 'CHU-L1')).toBeUndefined();

    // The feeds come again, unchanged and then with another INS at CGFL: the officer's link holds.
    await feed(CGFL, 'CG-L1', { birthName: 'GARNIER', given: ['Louis'], birthDate: '1990-03-06', gender: 'male', ins: '190067512300011' });
    await feed(CHU, 'CHU-L1', { birthName: 'GARNIER', given: ['Louis'], birthDate: '1990-06-03', gender: 'male', ins: '190067512300099' });
    expect((await pixTargets(CHU, 'CHU-L1')).targets).toContain(`${CGFL}|CG-L1`);
    expect((await post(`/identity/review/queue/${item.id}/decision`, { choice: 'not-same', comment: 'too late' })).status).toBe(409);
  });

  it('keeps a pair said not to be the same apart, and out of the queue, whatever later feeds say', async () => {
    const item = itemOf((await queue()).items, 'CHU-N1')!;
    expect((await post(`/identity/review/queue/${item.id}/decision`, { choice: 'not-same', comment: 'two sisters sharing an INS by mistake' })).status).toBe(200);
    await feed(CGFL, 'CG-N1', { birthName: 'PERRIN', given: ['Nina'], birthDate: '2001-02-14', gender: 'female', ins: '201027512300022' });
    expect((await pixTargets(CHU, 'CHU-N1')).targets).not.toContain(`${CGFL}|CG-N1`);
    const { items } = await queue();
    expect(itemOf(items, 'CHU-N1')).toBeUndefined();
    expect(items.map((entry) => entry.records[0].value)).toEqual(['CHU-D1']);
  });

  it('finds persons by name, identifier or INS, with their records and how each was linked', async () => {
    for (const q of ['garnier', 'CHU-L1', '190067512300011', `${CGFL}|CG-L1`]) {
      const response = await officer.request(`${base}/identity/review/persons?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
      const { persons } = (await response.json()) as { persons: { id: string; records: ReviewRecord[] }[] };
      expect(persons.length, q).toBeGreaterThan(0);
      expect(persons[0]!.records.map((record) => record.value).sort(), q).toEqual(['CG-L1', 'CHU-L1']);
      expect(persons[0]!.records.map((record) => record.link?.origin).sort(), q).toEqual(['automatic', 'human']);
    }
    expect((await officer.request(`${base}/identity/review/persons?q=x`)).status).toBe(400);
  });

  it('undoes a link: PIXm answers without it right after, uncached, and a later feed does not bring it back', async () => {
    const { persons } = (await (await officer.request(`${base}/identity/review/persons?q=CHU-L1`)).json()) as { persons: { id: string; records: ReviewRecord[] }[] };
    const person = persons[0]!;
    const cgfl = person.records.find((record) => record.value === 'CG-L1')!;
    expect((await post(`/identity/review/records/${cgfl.id}/unlink`, {})).status).toBe(400);
    expect((await post(`/identity/review/records/${cgfl.id}/unlink`, { comment: 'x' }, { csrf: null })).status).toBe(403);
    const before = await pixTargets(CHU, 'CHU-L1');
    expect(before.targets).toContain(`${CGFL}|CG-L1`);
    const undone = await post(`/identity/review/records/${cgfl.id}/unlink`, { comment: 'the CGFL record is his brother’s' });
    expect(undone.status).toBe(200);
    const result = (await undone.json()) as { record: ReviewRecord; leftPerson: string };
    expect(result.leftPerson).toBe(person.id);
    expect(result.record.personId).not.toBe(person.id);
    const after = await pixTargets(CHU, 'CHU-L1');
    expect(after.targets).not.toContain(`${CGFL}|CG-L1`);
    expect(after.cacheControl).toBe('no-store');
    expect((await pixTargets(CGFL, 'CG-L1')).targets).not.toContain(`${CHU}|CHU-L1`);

    await feed(CGFL, 'CG-L1', { birthName: 'GARNIER', given: ['Louis'], birthDate: '1990-06-03', gender: 'male', ins: '190067512300099' });
    expect((await pixTargets(CHU, 'CHU-L1')).targets).not.toContain(`${CGFL}|CG-L1`);
    // The record alone in its person has no link to undo.
    expect((await post(`/identity/review/records/${cgfl.id}/unlink`, { comment: 'again' })).status).toBe(409);
  });

  it("tells each person's history: when, who, what, with the officers' comments", async () => {
    const { persons } = (await (await officer.request(`${base}/identity/review/persons?q=CHU-L1`)).json()) as { persons: { id: string }[] };
    const response = await officer.request(`${base}/identity/review/persons/${persons[0]!.id}/history`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { events } = (await response.json()) as { events: ReviewHistoryEvent[] };
    const events_ = events.map((event) => event.event);
    expect(events_).toEqual(expect.arrayContaining(['record-added', 'decision-later', 'record-linked', 'record-left', 'decision-unlink']));
    expect(events.find((event) => event.event === 'decision-later')).toMatchObject({ who: 'identito', comment: 'asking the CGFL registry', record: { value: 'CHU-L1' } });
    expect(events.find((event) => event.event === 'record-linked')).toMatchObject({ who: 'identito', comment: 'day and month swapped at CGFL; birth certificate seen', record: { value: 'CG-L1' } });
    expect(events.find((event) => event.event === 'decision-unlink')).toMatchObject({ who: 'identito', comment: 'the CGFL record is his brother’s' });
    // Newest first.
    expect(events[0]!.event).toBe('decision-unlink');
    expect((await officer.request(`${base}/identity/review/persons/999999/history`)).status).toBe(404);
    const view = await officer.request(`${base}/identity/review/persons/${persons[0]!.id}`);
    expect(((await view.json()) as { records: ReviewRecord[] }).records.map((record) => record.value)).toEqual(['CHU-L1']);
  });

  it('writes every decision into the audit trail with the user, the records as patients, the choice and the comment', async () => {
    const decisions = await eventually(
      async () => (await searchAuditRecords(opened.db, { userId: 'identito', limit: 200 })).filter((record) => record.action === 'identity-decision'),
      (found) => found.filter((record) => record.outcome === 'success').length >= 7,
    );
    const succeeded = decisions.filter((record) => record.outcome === 'success');
    const choices = succeeded.map((record) => `${record.detail.choice as string} ${record.patientId ?? ''}`).sort();
    expect(choices).toEqual(['later CG-L1', 'later CHU-L1', 'link CG-L1', 'link CHU-L1', 'not-same CG-N1', 'not-same CHU-N1', 'unlink CG-L1']);
    expect(succeeded.find((record) => record.detail.choice === 'unlink')).toMatchObject({ patientSystem: CGFL, roles: expect.arrayContaining(['identity-officer']), detail: { comment: 'the CGFL record is his brother’s' } });
    expect(succeeded.find((record) => record.detail.choice === 'not-same')?.detail).toMatchObject({ comment: 'two sisters sharing an INS by mistake', records: [`${CHU}|CHU-N1`, `${CGFL}|CG-N1`] });
    expect(decisions.some((record) => record.outcome === 'failed')).toBe(true);
  });
});
