import { describe, expect, it } from 'vitest';
import { harvestedPatient, TAG, type DicomJson } from './harvestedPatient.ts';

const site = { id: 'chu', issuerOfPatientId: 'CHU-VDS', patientIdSystem: '1.2.250.1.999.1.1' };
const el = (vr: string, ...Value: unknown[]) => ({ vr, Value });

describe('a site patient from a study', () => {
  it('reads an INS given as Patient ID with the INS issuer in the qualifiers, the local ID from Other Patient IDs', () => {
    const dataset: DicomJson = {
      [TAG.studyDate]: el('DA', '20240110'),
      [TAG.patientName]: el('PN', { Alphabetic: 'DUPONT^Jean Pierre^Louis' }),
      [TAG.patientId]: el('LO', '185057512300022'),
      [TAG.issuerQualifiers]: el('SQ', { [TAG.universalEntityId]: el('UT', '1.2.250.1.213.1.4.8') }),
      [TAG.otherPatientIds]: el('SQ', { [TAG.patientId]: el('LO', 'CHU-42'), [TAG.issuerOfPatientId]: el('LO', 'CHU-VDS') }),
      [TAG.birthDate]: el('DA', '19850502'),
      [TAG.sex]: el('CS', 'M'),
    };
    expect(harvestedPatient(dataset, site)).toEqual({
      ok: true,
      studyUid: null,
      studyDate: '20240110',
      identifier: { system: 'urn:oid:1.2.250.1.999.1.1', value: 'CHU-42' },
      traits: { birthName: 'DUPONT', usedName: null, givenNames: ['Jean Pierre', 'Louis'], birthDate: '1985-05-02', sex: 'male', ins: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '185057512300022' } },
    });
  });

  it('leaves out another issuer’s patient and a study without Patient ID; takes a Patient ID without issuer as the site’s', () => {
    expect(harvestedPatient({ [TAG.patientId]: el('LO', 'X1'), [TAG.issuerOfPatientId]: el('LO', 'OTHER') }, site)).toMatchObject({ ok: false, skipped: 'other-issuer' });
    expect(harvestedPatient({}, site)).toMatchObject({ ok: false, skipped: 'no-patient-id' });
    expect(harvestedPatient({ [TAG.patientId]: el('LO', 'P7'), [TAG.birthDate]: el('DA', '1970') }, site)).toMatchObject({ ok: true, identifier: { value: 'P7' }, traits: { birthDate: '1970', birthName: null, sex: null } });
  });
});
