import { describe, expect, it } from 'vitest';
import { accessKind, queryCriteria, searchedPatientId, tokenIdentifier } from './accessKind.ts';

const study = '1.2.826.0.1.3680043.8.498.10';

describe('accessKind', () => {
  it('takes every retrieve under a study as a view of that study, at that site', () => {
    for (const rest of [
      `studies/${study}`,
      `studies/${study}/metadata`,
      `studies/${study}/series`,
      `studies/${study}/series/1.2.3/metadata`,
      `studies/${study}/series/1.2.3/instances/1.2.4/frames/1,2`,
      `studies/${study}/series/1.2.3/instances/1.2.4/bulk/7FE00010`,
      `studies/${study}/series/1.2.3/instances/1.2.4/rendered`,
      `studies/${study}/series/1.2.3/thumbnail`,
    ]) {
      expect(accessKind(`/sites/chu-val-de-saone/dicom-web/${rest}`, 'accept=x'), rest).toEqual({ kind: 'view', siteId: 'chu-val-de-saone', studyUid: study });
    }
  });

  it('takes a query without a study in its path as a search, with its criteria', () => {
    expect(accessKind('/sites/chu/dicom-web/studies', 'PatientID=A100001&includefield=00100021&includefield=00081030&limit=50')).toEqual({
      kind: 'search',
      siteId: 'chu',
      criteria: { path: 'studies', query: { PatientID: 'A100001', includefield: ['00100021', '00081030'], limit: '50' } },
    });
    expect(accessKind('/sites/chu/dicom-web/series', 'Modality=CT')).toMatchObject({ kind: 'search', criteria: { path: 'series', query: { Modality: 'CT' } } });
    expect(accessKind('/sites/chu/dicom-web/instances', '')).toMatchObject({ kind: 'search', criteria: { path: 'instances', query: {} } });
  });

  it('takes a PIXm or PDQm request as an identity look-up, with the identifier asked about', () => {
    expect(accessKind('/identity/pixm/Patient/$ihe-pix', 'sourceIdentifier=urn:oid:1.2.250.1.999.1.1%7CA100001&targetSystem=urn:oid:1.2.250.1.999.2.1')).toEqual({
      kind: 'identity-lookup',
      criteria: { path: 'Patient/$ihe-pix', query: { sourceIdentifier: 'urn:oid:1.2.250.1.999.1.1|A100001', targetSystem: 'urn:oid:1.2.250.1.999.2.1' } },
      identifier: { system: 'urn:oid:1.2.250.1.999.1.1', value: 'A100001' },
    });
    expect(accessKind('/identity/pixm/Patient', 'family=durand')).toEqual({ kind: 'identity-lookup', criteria: { path: 'Patient', query: { family: 'durand' } } });
    expect(accessKind('/identity/pixm/metadata', '')).toEqual({ kind: 'other' });
  });

  it('takes the trail API as a reading of the trail, but not the app page at /audit', () => {
    expect(accessKind('/audit/AuditEvent', 'patient=urn:oid:1.2%7CA1&_count=5')).toEqual({
      kind: 'audit-read',
      criteria: { path: 'AuditEvent', query: { patient: 'urn:oid:1.2|A1', _count: '5' } },
      identifier: { system: 'urn:oid:1.2', value: 'A1' },
    });
    for (const path of ['/audit', '/config.json', '/viewer/chu/1.2.3', '/assets/app.js', '/']) expect(accessKind(path, ''), path).toEqual({ kind: 'other' });
  });

  it('decodes percent-encoded study UIDs, and reads the site id as the proxy does', () => {
    expect(accessKind('/sites/chu/dicom-web/studies/1.2%2E3/series', '')).toEqual({ kind: 'view', siteId: 'chu', studyUid: '1.2.3' });
    expect(accessKind('/sites/ch%75/dicom-web/studies/1.2.3', '')).toMatchObject({ siteId: 'ch%75' });
  });
});

describe('criteria', () => {
  it('keeps each parameter, and a repeated one as the list of its values', () => {
    expect(queryCriteria('a=1&b=2&a=3&c=')).toEqual({ a: ['1', '3'], b: '2', c: '' });
    expect(queryCriteria('')).toEqual({});
  });

  it('reads a FHIR token as system and value', () => {
    expect(tokenIdentifier('urn:oid:1.2|A1')).toEqual({ system: 'urn:oid:1.2', value: 'A1' });
    expect(tokenIdentifier('A1')).toEqual({ system: null, value: 'A1' });
    expect(tokenIdentifier('|A1')).toEqual({ system: null, value: 'A1' });
    expect(tokenIdentifier('urn:oid:1.2|')).toBeUndefined();
    expect(tokenIdentifier(null)).toBeUndefined();
  });

  it('names the patient of a search by exact Patient ID only', () => {
    expect(searchedPatientId({ path: 'studies', query: { PatientID: 'A100001' } })).toBe('A100001');
    expect(searchedPatientId({ path: 'studies', query: { '00100020': 'A100001' } })).toBe('A100001');
    expect(searchedPatientId({ path: 'studies', query: { PatientID: 'A1*' } })).toBeUndefined();
    expect(searchedPatientId({ path: 'studies', query: { PatientName: 'DURAND*' } })).toBeUndefined();
  });
});
