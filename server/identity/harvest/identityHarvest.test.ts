/**
 * The harvest against a real Orthanc with its DICOMweb plugin: patients learnt from the studies (names, birth name,
 * birth date, sex, an INS in Other Patient IDs Sequence), another issuer's patient left out, the watermark kept in
 * the database so that a second run reads only the newer studies, and the routes for identity officers. Each site's run
 * and each record it fed are in the audit trail, with who started the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { validateRuntimeConfig } from '../../../src/domain/config/runtimeConfig.ts';
import { requirePrerequisites } from '../../../scripts/testbed/prerequisites.ts';
import { loadInstances, startOrthanc, type RunningOrthanc } from '../../../scripts/testbed/startOrthanc.ts';
import { writePart10 } from '../../demo/archive/testing/writePart10.ts';
import { startAuditTrail, type AuditTrail } from '../../audit/startAuditTrail.ts';
import { searchRecords as searchAuditRecords } from '../../db/auditRecordStore.ts';
import { findRecord } from '../../db/identityStore.ts';
import { openDatabase, type OpenDatabase } from '../../db/openDatabase.ts';
import { createGateway } from '../../gateway/createGateway.ts';

const CHU = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const INS = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '270057512345678' };
const ROOT = '1.2.826.0.1.3680043.10.1561.77';
let instance = 0;

function study(dir: string, patient: Record<string, unknown>, studyDate: string): string {
  instance++;
  const file = path.join(dir, `i${instance}.dcm`);
  const pixels = Buffer.alloc(8 * 8 * 2);
  writePart10(file, {
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    dataset: {
      ...patient,
      StudyInstanceUID: `${ROOT}.${instance}`,
      SeriesInstanceUID: `${ROOT}.${instance}.1`,
      SOPInstanceUID: `${ROOT}.${instance}.1.1`,
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      StudyDate: studyDate,
      Modality: 'CT',
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: 8,
      Columns: 8,
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 0,
      PixelData: pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.length),
    },
  });
  return file;
}

describe('the harvest of an archive (real Orthanc)', () => {
  let orthanc: RunningOrthanc;
  let workDir: string;
  let database: OpenDatabase;
  let gateway: FastifyInstance;
  let audit: AuditTrail;
  /** The trail's records of an action, oldest first, once the batched writer has written `count` of them. */
  const trailOf = async (action: string, count: number) => {
    const read = async () => (await searchAuditRecords(database.db, { limit: 500 })).filter((record) => record.action === action).reverse();
    await expect.poll(async () => (await read()).length, { timeout: 10_000 }).toBe(count);
    return read();
  };

  beforeAll(async () => {
    const prerequisites = requirePrerequisites();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-harvest-'));
    const files = path.join(workDir, 'files');
    fs.mkdirSync(files);
    orthanc = await startOrthanc({ name: 'chu-harvest', workDir, orthanc: prerequisites.orthanc, dicomwebPlugin: prerequisites.dicomwebPlugin });
    await loadInstances(orthanc, [
      // A married woman: her used name in Patient's Name, her birth name apart, her INS among the other IDs.
      study(files, {
        PatientName: 'LEGRAND^Anne-Sophie^Marie',
        PatientBirthName: 'MOREAU^Anne-Sophie',
        PatientID: 'CHU-1001',
        IssuerOfPatientID: 'CHU-VDS',
        PatientBirthDate: '19700512',
        PatientSex: 'F',
        OtherPatientIDsSequence: [{ PatientID: INS.value, IssuerOfPatientID: '1.2.250.1.213.1.4.10' }],
      }, '20240110'),
      study(files, { PatientName: 'BERTIN^Louis', PatientID: 'CHU-1002', IssuerOfPatientID: 'CHU-VDS', PatientBirthDate: '19851103', PatientSex: 'M' }, '20240301'),
      // Another domain's patient in the same archive: left out.
      study(files, { PatientName: 'FAURE^Jules', PatientID: 'EXT-9', IssuerOfPatientID: 'ELSEWHERE', PatientBirthDate: '19600101', PatientSex: 'M' }, '20240201'),
    ]);
    database = await openDatabase({ kind: 'embedded', dataDir: path.join(workDir, 'db') });
    const result = validateRuntimeConfig({
      sites: [
        { id: 'chu', name: 'CHU', dicomweb: orthanc.dicomweb, issuerOfPatientId: 'CHU-VDS', patientIdSystem: CHU, maxConcurrentRequests: 2 },
        { id: 'cgfl', name: 'CGFL', dicomweb: 'http://127.0.0.1:9/dicom-web', issuerOfPatientId: 'CACB', patientIdSystem: CGFL },
      ],
      identity: { manager: { harvest: { sites: ['chu'], pageSize: 1 } } },
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    audit = startAuditTrail(database.db, { retentionEveryMs: null, flushMs: 10 });
    gateway = await createGateway({ config: result.config, db: database.db, audit, credentials: { sites: new Map() } });
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await audit?.close();
    await database?.close();
    await orthanc?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('learns the site’s patients, page by page, with birth and used names and the INS, and leaves another issuer’s out', async () => {
    const harvest = gateway.identityHarvest;
    expect(harvest).toBeDefined();
    const statuses = await harvest!.run();
    expect(statuses).toEqual([expect.objectContaining({ siteId: 'chu', state: 'done', studiesRead: 3, patientsLearnt: 2, watermark: '20240301', error: null })]);
    const anne = await findRecord(database.db, { system: CHU, value: 'CHU-1001' });
    expect(anne?.traits).toEqual({ birthName: 'MOREAU', usedName: 'LEGRAND', givenNames: ['Anne-Sophie', 'Marie'], birthDate: '1970-05-12', sex: 'female', ins: INS });
    expect(anne?.sourceSite).toBe('chu');
    expect(await findRecord(database.db, { system: CHU, value: 'EXT-9' })).toBeUndefined();

    // The trail: the run (the schedule's system actor: nobody asked) and each record it fed, the identifier as the patient.
    expect(await trailOf('identity-harvest', 1)).toEqual([
      expect.objectContaining({
        userId: 'harvest',
        siteId: 'chu',
        outcome: 'success',
        detail: { trigger: 'schedule', criteria: { path: 'studies', query: {} }, studiesRead: 3, patientsLearnt: 2, watermark: '20240301' },
      }),
    ]);
    const fed = await trailOf('identity-feed', 2);
    // Orthanc answers studies in no particular order: the records are compared sorted by patient.
    const byPatient = fed.sort((a, b) => (a.patientId ?? '').localeCompare(b.patientId ?? ''));
    expect(byPatient.map((record) => [record.patientSystem, record.patientId, record.siteId, record.userId, record.detail.source, record.detail.created])).toEqual([
      [CHU, 'CHU-1001', 'chu', 'harvest', 'harvest', true],
      [CHU, 'CHU-1002', 'chu', 'harvest', 'harvest', true],
    ]);
  });

  it('reads only the studies from its watermark on at the next run, and the routes tell the progress', async () => {
    await loadInstances(orthanc, [study(path.join(workDir, 'files'), { PatientName: 'ROCHE^Léa', PatientID: 'CHU-1003', IssuerOfPatientID: 'CHU-VDS', PatientBirthDate: '19991224', PatientSex: 'F' }, '20240405')]);
    const started = await gateway.inject({ method: 'POST', url: '/identity/harvest' });
    expect(started.statusCode).toBe(202);
    // Its answer already says the run is under way, the site waiting its turn or being read (the page polls from there).
    expect(started.json()).toMatchObject({ started: true, running: true, sites: [{ siteId: 'chu', state: expect.stringMatching(/^(waiting|running)$/) }] });
    const statuses = await gateway.identityHarvest!.run();
    // The watermark's own day again (studies of that day may have come in since), and the new one.
    expect(statuses[0]).toMatchObject({ state: 'done', studiesRead: 2, patientsLearnt: 1, watermark: '20240405' });
    const progress = await gateway.inject({ url: '/identity/harvest' });
    expect(progress.statusCode).toBe(200);
    expect(progress.json()).toMatchObject({ running: false, sites: [{ siteId: 'chu', state: 'done', watermark: '20240405', patientsLearnt: 1 }] });

    // Asked for through the route: the user who asked is the run's actor (without sign-in, the local user).
    const runs = await trailOf('identity-harvest', 2);
    expect(runs[1]).toMatchObject({ userId: 'local', siteId: 'chu', outcome: 'success', detail: { trigger: 'on-demand', criteria: { query: { StudyDate: '20240301-' } }, studiesRead: 2, patientsLearnt: 1 } });
    expect((await trailOf('identity-feed', 3)).slice(2).map((record) => [record.patientId, record.userId])).toEqual([['CHU-1003', 'local']]);
  });

  it('links a fed record of another site to a harvested one through the INS', async () => {
    const { createIdentityManager } = await import('../identityManager.ts');
    const manager = createIdentityManager({ db: database.db, sites: [{ id: 'chu', patientIdSystem: CHU }, { id: 'cgfl', patientIdSystem: CGFL }] });
    const fed = await manager.feed({ system: CGFL, value: 'CG-77' }, { birthName: 'MOREAU', usedName: null, givenNames: ['Anne-Sophie'], birthDate: '1970-05-12', sex: 'female', ins: INS }, 'flux-cgfl');
    const anne = await findRecord(database.db, { system: CHU, value: 'CHU-1001' });
    expect(fed.record.personId).toBe(anne?.personId);
    // Four records make too few pairs for EM: the calibrated weights stay.
    expect(await manager.learnWeights()).toMatchObject({ source: 'calibrated', records: 4 });
  });

  it('stops feeding when the audit trail cannot take more records, and says so', async () => {
    await loadInstances(orthanc, [study(path.join(workDir, 'files'), { PatientName: 'VIDAL^Marc', PatientID: 'CHU-1004', IssuerOfPatientID: 'CHU-VDS', PatientBirthDate: '19770707', PatientSex: 'M' }, '20240406')]);
    const healthy = audit.isHealthy;
    audit.isHealthy = () => false;
    try {
      const [status] = await gateway.identityHarvest!.run();
      expect(status).toMatchObject({ state: 'failed', patientsLearnt: 0, watermark: '20240405', error: expect.stringMatching(/audit trail/) });
      expect(await findRecord(database.db, { system: CHU, value: 'CHU-1004' })).toBeUndefined();
    } finally {
      audit.isHealthy = healthy;
    }
    const [status] = await gateway.identityHarvest!.run();
    expect(status).toMatchObject({ state: 'done', patientsLearnt: 1 });
    const runs = await trailOf('identity-harvest', 4);
    expect(runs.slice(2).map((record) => [record.outcome, record.detail.reason ?? null])).toEqual([['failed', expect.stringMatching(/audit trail/)], ['success', null]]);
  });
});
