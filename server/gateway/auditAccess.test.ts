/**
 * The gateway writing the audit trail, against a real PostgreSQL server and a small archive over real HTTP: a
 * study viewed frame by frame gives one record with the archive's patient, searches and look-ups are recorded with
 * their criteria, a trail that cannot be written refuses views before anything reaches the archive, and
 * `GET /audit/AuditEvent` answers auditors only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { verifyTrail } from '../audit/auditTrail.ts';
import { startAuditTrail, type AuditTrail } from '../audit/startAuditTrail.ts';
import type { RequestUser } from '../auth/requestUser.ts';
import { searchRecords } from '../db/auditRecordStore.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { createGateway } from './createGateway.ts';

const STUDY = '1.2.826.0.1.3680043.8.498.501';
const MISSING = '1.2.826.0.1.3680043.8.498.502';
const SYSTEM = 'urn:oid:1.2.250.1.999.1.1';

/** A small archive: a study's patient by QIDO, frames by WADO-RS, and a PIXm answer; it counts what reaches it. */
function startArchive(seen: string[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    seen.push(url);
    if (url.startsWith('/dicom-web/studies?StudyInstanceUID=')) {
      const uid = new URLSearchParams(url.split('?')[1]).get('StudyInstanceUID');
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      res.end(uid === STUDY ? JSON.stringify([{ '00100020': { vr: 'LO', Value: ['A100001'] }, '00100021': { vr: 'LO', Value: ['CHU-VDS'] } }]) : '[]');
      return;
    }
    if (url.startsWith(`/dicom-web/studies/${MISSING}/`)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'no such study' }));
      return;
    }
    if (url.startsWith('/dicom-web/studies/')) {
      res.writeHead(200, { 'content-type': 'multipart/related; type="application/octet-stream"; boundary=b' });
      res.end(Buffer.alloc(4096, 7));
      return;
    }
    if (url.startsWith('/fhir/')) {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'Parameters' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/dicom+json' });
    res.end('[]');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const users: Record<string, RequestUser> = {
  radiologue: { id: 'radiologue', name: 'Dr Anne Radio', roles: ['clinician'], organisation: 'CHU Val de Saône', signedIn: true },
  medecin: { id: 'medecin', name: 'Dr Paul Medecin', roles: ['clinician'], signedIn: true },
  dpo: { id: 'dpo', name: 'Claire Dpo', roles: ['auditor'], signedIn: true },
};

/** Test only: who asks is named by a header, as sign-in would attach them from the session. */
async function gatewayWithUsers(config: RuntimeConfig, db: OpenDatabase['db'], audit: AuditTrail): Promise<FastifyInstance> {
  const gateway = await createGateway({ config, db, audit });
  gateway.addHook('onRequest', async (request) => {
    const name = request.headers['x-test-user'];
    request.user = typeof name === 'string' ? users[name] : undefined;
  });
  return gateway;
}

describe('the gateway writes the audit trail', () => {
  let database: TestDatabase;
  let opened: OpenDatabase;
  let archive: http.Server;
  const seen: string[] = [];
  let config: RuntimeConfig;
  let audit: AuditTrail;
  let gateway: FastifyInstance;

  const get = (url: string, user?: string) => gateway.inject({ method: 'GET', url, headers: user ? { 'x-test-user': user } : {} });
  const records = (filter: Parameters<typeof searchRecords>[1]) => searchRecords(opened.db, filter);
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase(inject('postgresAdminUrl'), 'audit_access');
    opened = await openDatabase({ kind: 'server', url: database.appUrl });
    archive = await startArchive(seen);
    const port = (archive.address() as AddressInfo).port;
    config = {
      sites: [
        { id: 'chu', name: 'CHU', dicomweb: `http://127.0.0.1:${port}/dicom-web`, issuerOfPatientId: 'CHU-FALLBACK', patientIdSystem: SYSTEM, timeoutMs: 2000 },
        { id: 'down', name: 'Down', dicomweb: 'http://127.0.0.1:9/dicom-web', issuerOfPatientId: 'DOWN', patientIdSystem: 'urn:oid:9' },
      ],
      identity: { pixm: `http://127.0.0.1:${port}/fhir` },
    };
    audit = startAuditTrail(opened.db, { flushMs: 10, retentionEveryMs: null });
    gateway = await gatewayWithUsers(config, opened.db, audit);
  });
  afterAll(async () => {
    await gateway?.close();
    await audit?.close();
    await new Promise((resolve) => archive?.close(resolve));
    await opened?.close();
    await database?.drop();
  });

  it("records a study viewed frame by frame once, with the archive's patient, asking the archive for it once", async () => {
    const frames = Array.from({ length: 40 }, (_, index) => `/sites/chu/dicom-web/studies/${STUDY}/series/1.2.3/instances/1.2.3.${index % 8}/frames/1`);
    const answers = await Promise.all([...frames, ...frames].map((url) => get(url, 'radiologue')));
    expect(answers.map((answer) => answer.statusCode)).toEqual(answers.map(() => 200));
    await get(`/sites/chu/dicom-web/studies/${STUDY}/series/1.2.3/metadata`, 'radiologue');
    expect(seen.filter((url) => url.startsWith('/dicom-web/studies?StudyInstanceUID='))).toHaveLength(1);

    const views = await eventually(() => records({ userId: 'radiologue', studyUid: STUDY, limit: 100 }), (found) => found.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100)); // nothing more arrives later
    expect(await records({ userId: 'radiologue', studyUid: STUDY, limit: 100 })).toHaveLength(1);
    expect(views[0]).toMatchObject({
      action: 'study-view',
      outcome: 'success',
      userId: 'radiologue',
      userName: 'Dr Anne Radio',
      roles: ['clinician'],
      organisation: 'CHU Val de Saône',
      clientAddress: '127.0.0.1',
      siteId: 'chu',
      studyUid: STUDY,
      patientId: 'A100001',
      patientIssuer: 'CHU-VDS',
      patientSystem: SYSTEM,
    });

    // Another user's viewing of the same study is their own record; the patient is known already.
    await get(`/sites/chu/dicom-web/studies/${STUDY}/series/1.2.3/instances/1.2.3.0/frames/1`, 'medecin');
    const theirs = await eventually(() => records({ userId: 'medecin', studyUid: STUDY, limit: 10 }), (found) => found.length > 0);
    expect(theirs).toMatchObject([{ action: 'study-view', patientId: 'A100001' }]);
    expect(seen.filter((url) => url.startsWith('/dicom-web/studies?StudyInstanceUID='))).toHaveLength(1);
  });

  it('records a search with its criteria, and the patient when it names one by ID', async () => {
    expect((await get('/sites/chu/dicom-web/studies?PatientName=DURAND*&ModalitiesInStudy=CT&limit=50', 'medecin')).statusCode).toBe(200);
    expect((await get('/sites/chu/dicom-web/studies?PatientID=A100002', 'medecin')).statusCode).toBe(200);
    const searches = await eventually(
      async () => (await records({ userId: 'medecin', limit: 20 })).filter((record) => record.action === 'search'),
      (found) => found.length >= 2,
    );
    expect(searches).toMatchObject([
      { outcome: 'success', siteId: 'chu', patientId: 'A100002', patientSystem: SYSTEM, detail: { criteria: { path: 'studies', query: { PatientID: 'A100002' } } } },
      { outcome: 'success', siteId: 'chu', patientId: null, detail: { criteria: { path: 'studies', query: { PatientName: 'DURAND*', ModalitiesInStudy: 'CT', limit: '50' } } } },
    ]);
  });

  it('records an identity look-up with the identifier asked about', async () => {
    expect((await get(`/identity/pixm/Patient/$ihe-pix?sourceIdentifier=${encodeURIComponent(`${SYSTEM}|A100001`)}`, 'medecin')).statusCode).toBe(200);
    const lookups = await eventually(
      async () => (await records({ userId: 'medecin', patient: { system: SYSTEM, value: 'A100001' }, limit: 20 })).filter((record) => record.action === 'identity-lookup'),
      (found) => found.length > 0,
    );
    expect(lookups).toMatchObject([{ outcome: 'success', patientId: 'A100001', patientSystem: SYSTEM, detail: { criteria: { path: 'Patient/$ihe-pix' } } }]);
  });

  it('records a failed view once per viewing, with its status', async () => {
    for (let index = 0; index < 5; index += 1) {
      expect((await get(`/sites/chu/dicom-web/studies/${MISSING}/series/1.2/instances/1.3/frames/1`, 'radiologue')).statusCode).toBe(404);
    }
    const failed = await eventually(() => records({ studyUid: MISSING, limit: 20 }), (found) => found.some((record) => record.outcome === 'failed'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const all = await records({ studyUid: MISSING, limit: 20 });
    // The archive knows no patient for it: the view was let through (and recorded), and its failure recorded once.
    expect(all.map((record) => record.outcome).sort()).toEqual(['failed', 'success']);
    expect(failed.find((record) => record.outcome === 'failed')).toMatchObject({ action: 'study-view', userId: 'radiologue', patientId: null, detail: { status: 404, reason: 'HTTP 404' } });
  });

  it("answers a view at an unreachable archive as the proxy would, and records the failure", async () => {
    const answer = await get('/sites/down/dicom-web/studies/1.2.7/series', 'radiologue');
    expect(answer.statusCode).toBe(502);
    expect(answer.json()).toMatchObject({ upstream: 'site down', error: expect.stringContaining('site down is unreachable') });
    const failed = await eventually(() => records({ studyUid: '1.2.7', limit: 10 }), (found) => found.length > 0);
    expect(failed).toMatchObject([{ action: 'study-view', outcome: 'failed', siteId: 'down', detail: { status: 502, reason: expect.stringContaining('unreachable') } }]);
  });

  it('takes no other method than GET or HEAD as a view', async () => {
    const asked = seen.length;
    const answer = await gateway.inject({ method: 'POST', url: '/sites/chu/dicom-web/studies/1.2.8/series', headers: { 'x-test-user': 'radiologue' } });
    expect(answer.statusCode).toBe(405);
    expect(seen.length).toBe(asked);
    const found = await eventually(() => records({ studyUid: '1.2.8', limit: 10 }), (list) => list.length > 0);
    expect(found).toMatchObject([{ action: 'study-view', outcome: 'failed', detail: { status: 405 } }]);
  });

  it('answers 401 to nobody, and records the refusal', async () => {
    const before = seen.length;
    const answer = await get(`/sites/chu/dicom-web/studies/${STUDY}/metadata`);
    expect(answer.statusCode).toBe(401);
    expect(seen.length).toBe(before);
    const denied = await eventually(() => records({ studyUid: STUDY, limit: 20 }), (found) => found.some((record) => record.outcome === 'denied'));
    expect(denied.find((record) => record.outcome === 'denied')).toMatchObject({ userId: null, clientAddress: '127.0.0.1', detail: { status: 401 } });
  });

  describe('GET /audit/AuditEvent', () => {
    it('answers auditors only: 401 without a user, 403 without the auditor role, each recorded', async () => {
      const nobody = await get('/audit/AuditEvent');
      expect(nobody.statusCode).toBe(401);
      expect(nobody.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
      const clinician = await get(`/audit/AuditEvent?entity=${STUDY}`, 'radiologue');
      expect(clinician.statusCode).toBe(403);
      expect(clinician.headers['content-type']).toContain('application/fhir+json');
      expect(clinician.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden', diagnostics: expect.stringContaining('auditor') }] });
      const refusals = await eventually(
        async () => (await records({ userId: 'radiologue', limit: 50 })).filter((record) => record.action === 'audit-read'),
        (found) => found.length > 0,
      );
      expect(refusals).toMatchObject([{ outcome: 'denied', detail: { status: 403, criteria: { query: { entity: STUDY } } } }]);
    });

    it('gives an auditor a Bundle of BALP AuditEvents, newest first, filtered, never cached', async () => {
      const answer = await get(`/audit/AuditEvent?entity=${STUDY}&patient=${encodeURIComponent(`${SYSTEM}|A100001`)}`, 'dpo');
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toContain('application/fhir+json');
      expect(answer.headers['cache-control']).toBe('no-store');
      const bundle = answer.json() as { resourceType: string; type: string; entry: { resource: Record<string, unknown> }[] };
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
      const events = bundle.entry.map((entry) => entry.resource);
      // The refusal of nobody, then the two viewings.
      expect(events.map((event) => [(event.agent as { who?: { identifier?: { value: string } } }[])[0]?.who?.identifier?.value, event.outcome])).toEqual([
        [undefined, '4'],
        ['medecin', '0'],
        ['radiologue', '0'],
      ]);
      expect(events[2]).toMatchObject({
        resourceType: 'AuditEvent',
        meta: { profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead'] },
        subtype: [{ code: 'read' }, { code: 'study-view' }],
        outcome: '0',
        entity: [
          { what: { identifier: { system: SYSTEM, value: 'A100001', assigner: { display: 'CHU-VDS' } } }, role: { code: '1' } },
          { what: { identifier: { value: `urn:oid:${STUDY}` } }, detail: [{ type: 'site', valueString: 'chu' }] },
        ],
      });
      const recorded = events.map((event) => event.recorded as string);
      expect([...recorded].sort().reverse()).toEqual(recorded);

      const byAgent = (await get('/audit/AuditEvent?agent=medecin&_count=2', 'dpo')).json() as { entry: unknown[] };
      expect(byAgent.entry).toHaveLength(2);
      const later = (await get('/audit/AuditEvent?agent=radiologue&date=ge2999-01-01', 'dpo')).json() as { entry: unknown[] };
      expect(later.entry).toEqual([]);
    });

    it('answers a bad parameter with 400 and an OperationOutcome', async () => {
      const answer = await get('/audit/AuditEvent?date=yesterday', 'dpo');
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: expect.stringContaining('date') }] });
      expect((await get('/audit/AuditEvent?name=x', 'dpo')).statusCode).toBe(400);
    });

    it('records each reading, and the whole trail verifies', async () => {
      const readings = await eventually(
        async () => (await records({ userId: 'dpo', limit: 50 })).filter((record) => record.action === 'audit-read' && record.outcome === 'success'),
        (found) => found.length >= 3,
      );
      expect(readings.at(-1)).toMatchObject({ patientId: 'A100001', patientSystem: SYSTEM, detail: { criteria: { path: 'AuditEvent', query: { entity: STUDY } } } });
      expect(await verifyTrail(opened.db)).toMatchObject({ ok: true });
    });
  });

  it('refuses new views with 503 while the trail cannot be written, before anything reaches the archive', async () => {
    const closed = await openDatabase({ kind: 'server', url: database.appUrl });
    await closed.close();
    const broken = startAuditTrail(closed.db, { flushMs: 5, retentionEveryMs: null });
    broken.record({ recordedAt: new Date(), action: 'search', outcome: 'success' });
    await eventually(async () => broken.isHealthy(), (healthy) => !healthy);
    expect(broken.isHealthy()).toBe(false);
    const refusing = await gatewayWithUsers(config, opened.db, broken);
    try {
      const before = seen.length;
      const answer = await refusing.inject({ method: 'GET', url: `/sites/chu/dicom-web/studies/1.2.999/series/1/instances/2/frames/1`, headers: { 'x-test-user': 'radiologue' } });
      expect(answer.statusCode).toBe(503);
      expect(answer.json()).toMatchObject({ error: expect.stringContaining('audit trail'), auditTrail: 'unavailable' });
      expect(seen.length).toBe(before);
    } finally {
      await refusing.close();
      await broken.close().catch(() => undefined);
    }
  });
});
