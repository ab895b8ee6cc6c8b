/**
 * Synthetic studies for the hanging-protocol tests, shaped like the demo catalogue (names and identifiers
 * are invented).
 */
import { parseDicomDate } from '../domain/dicom/dicomDate.ts';
import { parseDicomTime } from '../domain/dicom/dicomTime.ts';
import type { SiteId, StudyUid } from '../domain/dicom/identifiers.ts';
import type { StudySummary } from '../domain/federation/studySummary.ts';

export interface TestStudyFields {
  uid: string;
  site: string;
  patientId?: string;
  issuer?: string;
  date?: string;
  time?: string;
  modalities?: string[];
  description?: string;
  hasReport?: boolean;
}

/** A study summary from a few fields. */
export function testStudy(fields: TestStudyFields): StudySummary {
  return {
    studyUid: fields.uid as StudyUid,
    siteId: fields.site as SiteId,
    patientId: fields.patientId ?? 'A100001',
    issuerOfPatientId: fields.issuer,
    studyDate: parseDicomDate(fields.date),
    studyTime: parseDicomTime(fields.time),
    modalities: fields.modalities ?? ['CT'],
    description: fields.description,
    hasReport: fields.hasReport,
  };
}

/** Person 1: A100001 at the CHU, B-778899 at the CGFL, one group through the identity service. */
export const currentThorax = testStudy({ uid: '2.25.1001', site: 'chu-val-de-saone', date: '20261118', time: '101500', modalities: ['CT', 'SR'], description: 'TDM THORAX', hasReport: true });
export const priorThorax = testStudy({ uid: '2.25.1002', site: 'chu-val-de-saone', date: '20250510', time: '090000', description: 'TDM THORAX' });
export const priorTap = testStudy({ uid: '2.25.2001', site: 'cgfl-bourgogne', patientId: 'B-778899', date: '20260630', time: '143000', modalities: ['CT', 'DOC'], description: 'TDM TAP', hasReport: true });
export const brainMr = testStudy({ uid: '2.25.1003', site: 'chu-val-de-saone', date: '20260102', modalities: ['MR'], description: 'IRM CEREBRALE' });
export const person1Studies = [currentThorax, priorTap, brainMr, priorThorax];
