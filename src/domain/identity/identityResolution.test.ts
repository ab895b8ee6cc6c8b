import { describe, expect, it } from 'vitest';
import { configuredSystems, patientsToQueryElsewhere, pixmSourceFor, resolveIdentity, sitePatientOf } from './identityResolution.ts';
import type { PixmResult } from './pixmResult.ts';

const DIJON = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const BEAUNE = 'urn:oid:1.2.250.1.999.3.1';
const sites = [
  { id: 'chu-dijon', issuerOfPatientId: 'CHU-DIJON', patientIdSystem: DIJON },
  { id: 'cgfl', issuerOfPatientId: 'CGFL', patientIdSystem: CGFL },
  { id: 'ch-beaune', issuerOfPatientId: 'CH-BEAUNE', patientIdSystem: BEAUNE },
];
const found = { siteId: 'chu-dijon', patientId: '123', issuerOfPatientId: 'CHU-DIJON' };
const patient = { siteId: 'chu-dijon', patientId: '123', issuerOfPatientId: 'CHU-DIJON' };
const linked = (...identifiers: { system: string; value: string }[]): PixmResult => ({ kind: 'linked', identifiers, ignored: [], references: [] });

describe('ITI-83 source identifier of a found patient', () => {
  it('uses the site patientIdSystem when the study carries the site issuer', () => {
    expect(pixmSourceFor(sites, found)).toEqual({ ok: true, patient, source: { system: DIJON, value: '123' } });
  });

  it('refuses a study without Issuer of Patient ID', () => {
    expect(pixmSourceFor(sites, { siteId: 'chu-dijon', patientId: '123' })).toMatchObject({ ok: false, reason: 'missing-issuer' });
    expect(pixmSourceFor(sites, { ...found, issuerOfPatientId: '  ' })).toMatchObject({ ok: false, reason: 'missing-issuer' });
  });

  it('refuses a study whose issuer is not the site one', () => {
    expect(pixmSourceFor(sites, { ...found, issuerOfPatientId: 'CGFL' })).toEqual({
      ok: false,
      reason: 'issuer-mismatch',
      detail: 'the study\'s Issuer of Patient ID is "CGFL", site chu-dijon expects "CHU-DIJON"',
    });
    expect(pixmSourceFor(sites, { ...found, issuerOfPatientId: 'chu-dijon' })).toMatchObject({ ok: false, reason: 'issuer-mismatch' });
  });

  it('refuses an unknown site or an empty Patient ID', () => {
    expect(pixmSourceFor(sites, { ...found, siteId: 'elsewhere' })).toMatchObject({ ok: false, reason: 'unknown-site' });
    expect(pixmSourceFor(sites, { ...found, patientId: ' ' })).toMatchObject({ ok: false, reason: 'missing-patient-id' });
  });
});

describe('identity resolution', () => {
  it('maps linked identifiers to sites through patientIdSystem', () => {
    const resolution = resolveIdentity(sites, found, linked({ system: CGFL, value: '456' }, { system: BEAUNE, value: 'B-9' }));
    expect(resolution).toEqual({
      kind: 'linked',
      patient,
      others: [
        { siteId: 'cgfl', patientId: '456', issuerOfPatientId: 'CGFL' },
        { siteId: 'ch-beaune', patientId: 'B-9', issuerOfPatientId: 'CH-BEAUNE' },
      ],
      ignored: [],
    });
    expect(patientsToQueryElsewhere(resolution)).toHaveLength(2);
  });

  it('never maps by equal ID strings: an identifier of an unconfigured system is ignored even when it equals a site ID', () => {
    const resolution = resolveIdentity(sites, found, linked({ system: 'urn:oid:9.9.9', value: '123' }));
    expect(resolution).toEqual({ kind: 'alone', patient, why: 'no-links', ignored: [{ system: 'urn:oid:9.9.9', value: '123' }] });
    expect(patientsToQueryElsewhere(resolution)).toEqual([]);
  });

  it('keeps a second identifier at the same site (a duplicate record), never the patient itself', () => {
    const resolution = resolveIdentity(sites, found, linked({ system: DIJON, value: '123' }, { system: DIJON, value: '999' }));
    expect(resolution).toMatchObject({ kind: 'linked', others: [{ siteId: 'chu-dijon', patientId: '999' }] });
  });

  it('reads OIDs with or without urn:oid:', () => {
    expect(sitePatientOf(sites, { system: '1.2.250.1.999.2.1', value: '456' })).toEqual({ siteId: 'cgfl', patientId: '456', issuerOfPatientId: 'CGFL' });
    expect(sitePatientOf(sites, { system: 'urn:oid:1.2.250.1.999.2', value: '456' })).toBeUndefined();
  });

  it('tells a patient alone from a patient the service does not know', () => {
    expect(resolveIdentity(sites, found, { kind: 'no-links', ignored: [], references: [] })).toMatchObject({ kind: 'alone', why: 'no-links' });
    expect(resolveIdentity(sites, found, { kind: 'unknown-patient' })).toMatchObject({ kind: 'alone', why: 'unknown-patient' });
  });

  it('fails closed when the service is missing, refuses the domain or fails', () => {
    expect(resolveIdentity(sites, found, undefined)).toEqual({ kind: 'unavailable', patient, cause: 'not-configured', reason: 'no identity service is configured' });
    expect(resolveIdentity(sites, found, { kind: 'unknown-domain', detail: 'code-invalid: x' })).toMatchObject({ kind: 'unavailable', cause: 'unknown-domain' });
    expect(resolveIdentity(sites, found, { kind: 'failed', reason: 'HTTP 503' })).toEqual({ kind: 'unavailable', patient, cause: 'failed', reason: 'HTTP 503' });
  });

  it('does not link a patient whose study lacks the site issuer, whatever PIXm says', () => {
    const pixm = linked({ system: CGFL, value: '456' });
    const resolution = resolveIdentity(sites, { siteId: 'chu-dijon', patientId: '123' }, pixm);
    expect(resolution).toMatchObject({ kind: 'not-linkable', reason: 'missing-issuer' });
    expect(resolveIdentity(sites, { ...found, issuerOfPatientId: 'OTHER' }, pixm)).toMatchObject({ kind: 'not-linkable', reason: 'issuer-mismatch' });
    expect(patientsToQueryElsewhere(resolution)).toEqual([]);
  });

  it('lists the configured systems', () => {
    expect(configuredSystems(sites)).toEqual([DIJON, CGFL, BEAUNE]);
  });
});
