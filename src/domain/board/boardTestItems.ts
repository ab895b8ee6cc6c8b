/** Board items for the board's unit tests (synthetic people). */
import { patientKeyOf, type PatientKey } from '../dicom/patientKey.ts';
import type { SiteId, StudyUid } from '../dicom/identifiers.ts';
import type { BoardItem } from './boardSession.ts';

export const keyOf = (siteId: string, patientId: string): PatientKey => patientKeyOf([{ siteId, issuerOfPatientId: siteId.toUpperCase(), patientId }]);

/** An item of study `studyUid` of patient `patientId` at `siteId`. */
export function boardItem(siteId: string, patientId: string, studyUid: string, name = `TEST^${patientId}`): BoardItem {
  return {
    siteId: siteId as SiteId,
    studyUid: studyUid as StudyUid,
    patient: { key: keyOf(siteId, patientId), name, birthDate: '19600101', sex: 'F', siteName: `Site ${siteId}`, patientId, issuerOfPatientId: siteId.toUpperCase() },
    studyDate: '20260102',
    description: 'CT TAP',
    modalities: ['CT'],
  };
}
