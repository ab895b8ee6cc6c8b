import { describe, expect, it } from 'vitest';
import type { SiteId, StudyUid } from '../dicom/identifiers.ts';
import { STUDY_SUMMARY_FIELDS } from '../federation/qidoStudyQuery.ts';
import type { QidoAnswer } from '../federation/siteSearchOutcome.ts';
import type { StudyLaunch } from './studyLookup.ts';
import {
  chooseLaunchTarget,
  readLookupAnswer,
  siteLookupFromOutcomes,
  sitesToAsk,
  studyLookupQueries,
  viewerPath,
  type SiteLookup,
} from './studyLookup.ts';
import { launchTestSites as sites } from './testSites.ts';

const [dijon, cgfl] = sites as [(typeof sites)[0], (typeof sites)[0]];
const uid1 = '1.2.826.0.1.3680043.8.498.1' as StudyUid;
const uid2 = '1.2.826.0.1.3680043.8.498.2' as StudyUid;
const uid3 = '1.2.826.0.1.3680043.8.498.3' as StudyUid;
const includes = STUDY_SUMMARY_FIELDS.map((field) => ['includefield', field] as const);

function dataset(studyUid: string, patientId: string, issuer?: string, accession?: string) {
  return {
    '0020000D': { vr: 'UI', Value: [studyUid] },
    '00100020': { vr: 'LO', Value: [patientId] },
    ...(issuer ? { '00100021': { vr: 'LO', Value: [issuer] } } : {}),
    ...(accession ? { '00080050': { vr: 'SH', Value: [accession] } } : {}),
  };
}

const ok = (...items: unknown[]): QidoAnswer => ({ kind: 'response', status: 200, body: JSON.stringify(items) });

/** The lookup of one site for a study launch, from its answers (one per query, in order). */
function lookupAt(site: (typeof sites)[0], launch: StudyLaunch, answers: QidoAnswer[]): SiteLookup {
  const queries = studyLookupQueries(launch, site);
  const outcomes = queries.map((query, index) => readLookupAnswer(site, query, answers[index] ?? ok(), 12));
  return siteLookupFromOutcomes(site.id as SiteId, outcomes);
}

describe('lookup requests (QIDO-RS, PS3.18 §10.6)', () => {
  it('asks each site once per Study Instance UID', () => {
    const queries = studyLookupQueries({ kind: 'study', studyUids: [uid1, uid2] }, dijon);
    expect(queries.map((query) => query.parameters)).toEqual([
      [['StudyInstanceUID', uid1], ...includes, ['limit', '11']],
      [['StudyInstanceUID', uid2], ...includes, ['limit', '11']],
    ]);
  });

  it('asks by accession number, with the patient at the patient’s own site', () => {
    const [plain] = studyLookupQueries({ kind: 'accession', accessionNumber: 'ACC-1' }, dijon);
    expect(plain?.parameters.slice(0, 2)).toEqual([['AccessionNumber', 'ACC-1'], ['fuzzymatching', 'false']]);
    const launch: StudyLaunch = { kind: 'accession', accessionNumber: 'ACC-1', siteId: 'chu-dijon' as SiteId, patientId: 'A1' };
    expect(studyLookupQueries(launch, dijon)[0]?.parameters.slice(0, 3)).toEqual([
      ['PatientID', 'A1'],
      ['IssuerOfPatientID', 'CHU-DIJON'],
      ['AccessionNumber', 'ACC-1'],
    ]);
  });

  it('asks every site, or only the patient’s site for an accession number with a patient', () => {
    expect(sitesToAsk({ kind: 'study', studyUids: [uid1], siteId: 'cgfl' as SiteId }, sites).map((site) => site.id)).toEqual(['chu-dijon', 'cgfl', 'exemple']);
    expect(sitesToAsk({ kind: 'accession', accessionNumber: 'A', siteId: 'cgfl' as SiteId, patientId: 'B' }, sites).map((site) => site.id)).toEqual(['cgfl']);
    expect(sitesToAsk({ kind: 'accession', accessionNumber: 'A' }, sites)).toHaveLength(3);
  });
});

describe('reading a site’s answers', () => {
  const launch: StudyLaunch = { kind: 'study', studyUids: [uid1, uid2] };

  it('keeps only the studies asked for, even when the archive ignores the key', () => {
    const lookup = lookupAt(dijon, launch, [ok(dataset(uid1, 'A1', 'CHU-DIJON'), dataset(uid3, 'Z9', 'CHU-DIJON')), { kind: 'response', status: 204, body: '' }]);
    expect(lookup).toMatchObject({ siteId: 'chu-dijon', status: 'found', ms: 12 });
    expect(lookup.studies.map((study) => study.studyUid)).toEqual([uid1]);
  });

  it('says not-found when the site answered without the study', () => {
    expect(lookupAt(dijon, launch, [ok(), ok()])).toEqual({ siteId: 'chu-dijon', status: 'not-found', studies: [], ms: 12 });
  });

  it('says why a site did not answer', () => {
    expect(lookupAt(dijon, launch, [{ kind: 'timeout', ms: 8000 }, ok()])).toMatchObject({ status: 'timeout', error: 'no answer within 8000 ms' });
    expect(lookupAt(dijon, launch, [{ kind: 'response', status: 502, statusText: 'Bad Gateway', body: 'upstream down' }, ok()])).toMatchObject({
      status: 'error',
      error: 'HTTP 502 Bad Gateway: upstream down',
    });
  });

  it('counts a study found even when another request to the same site failed', () => {
    expect(lookupAt(dijon, launch, [ok(dataset(uid1, 'A1')), { kind: 'network-error', message: 'reset' }])).toMatchObject({ status: 'found', error: 'reset' });
  });

  it('keeps for an accession number only the studies of that number, and of the patient asked for', () => {
    const byPatient: StudyLaunch = { kind: 'accession', accessionNumber: 'ACC-1', siteId: 'chu-dijon' as SiteId, patientId: 'A1' };
    const lookup = lookupAt(dijon, byPatient, [
      ok(dataset(uid1, 'A1', 'CHU-DIJON', 'ACC-1'), dataset(uid2, 'A1', 'CHU-DIJON', 'ACC-2'), dataset(uid3, 'A1', 'OTHER', 'ACC-1')),
    ]);
    expect(lookup.studies.map((study) => study.studyUid)).toEqual([uid1]);
  });
});

describe('choosing where to open', () => {
  const found = (site: (typeof sites)[0], ...items: ReturnType<typeof dataset>[]) => lookupAt(site, { kind: 'study', studyUids: [uid1, uid2, uid3] }, [ok(...items), ok(...items), ok(...items)]);
  const none = (site: (typeof sites)[0]): SiteLookup => ({ siteId: site.id as SiteId, status: 'not-found', studies: [], ms: 3 });

  it('opens the first UID found at the site that holds it, passing the others along', () => {
    const launch: StudyLaunch = { kind: 'study', studyUids: [uid3, uid1, uid2] };
    const target = chooseLaunchTarget(launch, [none(dijon), found(cgfl, dataset(uid1, 'B1', 'CGFL'), dataset(uid2, 'B1', 'CGFL'))], sites);
    expect(target).toEqual({ kind: 'open', siteId: 'cgfl', studyUid: uid1, also: [uid3, uid2] });
    expect(target.kind === 'open' && viewerPath(target)).toBe(`/viewer/cgfl/${uid1}?also=${uid3},${uid2}`);
  });

  it('prefers the site whose issuer the study carries when several hold it', () => {
    const launch: StudyLaunch = { kind: 'study', studyUids: [uid1] };
    const lookups = [found(dijon, dataset(uid1, 'B1', 'CGFL')), found(cgfl, dataset(uid1, 'B1', 'CGFL'))];
    expect(chooseLaunchTarget(launch, lookups, sites)).toEqual({ kind: 'open', siteId: 'cgfl', studyUid: uid1, also: [] });
  });

  it('else prefers the site of the patientID sent along, else the first site', () => {
    const lookups = [found(dijon, dataset(uid1, 'X')), found(cgfl, dataset(uid1, 'X'))];
    expect(chooseLaunchTarget({ kind: 'study', studyUids: [uid1], siteId: 'cgfl' as SiteId }, lookups, sites)).toMatchObject({ siteId: 'cgfl' });
    expect(chooseLaunchTarget({ kind: 'study', studyUids: [uid1] }, lookups, sites)).toMatchObject({ siteId: 'chu-dijon' });
  });

  it('has no target when no site holds the study', () => {
    expect(chooseLaunchTarget({ kind: 'study', studyUids: [uid1] }, [none(dijon), none(cgfl)], sites)).toEqual({ kind: 'not-found' });
    expect(chooseLaunchTarget({ kind: 'study', studyUids: [uid1] }, [], sites)).toEqual({ kind: 'not-found' });
  });

  it('opens an accession number’s study, or its studies of one patient', () => {
    const launch: StudyLaunch = { kind: 'accession', accessionNumber: 'ACC-1' };
    const one = lookupAt(cgfl, launch, [ok(dataset(uid1, 'B1', 'CGFL', 'ACC-1'), dataset(uid2, 'B1', 'CGFL', 'ACC-1'))]);
    expect(chooseLaunchTarget(launch, [none(dijon), one], sites)).toEqual({ kind: 'open', siteId: 'cgfl', studyUid: uid1, also: [uid2] });
  });

  it('refuses to choose between different patients’ studies that share an accession number', () => {
    const launch: StudyLaunch = { kind: 'accession', accessionNumber: 'ACC-1' };
    const atDijon = lookupAt(dijon, launch, [ok(dataset(uid1, 'A1', 'CHU-DIJON', 'ACC-1'))]);
    const atCgfl = lookupAt(cgfl, launch, [ok(dataset(uid2, 'B1', 'CGFL', 'ACC-1'))]);
    expect(chooseLaunchTarget(launch, [atDijon, atCgfl], sites)).toEqual({
      kind: 'ambiguous',
      candidates: [
        { siteId: 'chu-dijon', studyUid: uid1, patientId: 'A1', issuerOfPatientId: 'CHU-DIJON' },
        { siteId: 'cgfl', studyUid: uid2, patientId: 'B1', issuerOfPatientId: 'CGFL' },
      ],
    });
    const twoPatients = lookupAt(dijon, launch, [ok(dataset(uid1, 'A1', 'CHU-DIJON', 'ACC-1'), dataset(uid2, 'A2', 'CHU-DIJON', 'ACC-1'))]);
    expect(chooseLaunchTarget(launch, [twoPatients], sites)).toMatchObject({ kind: 'ambiguous' });
  });

  it('opens one study copied to two sites under one accession number at its home', () => {
    const launch: StudyLaunch = { kind: 'accession', accessionNumber: 'ACC-1' };
    const original = lookupAt(cgfl, launch, [ok(dataset(uid1, 'B1', 'CGFL', 'ACC-1'))]);
    const copy = lookupAt(dijon, launch, [ok(dataset(uid1, 'B1', 'CGFL', 'ACC-1'))]);
    expect(chooseLaunchTarget(launch, [copy, original], sites)).toEqual({ kind: 'open', siteId: 'cgfl', studyUid: uid1, also: [] });
  });
});
