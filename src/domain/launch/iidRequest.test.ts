import { describe, expect, it } from 'vitest';
import { MAX_LAUNCH_STUDIES, parseIidRequest, type IidRequest } from './iidRequest.ts';
import { launchTestSites as sites } from './testSites.ts';

/** Parses a query string as the browser hands it over (percent-decoding by URLSearchParams). */
const parse = (query: string): IidRequest => parseIidRequest(new URLSearchParams(query), sites);
const q = (parameters: Record<string, string>) => parseIidRequest(new URLSearchParams(parameters), sites);
const code = (request: IidRequest) => (request.kind === 'refused' ? request.code : request.kind);

const cgflOid = '1.2.250.1.999.2.1';
const uid1 = '1.2.826.0.1.3680043.8.498.1';
const uid2 = '1.2.826.0.1.3680043.8.498.2';

describe('IID request type (RAD-106)', () => {
  it('refuses a launch without requestType, or with another type', () => {
    expect(parse('patientID=1%5E%5E%5ECHU-DIJON')).toMatchObject({ kind: 'refused', code: 'missing-request-type' });
    expect(parse('requestType=&patientID=1')).toMatchObject({ code: 'missing-request-type' });
    expect(parse('requestType=SERIES&studyUID=1.2')).toMatchObject({ kind: 'refused', code: 'unknown-request-type', value: 'SERIES' });
  });

  it('reads parameter names case-sensitively', () => {
    expect(code(q({ RequestType: 'PATIENT', patientID: '1^^^CHU-DIJON' }))).toBe('missing-request-type');
    expect(code(q({ requestType: 'PATIENT', patientid: '1^^^CHU-DIJON' }))).toBe('missing-patient-id');
    expect(code(q({ requestType: 'STUDY', studyUid: uid1 }))).toBe('missing-study');
  });

  it('accepts the request type value in any case', () => {
    expect(code(q({ requestType: 'patient', patientID: '1^^^CHU-DIJON' }))).toBe('patient');
    expect(code(q({ requestType: 'Study', studyUID: uid1 }))).toBe('study');
  });

  it('ignores parameters it does not use', () => {
    expect(q({ requestType: 'STUDY', studyUID: uid1, viewerType: 'IHE_BIR', diagnosticQuality: 'true', keyImagesOnly: 'false', config: '/evil.json', token: 'x' })).toEqual({
      kind: 'study',
      studyUids: [uid1],
    });
  });

  it('refuses a parameter repeated with different values, accepts an exact repeat', () => {
    expect(parse(`requestType=STUDY&studyUID=${uid1}&studyUID=${uid2}`)).toMatchObject({ code: 'repeated-parameter', parameter: 'studyUID' });
    expect(parse('requestType=PATIENT&patientID=1%5E%5E%5ECHU-DIJON&patientID=2%5E%5E%5ECHU-DIJON')).toMatchObject({ code: 'repeated-parameter' });
    expect(parse(`requestType=STUDY&studyUID=${uid1}&studyUID=${uid1}`)).toEqual({ kind: 'study', studyUids: [uid1] });
  });
});

describe('patient-based launch: patientID as an HL7 v2 CX', () => {
  it('places ID^^^ISSUER at the site with that Issuer of Patient ID', () => {
    expect(q({ requestType: 'PATIENT', patientID: 'A100001^^^CHU-DIJON' })).toEqual({
      kind: 'patient',
      siteId: 'chu-dijon',
      patientId: 'A100001',
      filters: { modalities: [] },
    });
  });

  it('places ID^^^&OID&ISO at the site with that identifier system', () => {
    expect(q({ requestType: 'PATIENT', patientID: `B-778899^^^&${cgflOid}&ISO` })).toMatchObject({ kind: 'patient', siteId: 'cgfl', patientId: 'B-778899' });
    // As an invoker writes it in the URL, percent-encoded.
    expect(parse(`requestType=PATIENT&patientID=B-778899%5E%5E%5E%26${cgflOid}%26ISO`)).toMatchObject({ siteId: 'cgfl', patientId: 'B-778899' });
  });

  it('accepts a namespace and OID that agree; refuses them when they name two sites', () => {
    expect(q({ requestType: 'PATIENT', patientID: `B-778899^^^CGFL&${cgflOid}&ISO` })).toMatchObject({ kind: 'patient', siteId: 'cgfl' });
    expect(q({ requestType: 'PATIENT', patientID: `B-778899^^^CHU-DIJON&${cgflOid}&ISO` })).toMatchObject({
      kind: 'refused',
      code: 'conflicting-issuer',
      value: `CHU-DIJON&${cgflOid}&ISO`,
    });
  });

  it('decodes HL7 escapes in the ID and the issuer', () => {
    const sitesWithAmpersand = [{ ...sites[0]!, issuerOfPatientId: 'CHU&DIJON' }];
    expect(parseIidRequest(new URLSearchParams({ requestType: 'PATIENT', patientID: 'A\\S\\1\\T\\2^^^CHU\\T\\DIJON' }), sitesWithAmpersand)).toMatchObject({
      kind: 'patient',
      siteId: 'chu-dijon',
      patientId: 'A^1&2',
    });
  });

  it('refuses a patient ID without issuer, never guessing the site from the ID', () => {
    for (const patientID of ['A100001', 'A100001^^^', 'CHU-DIJON', 'A100001^^^&&ISO']) {
      expect(q({ requestType: 'PATIENT', patientID }), patientID).toMatchObject({ kind: 'refused', code: 'patient-id-without-issuer' });
    }
  });

  it('refuses an unknown issuer, naming it', () => {
    expect(q({ requestType: 'PATIENT', patientID: 'A100001^^^NOT-A-KNOWN-ISSUER' })).toMatchObject({
      kind: 'refused',
      code: 'unknown-issuer',
      parameter: 'patientID',
      value: 'NOT-A-KNOWN-ISSUER',
    });
    expect(q({ requestType: 'PATIENT', patientID: 'A100001^^^&9.9.9&ISO' })).toMatchObject({ code: 'unknown-issuer', value: '9.9.9&ISO' });
  });

  it('refuses an empty ID or a missing patientID', () => {
    expect(q({ requestType: 'PATIENT', patientID: '^^^CHU-DIJON' })).toMatchObject({ code: 'missing-patient-id' });
    expect(q({ requestType: 'PATIENT', patientID: '   ' })).toMatchObject({ code: 'missing-patient-id' });
    expect(q({ requestType: 'PATIENT' })).toMatchObject({ code: 'missing-patient-id' });
  });

  it('refuses an ID that cannot be matched exactly', () => {
    for (const patientID of ['A*^^^CHU-DIJON', 'A?1^^^CHU-DIJON', 'A\\E\\B^^^CHU-DIJON', 'A\u0000^^^CHU-DIJON', `${'9'.repeat(65)}^^^CHU-DIJON`,
      'A~B^^^CHU-DIJON', 'A&B^^^CHU-DIJON', 'A\\X41\\^^^CHU-DIJON']) {
      expect(q({ requestType: 'PATIENT', patientID }), patientID).toMatchObject({ kind: 'refused', code: 'bad-patient-id' });
    }
  });

  it('keeps hostile text a plain search criterion, never a URL', () => {
    expect(q({ requestType: 'PATIENT', patientID: '<script>alert(1)</script>^^^CHU-DIJON' })).toMatchObject({
      kind: 'patient',
      siteId: 'chu-dijon',
      patientId: '<script>alert(1)</script>',
    });
    expect(q({ requestType: 'PATIENT', patientID: 'javascript:alert(1)^^^CHU-DIJON' })).toMatchObject({ kind: 'patient', patientId: 'javascript:alert(1)' });
    expect(q({ requestType: 'PATIENT', patientID: 'x^^^https://evil.example/' })).toMatchObject({ kind: 'refused', code: 'unknown-issuer' });
  });

  it('shortens a long offending value for display', () => {
    const issuer = 'X'.repeat(500);
    const refused = q({ requestType: 'PATIENT', patientID: `1^^^${issuer}` });
    expect(refused).toMatchObject({ code: 'unknown-issuer' });
    expect(refused.kind === 'refused' && refused.value?.length).toBe(80);
  });
});

describe('patient-based launch: optional criteria', () => {
  const patient = (extra: Record<string, string>) => q({ requestType: 'PATIENT', patientID: 'A100001^^^CHU-DIJON', ...extra });

  it('turns lowerDateTime and upperDateTime into study dates, as written in their zone', () => {
    expect(patient({ lowerDateTime: '2026-01-01T00:00:00', upperDateTime: '2026-06-30T23:59:59+02:00' })).toMatchObject({
      filters: { studyDateFrom: { year: 2026, month: 1, day: 1 }, studyDateTo: { year: 2026, month: 6, day: 30 } },
    });
    expect(patient({ lowerDateTime: '2026-01-01' })).toMatchObject({ filters: { studyDateFrom: { year: 2026, month: 1, day: 1 } } });
    expect(patient({ upperDateTime: '2026-01-01T10:00:00Z' })).toMatchObject({ filters: { studyDateTo: { year: 2026, month: 1, day: 1 } } });
    expect(parse('requestType=PATIENT&patientID=A100001%5E%5E%5ECHU-DIJON&lowerDateTime=2026-01-01T00:00:00+01:00')).toMatchObject({
      filters: { studyDateFrom: { year: 2026, month: 1, day: 1 } },
    });
  });

  it('refuses a bound that is not a date-time, or a reversed range', () => {
    expect(patient({ lowerDateTime: '2026-02-30' })).toMatchObject({ code: 'bad-date', parameter: 'lowerDateTime', value: '2026-02-30' });
    expect(patient({ upperDateTime: 'yesterday' })).toMatchObject({ code: 'bad-date', parameter: 'upperDateTime' });
    expect(patient({ lowerDateTime: '2026-02-01', upperDateTime: '2026-01-01' })).toMatchObject({ code: 'bad-date-range' });
  });

  it('reads mostRecentResults as a positive integer', () => {
    expect(patient({ mostRecentResults: '3' })).toMatchObject({ filters: { mostRecentResults: 3 } });
    for (const value of ['0', '-1', 'abc', '1.5', '+2', '1e3', '99999999999999999999']) {
      expect(patient({ mostRecentResults: value }), value).toMatchObject({ kind: 'refused', code: 'bad-most-recent-results', value });
    }
    expect(patient({ mostRecentResults: '' })).toMatchObject({ kind: 'patient', filters: { modalities: [] } });
  });

  it('reads modalitiesInStudy as a comma-separated list of codes', () => {
    expect(patient({ modalitiesInStudy: 'ct, MR,,ct' })).toMatchObject({ filters: { modalities: ['CT', 'MR'] } });
    expect(patient({ modalitiesInStudy: 'CT,C.T' })).toMatchObject({ code: 'bad-modality', value: 'C.T' });
    expect(patient({ modalitiesInStudy: 'CT\\MR' })).toMatchObject({ code: 'bad-modality' });
  });
});

describe('study-based launch', () => {
  it('reads several comma-separated study UIDs, in order, without repeats', () => {
    expect(q({ requestType: 'STUDY', studyUID: ` ${uid2} ,${uid1},${uid2},` })).toEqual({ kind: 'study', studyUids: [uid2, uid1] });
  });

  it('accepts a UID component with a leading zero, as archives hold them', () => {
    expect(q({ requestType: 'STUDY', studyUID: '1.2.03.4' })).toEqual({ kind: 'study', studyUids: ['1.2.03.4'] });
  });

  it('refuses a malformed UID, naming it', () => {
    for (const studyUID of ['1.2.abc', '1..2', '1', 'javascript:alert(1)', '<script>', `1.2.${'3'.repeat(70)}`, `${uid1},/etc/passwd`]) {
      expect(q({ requestType: 'STUDY', studyUID }), studyUID).toMatchObject({ kind: 'refused', code: 'bad-study-uid', parameter: 'studyUID' });
    }
  });

  it('refuses a study request without a study, or with too many', () => {
    expect(q({ requestType: 'STUDY' })).toMatchObject({ code: 'missing-study' });
    expect(q({ requestType: 'STUDY', studyUID: ',,' })).toMatchObject({ code: 'missing-study' });
    const many = Array.from({ length: MAX_LAUNCH_STUDIES + 1 }, (_, index) => `1.2.3.${index + 1}`).join(',');
    expect(q({ requestType: 'STUDY', studyUID: many })).toMatchObject({ code: 'too-many-studies' });
  });

  it('reads an accession number, alone or with the patient it belongs to', () => {
    expect(q({ requestType: 'STUDY', accessionNumber: ' ACC-42 ' })).toEqual({ kind: 'accession', accessionNumber: 'ACC-42' });
    expect(q({ requestType: 'STUDY', accessionNumber: 'ACC-42', patientID: 'A100001^^^CHU-DIJON' })).toEqual({
      kind: 'accession',
      accessionNumber: 'ACC-42',
      siteId: 'chu-dijon',
      patientId: 'A100001',
    });
  });

  it('refuses an accession number with a wildcard, a separator or several numbers', () => {
    for (const accessionNumber of ['ACC*', 'A?', 'A\\B', 'A1,A2']) {
      expect(q({ requestType: 'STUDY', accessionNumber }), accessionNumber).toMatchObject({ code: 'bad-accession-number' });
    }
  });

  it('prefers studyUID when both are given, and notes the site of a patientID sent along', () => {
    expect(q({ requestType: 'STUDY', studyUID: uid1, accessionNumber: 'ACC-42', patientID: `B^^^&${cgflOid}&ISO` })).toEqual({
      kind: 'study',
      studyUids: [uid1],
      siteId: 'cgfl',
    });
  });

  it('refuses a study request whose patientID has no known issuer', () => {
    expect(q({ requestType: 'STUDY', studyUID: uid1, patientID: 'A100001' })).toMatchObject({ code: 'patient-id-without-issuer' });
    expect(q({ requestType: 'STUDY', accessionNumber: 'ACC-42', patientID: 'A100001^^^NOPE' })).toMatchObject({ code: 'unknown-issuer' });
  });
});

describe('a launch by INS (contract §3)', () => {
  const filters = { modalities: [] };
  it('reads patientID=<INS>^^^&1.2.250.1.213.1.4.8&ISO as the person, at no site in particular', () => {
    expect(parse('requestType=PATIENT&patientID=258039935004587%5E%5E%5E%261.2.250.1.213.1.4.8%26ISO')).toEqual({
      kind: 'patient-ins',
      ins: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '258039935004587' },
      filters,
    });
    for (const oid of ['1.2.250.1.213.1.4.9', '1.2.250.1.213.1.4.10', '1.2.250.1.213.1.4.11']) {
      const request = parse(`requestType=PATIENT&patientID=${encodeURIComponent(`258039935004587^^^&${oid}&ISO`)}&modalitiesInStudy=CT`);
      expect(request).toEqual({ kind: 'patient-ins', ins: { system: `urn:oid:${oid}`, value: '258039935004587' }, filters: { modalities: ['CT'] } });
    }
  });

  it('refuses an INS whose key does not match, or that is not 15 characters', () => {
    expect(parse(`requestType=PATIENT&patientID=${encodeURIComponent('258039935004588^^^&1.2.250.1.213.1.4.8&ISO')}`)).toMatchObject({ kind: 'refused', code: 'bad-ins', value: '258039935004588' });
    expect(parse(`requestType=PATIENT&patientID=${encodeURIComponent('A100001^^^&1.2.250.1.213.1.4.8&ISO')}`)).toMatchObject({ kind: 'refused', code: 'bad-ins' });
  });

  it('looks for a study at every site when the patientID sent along is an INS', () => {
    const uid = '1.2.840.113619.2.55.3.1';
    expect(parse(`requestType=STUDY&studyUID=${uid}&patientID=${encodeURIComponent('258039935004587^^^&1.2.250.1.213.1.4.8&ISO')}`)).toEqual({ kind: 'study', studyUids: [uid] });
    expect(parse(`requestType=STUDY&accessionNumber=CHU26-1&patientID=${encodeURIComponent('258039935004587^^^&1.2.250.1.213.1.4.8&ISO')}`)).toEqual({ kind: 'accession', accessionNumber: 'CHU26-1' });
  });
});
