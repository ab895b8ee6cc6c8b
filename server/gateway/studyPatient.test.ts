import { describe, expect, it } from 'vitest';
import { studyPatientFrom, studyPatientQuery } from './studyPatient.ts';

const site = { issuerOfPatientId: 'CHU-VDS', patientIdSystem: 'urn:oid:1.2.250.1.999.1.1' };

describe('the patient of a study', () => {
  it('is asked with one QIDO study query naming only the patient fields', () => {
    expect(studyPatientQuery('1.2.3')).toEqual({ path: 'studies', query: 'StudyInstanceUID=1.2.3&includefield=00100020&includefield=00100021' });
  });

  it("is the archive's Patient ID and issuer, with the site's identifier system", () => {
    const answer = [{ '00100020': { vr: 'LO', Value: ['A100001'] }, '00100021': { vr: 'LO', Value: ['CHU-VDS-2'] } }];
    expect(studyPatientFrom(answer, site)).toEqual({ id: 'A100001', issuer: 'CHU-VDS-2', system: 'urn:oid:1.2.250.1.999.1.1' });
  });

  it("falls back on the site's issuer when the archive gives none", () => {
    expect(studyPatientFrom([{ '00100020': { vr: 'LO', Value: [' A100001 '] } }], site)).toEqual({ id: 'A100001', issuer: 'CHU-VDS', system: site.patientIdSystem });
    expect(studyPatientFrom([{ '00100020': { vr: 'LO', Value: ['A1'] }, '00100021': { vr: 'LO' } }], site)).toMatchObject({ issuer: 'CHU-VDS' });
  });

  it('is unknown when the archive does not know the study or gives no Patient ID', () => {
    expect(studyPatientFrom([], site)).toBeUndefined();
    expect(studyPatientFrom([{ '00100020': { vr: 'LO' } }], site)).toBeUndefined();
    expect(studyPatientFrom({ error: 'x' }, site)).toBeUndefined();
  });
});
