/**
 * The demo's identity cases, learnt as `npm start` learns them: the gateway's harvest reads the demo archives (the
 * generated studies, served by the in-process DICOMweb archives) into the identity manager. It must link exactly the
 * demo's persons (DURAND under two IDs and two spellings of her first name, ROUX/GIRARD by the INS her studies carry
 * under her birth and married names), never the twins nor the two 300042, and put FONTAINE/FONTAINNE in the review
 * queue; while it learns, PIXm answers 503. A second run reads only the newer studies and learns nobody again, and
 * the weights learnt at its end are stored and taken by the next start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { findRecord, openPossibleMatches } from '../db/identityStore.ts';
import { latestMatcherWeights } from '../db/matcherWeightsStore.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { createGateway } from '../gateway/createGateway.ts';
import type { SiteHarvestStatus } from '../identity/harvest/identityHarvest.ts';
import { startDemoArchive, type DemoArchiveHandle } from './archive/startDemoArchive.ts';
import { demoSite, demoSites } from './demoSites.ts';
import { demoPersonLinks } from './testing/demoPersonLinks.ts';
import { demoInsSystem } from './generate/demoCatalog.ts';
import { generateDemoStudies } from './generate/generateDemoStudies.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// A reduced set (few slices per series: the patients and studies are the demo's own), cached between runs.
const cacheDir = path.join(root, '.cache', 'demo-reduced');
const chu = demoSite('chu').patientIdSystem;
const cgfl = demoSite('cgfl').patientIdSystem;

let workDir: string;
let handle: OpenDatabase;
let gateway: FastifyInstance;
let config: RuntimeConfig;
const archives: DemoArchiveHandle[] = [];
let firstRun: SiteHarvestStatus[];
let learningAnswer: { status: number; retryAfter: string | undefined; body: string };
let learningSearch: number;

async function pix(app: FastifyInstance, source: string) {
  return app.inject({ method: 'GET', url: `/identity/fhir/Patient/$ihe-pix?sourceIdentifier=${encodeURIComponent(source)}` });
}

beforeAll(async () => {
  const manifest = await generateDemoStudies(cacheDir, { sliceScale: 0.05 });
  const sites: RuntimeConfig['sites'] = [];
  for (const site of demoSites) {
    const files = manifest.files.filter((file) => file.site === site.key).map((file) => path.join(cacheDir, file.path));
    const archive = await startDemoArchive({ files, name: site.name });
    archives.push(archive);
    sites.push({ id: site.id, name: site.name, dicomweb: archive.url, issuerOfPatientId: site.issuerOfPatientId, patientIdSystem: site.patientIdSystem });
  }
  // The demo's configuration (startDemo.ts), without sign-in.
  config = { sites, identity: { manager: { harvest: {} } } };
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-demo-harvest-'));
  handle = await openDatabase({ kind: 'embedded', dataDir: workDir });
  gateway = await createGateway({ config, db: handle.db });
  const harvest = gateway.identityHarvest;
  if (!harvest) throw new Error('no harvest');
  const run = harvest.run();
  const answer = await pix(gateway, `${chu}|A100001`);
  learningAnswer = { status: answer.statusCode, retryAfter: answer.headers['retry-after'] as string | undefined, body: answer.body };
  learningSearch = (await gateway.inject({ method: 'GET', url: '/identity/fhir/Patient?family=durand' })).statusCode;
  firstRun = await run;
});

afterAll(async () => {
  await gateway?.close();
  await handle?.close();
  await Promise.all(archives.map((archive) => archive.close()));
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the demo identity manager, learnt from the demo archives by the harvest (embedded PGlite)', () => {
  it('reads every study of both archives and learns each of their patients once', () => {
    expect(firstRun.map((status) => [status.siteId, status.state, status.studiesRead, status.patientsLearnt])).toEqual([
      [demoSite('chu').id, 'done', 11, 8],
      [demoSite('cgfl').id, 'done', 5, 4],
    ]);
  });

  it('answers PIXm and PDQm with 503 and Retry-After while it learns, rather than an incomplete answer', async () => {
    expect(learningSearch).toBe(503);
    expect((await gateway.inject({ method: 'GET', url: '/identity/fhir/Patient?family=durand' })).statusCode).toBe(200);
    expect(learningAnswer.status).toBe(503);
    expect(learningAnswer.retryAfter).toBe('1');
    expect(learningAnswer.body).toContain('learning');
  });

  it("learns each patient's traits from the studies: birth and used names, given names, birth date, sex, INS", async () => {
    expect((await findRecord(handle.db, { system: cgfl, value: 'B-812345' }))?.traits).toEqual({
      birthName: 'ROUX',
      usedName: 'GIRARD',
      givenNames: ['SOPHIE', 'ANNE'],
      birthDate: '1976-09-05',
      sex: 'female',
      ins: { system: demoInsSystem, value: '276099913407825' },
    });
    expect((await findRecord(handle.db, { system: chu, value: 'A100001' }))?.traits).toMatchObject({ givenNames: ['MARIE CLAIRE'], ins: { value: '258039935004587' } });
    expect((await findRecord(handle.db, { system: chu, value: 'A100006' }))?.traits).toMatchObject({ birthName: 'PETIT', givenNames: ['LUCAS'], birthDate: '2015-06-14', ins: null });
  });

  it('links exactly the persons of the demo, as the stand-alone PIXm table says them', async () => {
    const manager = gateway.identityManager;
    if (!manager) throw new Error('no manager');
    for (const link of await demoPersonLinks(manager)) expect(link.answered, link.label).toEqual(link.expected);
  });

  it('answers an INS with every site identifier of that person, over HTTP once learnt', async () => {
    const answer = await pix(gateway, `${demoInsSystem}|276099913407825`);
    expect(answer.statusCode).toBe(200);
    const identifiers = (JSON.parse(answer.body) as { parameter: { name: string; valueIdentifier?: { system: string; value: string } }[] }).parameter
      .filter((parameter) => parameter.name === 'targetIdentifier')
      .map((parameter) => `${parameter.valueIdentifier?.system}|${parameter.valueIdentifier?.value}`);
    expect(identifiers.sort()).toEqual([`${chu}|A100005`, `${cgfl}|B-812345`]);
  });

  it('puts FONTAINE/FONTAINNE, and nothing else, in the review queue', async () => {
    const open = await openPossibleMatches(handle.db);
    const fontaine = [await findRecord(handle.db, { system: chu, value: 'A100008' }), await findRecord(handle.db, { system: cgfl, value: 'B-790312' })].map((record) => record?.id);
    expect(open.map((match) => [match.recordA, match.recordB].sort())).toEqual([fontaine.sort()]);
  });

  it('stores the weights learnt at the end of the run, and a later start reads only newer studies and takes them', async () => {
    const stored = await latestMatcherWeights(handle.db, 'probabilistic');
    expect(stored).toMatchObject({ recordCount: 12 });
    await gateway.close();
    gateway = await createGateway({ config, db: handle.db });
    expect(gateway.identityManager?.weightsOrigin()).toMatchObject({ source: stored?.source, records: 12 });
    expect(gateway.identityHarvest?.learning()).toBe(false);
    const again = await gateway.identityHarvest?.run();
    // From each site's watermark (its latest study date): that day's study again, and no patient learnt anew.
    expect(again?.map((status) => [status.studiesRead, status.patientsLearnt])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect((await pix(gateway, `${chu}|A100001`)).statusCode).toBe(200);
  });
});
