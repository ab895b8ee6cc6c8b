import { describe, expect, it } from 'vitest';
import { makeDicomDate } from '../dicom/dicomDate.ts';
import type { SiteId, StudyUid } from '../dicom/identifiers.ts';
import { patientKeyOf } from '../dicom/patientKey.ts';
import { parseBoardSession, serializeBoardSession } from './boardStorage.ts';
import { boardItemOf } from './boardItemOf.ts';

describe('board item of a worklist study', () => {
  const key = patientKeyOf([{ siteId: 'chu', issuerOfPatientId: 'CHU', patientId: 'A1' }]);
  const study = {
    studyUid: '1.2.3' as StudyUid,
    siteId: 'chu' as SiteId,
    patientId: 'A1',
    issuerOfPatientId: 'CHU',
    patientName: { Alphabetic: 'TEST^ANNE' },
    patientBirthDate: makeDicomDate(1961, 3, 4),
    patientSex: 'F',
    studyDate: makeDicomDate(2026, 1, 2),
    modalities: ['CT', 'PT'],
    description: 'TEP-TDM',
  };

  it('copies the identity and the study as display strings, storable as they are', () => {
    const item = boardItemOf(study, key, 'Hospital A');
    expect(item.patient).toMatchObject({ key, birthDate: '19610304', sex: 'F', siteName: 'Hospital A', patientId: 'A1', issuerOfPatientId: 'CHU' });
    expect(item.patient.name).toMatch(/TEST/);
    expect(item).toMatchObject({ studyDate: '20260102', description: 'TEP-TDM', modalities: ['CT', 'PT'] });
    expect(parseBoardSession(serializeBoardSession({ items: [item] }))).toEqual({ session: { items: [item] } });
  });

  it('leaves what the archive did not send empty', () => {
    const item = boardItemOf({ studyUid: study.studyUid, siteId: study.siteId, patientId: 'A1', modalities: [] }, key, 'Hospital A');
    expect(item.patient).toMatchObject({ name: '', birthDate: '', sex: '', issuerOfPatientId: '' });
    expect(item.studyDate).toBe('');
  });
});
