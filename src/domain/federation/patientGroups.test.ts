import { describe, expect, it } from 'vitest';
import { groupPatients, type PatientGroupingInput } from './patientGroups.ts';
import { studySummaryFromQido, type StudySummary } from './studySummary.ts';
import { resolveIdentity, configuredSystems, type IdentityResolution } from '../identity/identityResolution.ts';
import { interpretPixmAnswer } from '../identity/pixmResult.ts';

const DIJON = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const sites = [
  { id: 'chu-dijon', issuerOfPatientId: 'CHU-DIJON', patientIdSystem: DIJON },
  { id: 'cgfl', issuerOfPatientId: 'CGFL', patientIdSystem: CGFL },
];

interface StudyFields {
  uid: string;
  patientId: string;
  issuer?: string;
  name?: string;
  birth?: string;
  sex?: string;
  date?: string;
  time?: string;
  modalities?: string[];
}

/** A QIDO-RS study result (DICOM JSON) read as the worklist reads it. Names are synthetic. */
function study(siteId: string, fields: StudyFields): StudySummary {
  const dataset = {
    '0020000D': { vr: 'UI', Value: [fields.uid] },
    '00100020': { vr: 'LO', Value: [fields.patientId] },
    ...(fields.issuer ? { '00100021': { vr: 'LO', Value: [fields.issuer] } } : {}),
    '00100010': { vr: 'PN', Value: [{ Alphabetic: fields.name ?? 'DURAND^MARIE' }] },
    '00100030': { vr: 'DA', Value: [fields.birth ?? '19610412'] },
    '00100040': { vr: 'CS', Value: [fields.sex ?? 'F'] },
    '00080020': { vr: 'DA', Value: [fields.date ?? '20240305'] },
    ...(fields.time ? { '00080030': { vr: 'TM', Value: [fields.time] } } : {}),
    '00080061': { vr: 'CS', Value: fields.modalities ?? ['CT'] },
  };
  const summary = studySummaryFromQido(siteId, dataset);
  if (!summary) throw new Error('fixture is not a study');
  return summary;
}

/** The ITI-83 answer linking CHU Dijon 123 to CGFL 456, as a PIXm manager returns it. */
const pixmLinks123To456 = {
  kind: 'response' as const,
  status: 200,
  contentType: 'application/fhir+json',
  body: JSON.stringify({
    resourceType: 'Parameters',
    parameter: [
      { name: 'targetIdentifier', valueIdentifier: { system: CGFL, value: '456' } },
      { name: 'targetIdentifier', valueIdentifier: { system: DIJON, value: '123' } },
      { name: 'targetId', valueReference: { reference: 'Patient/7' } },
    ],
  }),
};
const pixmNoLinks = { kind: 'response' as const, status: 200, body: '{"resourceType":"Parameters"}' };

function resolve(siteId: string, patientId: string, issuer: string | undefined, answer: Parameters<typeof interpretPixmAnswer>[0]): IdentityResolution {
  const site = sites.find((candidate) => candidate.id === siteId);
  const pixm = interpretPixmAnswer(answer, { source: { system: site?.patientIdSystem ?? '', value: patientId }, knownSystems: configuredSystems(sites) });
  return resolveIdentity(sites, { siteId, patientId, issuerOfPatientId: issuer }, pixm);
}

const input = (overrides: Partial<PatientGroupingInput>): PatientGroupingInput => ({
  sites,
  studies: [],
  resolutions: [],
  identityState: 'ok',
  ...overrides,
});

describe('patient groups', () => {
  it('puts a cross-referenced patient in one group with both sites', () => {
    const studies = [
      study('chu-dijon', { uid: '1.1.1', patientId: '123', issuer: 'CHU-DIJON', date: '20240305' }),
      study('cgfl', { uid: '1.2.1', patientId: '456', issuer: 'CGFL', date: '20240410', name: 'DURAND^MARIE-CLAIRE' }),
      study('chu-dijon', { uid: '1.1.2', patientId: '123', issuer: 'CHU-DIJON', date: '20230101' }),
    ];
    const groups = groupPatients(input({ studies, resolutions: [resolve('chu-dijon', '123', 'CHU-DIJON', pixmLinks123To456)] }));
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group?.linkState).toBe('linked');
    expect(group?.key).toBe('cgfl:CGFL:456,chu-dijon:CHU-DIJON:123');
    expect(group?.identities.map((identity) => [identity.siteId, identity.patientId, identity.studyCount])).toEqual([
      ['cgfl', '456', 1],
      ['chu-dijon', '123', 2],
    ]);
    expect(group?.studies.map((s) => s.studyUid)).toEqual(['1.2.1', '1.1.1', '1.1.2']);
    expect(group?.warnings).toMatchObject([{ kind: 'name-spelling-variant', severity: 'info' }]);
    expect(group?.unlinkedReasons).toEqual([]);
  });

  it('keeps two patients with the same Patient ID at two sites apart when no PIXm link joins them', () => {
    const studies = [
      study('chu-dijon', { uid: '1.1.1', patientId: '123', issuer: 'CHU-DIJON', name: 'DURAND^MARIE' }),
      study('cgfl', { uid: '1.2.1', patientId: '123', issuer: 'CGFL', name: 'MARTIN^PAUL', sex: 'M' }),
    ];
    const resolutions = [resolve('chu-dijon', '123', 'CHU-DIJON', pixmNoLinks), resolve('cgfl', '123', 'CGFL', pixmNoLinks)];
    const groups = groupPatients(input({ studies, resolutions }));
    expect(groups).toHaveLength(2);
    expect(groups.map((group) => group.linkState)).toEqual(['single-site', 'single-site']);
    expect(new Set(groups.map((group) => group.key)).size).toBe(2);
    expect(groups.every((group) => group.identities.length === 1 && group.warnings.length === 0)).toBe(true);
  });

  it('keeps them apart even while identity is unresolved, and says why', () => {
    const studies = [
      study('chu-dijon', { uid: '1.1.1', patientId: '123', issuer: 'CHU-DIJON' }),
      study('cgfl', { uid: '1.2.1', patientId: '123', issuer: 'CGFL' }),
    ];
    const groups = groupPatients(input({ studies }));
    expect(groups).toHaveLength(2);
    expect(groups.map((group) => group.linkState)).toEqual(['unlinked-identity-unavailable', 'unlinked-identity-unavailable']);
    expect(groups[0]?.unlinkedReasons).toEqual(['the identity of this patient has not been resolved']);
  });

  it.each(['unavailable', 'not-configured'] as const)('fails closed when the identity service is %s: every (site, Patient ID) is its own group', (identityState) => {
    const studies = [
      study('chu-dijon', { uid: '1.1.1', patientId: '123', issuer: 'CHU-DIJON' }),
      study('cgfl', { uid: '1.2.1', patientId: '456', issuer: 'CGFL' }),
    ];
    const groups = groupPatients(input({ studies, identityState, resolutions: [resolve('chu-dijon', '123', 'CHU-DIJON', pixmLinks123To456)] }));
    expect(groups).toHaveLength(2);
    expect(groups.map((group) => group.linkState)).toEqual(['unlinked-identity-unavailable', 'unlinked-identity-unavailable']);
    expect(groups[0]?.unlinkedReasons[0]).toMatch(/identity service/);
  });

  it('reports a resolution that failed as unavailable', () => {
    const studies = [study('chu-dijon', { uid: '1.1.1', patientId: '123', issuer: 'CHU-DIJON' })];
    const resolutions = [resolve('chu-dijon', '123', 'CHU-DIJON', { kind: 'timeout', ms: 5000 })];
    expect(groupPatients(input({ studies, resolutions }))).toMatchObject([
      { linkState: 'unlinked-identity-unavailable', unlinkedReasons: ['no answer within 5000 ms'] },
    ]);
  });

  it('does not link a study whose issuer is not the site one, even with a link for the site identifier', () => {
    const studies = [
      study('chu-dijon', { uid: '1.1.1', patientId: '123', issuer: 'CHU-DIJON' }),
      study('chu-dijon', { uid: '1.1.9', patientId: '123', issuer: 'CGFL', name: 'MARTIN^PAUL', sex: 'M' }),
      study('chu-dijon', { uid: '1.1.8', patientId: '123', name: 'MARTIN^PAUL', sex: 'M' }),
      study('cgfl', { uid: '1.2.1', patientId: '456', issuer: 'CGFL' }),
    ];
    const resolutions = [
      resolve('chu-dijon', '123', 'CHU-DIJON', pixmLinks123To456),
      resolve('chu-dijon', '123', 'CGFL', pixmLinks123To456),
      resolve('chu-dijon', '123', undefined, pixmLinks123To456),
    ];
    expect(resolutions.map((resolution) => resolution.kind)).toEqual(['linked', 'not-linkable', 'not-linkable']);
    const groups = groupPatients(input({ studies, resolutions }));
    expect(groups).toHaveLength(3);
    const linked = groups.find((group) => group.linkState === 'linked');
    expect(linked?.studies.map((s) => s.studyUid)).toEqual(['1.2.1', '1.1.1']);
    const others = groups.filter((group) => group.linkState !== 'linked');
    expect(others.map((group) => group.linkState)).toEqual(['unlinked-identity-unavailable', 'unlinked-identity-unavailable']);
    expect(others.flatMap((group) => group.unlinkedReasons).sort()).toEqual([
      'the study has no Issuer of Patient ID (site chu-dijon expects "CHU-DIJON")',
      'the study\'s Issuer of Patient ID is "CGFL", site chu-dijon expects "CHU-DIJON"',
    ]);
    expect(new Set(groups.map((group) => group.key)).size).toBe(3);
  });

  it('keeps the linked identity that has no study yet, with no demographics', () => {
    const studies = [study('chu-dijon', { uid: '1.1.1', patientId: '123', issuer: 'CHU-DIJON' })];
    const [group] = groupPatients(input({ studies, resolutions: [resolve('chu-dijon', '123', 'CHU-DIJON', pixmLinks123To456)] }));
    expect(group?.linkState).toBe('linked');
    expect(group?.identities).toEqual([
      { siteId: 'cgfl', patientId: '456', issuerOfPatientId: 'CGFL', studyCount: 0 },
      expect.objectContaining({ siteId: 'chu-dijon', patientId: '123', studyCount: 1, sex: 'F', birthDate: { year: 1961, month: 4, day: 12 } }),
    ]);
    expect(group?.key).toBe('cgfl:CGFL:456,chu-dijon:CHU-DIJON:123');
  });

  it('gives the same key whichever side found the link', () => {
    const studies = [
      study('chu-dijon', { uid: '1.1.1', patientId: '123', issuer: 'CHU-DIJON' }),
      study('cgfl', { uid: '1.2.1', patientId: '456', issuer: 'CGFL' }),
    ];
    const fromCgfl = {
      ...pixmLinks123To456,
      body: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'targetIdentifier', valueIdentifier: { system: DIJON, value: '123' } }] }),
    };
    const a = groupPatients(input({ studies, resolutions: [resolve('chu-dijon', '123', 'CHU-DIJON', pixmLinks123To456)] }));
    const b = groupPatients(input({ studies: [...studies].reverse(), resolutions: [resolve('cgfl', '456', 'CGFL', fromCgfl)] }));
    expect(a.map((group) => group.key)).toEqual(b.map((group) => group.key));
    expect(a).toHaveLength(1);
  });

  it('warns when linked identities disagree', () => {
    const studies = [
      study('chu-dijon', { uid: '1.1.1', patientId: '123', issuer: 'CHU-DIJON', birth: '19610412' }),
      study('cgfl', { uid: '1.2.1', patientId: '456', issuer: 'CGFL', birth: '19610421', name: 'MARTIN^PAUL', sex: 'M' }),
    ];
    const [group] = groupPatients(input({ studies, resolutions: [resolve('chu-dijon', '123', 'CHU-DIJON', pixmLinks123To456)] }));
    expect(group?.warnings.map((warning) => warning.kind)).toEqual(['birth-date-differs', 'sex-differs', 'name-differs']);
  });

  it('orders groups by their newest study and drops duplicate rows', () => {
    const studies = [
      study('chu-dijon', { uid: '1.1.1', patientId: '1', issuer: 'CHU-DIJON', date: '20200101' }),
      study('chu-dijon', { uid: '1.1.2', patientId: '2', issuer: 'CHU-DIJON', date: '20240101', time: '0800' }),
      study('chu-dijon', { uid: '1.1.3', patientId: '3', issuer: 'CHU-DIJON', date: '20240101', time: '1600' }),
      study('chu-dijon', { uid: '1.1.3', patientId: '3', issuer: 'CHU-DIJON', date: '20240101', time: '1600' }),
    ];
    const groups = groupPatients(input({ studies, identityState: 'not-configured' }));
    expect(groups.map((group) => group.identities[0]?.patientId)).toEqual(['3', '2', '1']);
    expect(groups[0]?.studies).toHaveLength(1);
  });

  it('returns nothing for no study', () => {
    expect(groupPatients(input({ resolutions: [resolve('chu-dijon', '123', 'CHU-DIJON', pixmLinks123To456)] }))).toEqual([]);
  });
});
