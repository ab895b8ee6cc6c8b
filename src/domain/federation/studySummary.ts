/**
 * One study as the worklist shows it, read from a QIDO-RS study result (PS3.18 §10.6.3.3.1, Table 10.6.3-3 and
 * the `includefield` attributes the search asks for), in the DICOM JSON model (PS3.18 §F.2).
 */
import { asSiteId, asStudyUid, type SiteId, type StudyUid } from '../dicom/identifiers.ts';
import { numberValue, personName, stringValue, stringValues, type PersonNameGroups } from '../dicom/dicomJson.ts';
import { parseDicomDate, type DicomDate } from '../dicom/dicomDate.ts';
import { parseDicomTime, type DicomTime } from '../dicom/dicomTime.ts';
import { DICOM_TAGS as T } from '../dicom/tags.ts';

/** A study at one site. Every field but the identifiers may be missing: archives fill what they have. */
export interface StudySummary {
  studyUid: StudyUid;
  siteId: SiteId;
  /** Patient ID (0010,0020), unique only within its issuer's domain. */
  patientId: string;
  /** Issuer of Patient ID (0010,0021). */
  issuerOfPatientId?: string;
  patientName?: PersonNameGroups;
  patientBirthDate?: DicomDate;
  /** Patient's Sex (0010,0040): `M`, `F`, `O`. */
  patientSex?: string;
  studyDate?: DicomDate;
  studyTime?: DicomTime;
  /** Modalities in Study (0008,0061), upper case, without repeats. */
  modalities: string[];
  description?: string;
  accessionNumber?: string;
  seriesCount?: number;
  instanceCount?: number;
  /** SOP Classes in Study (0008,0062), when the archive returns them. */
  sopClasses?: string[];
  /** `true` when the study is known to hold a report (SR or encapsulated document); unknown otherwise. */
  hasReport?: boolean;
}

/** Why a QIDO-RS result could not become a summary. */
export type UnreadableStudy = { reason: 'no-study-uid' | 'no-patient-id'; studyUid?: string };

/** Modalities of report objects: Structured Report and Document (PS3.3 §C.7.3.1.1.1). */
export const REPORT_MODALITIES: ReadonlySet<string> = new Set(['SR', 'DOC']);

/** Whether a SOP Class is a report: SR Storage classes (PS3.4 §B.5, `1.2.840.10008.5.1.4.1.1.88.*`) or an encapsulated PDF/CDA. */
export function isReportSopClass(uid: string): boolean {
  return uid.startsWith('1.2.840.10008.5.1.4.1.1.88.') || uid === '1.2.840.10008.5.1.4.1.1.104.1' || uid === '1.2.840.10008.5.1.4.1.1.104.2';
}

function count(dataset: unknown, tag: string): number | undefined {
  const value = numberValue(dataset, tag);
  return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function modalitiesOf(dataset: unknown): string[] {
  const listed = stringValues(dataset, T.ModalitiesInStudy);
  const values = listed.length > 0 ? listed : stringValues(dataset, T.Modality);
  return [...new Set(values.map((value) => value.toUpperCase()))];
}

function reportEvidence(modalities: readonly string[], sopClasses: readonly string[]): boolean | undefined {
  if (modalities.some((modality) => REPORT_MODALITIES.has(modality)) || sopClasses.some(isReportSopClass)) return true;
  return undefined;
}

function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

/**
 * Reads one QIDO-RS study result, or explains why it cannot be used: a Study Instance UID (archive-tolerant
 * syntax, PS3.5 §9.1) and a Patient ID are needed; every other field is optional and left out when missing or
 * malformed. Never throws.
 */
export function readQidoStudy(siteId: SiteId, dataset: unknown): { study: StudySummary } | UnreadableStudy {
  const rawUid = stringValue(dataset, T.StudyInstanceUID);
  const studyUid = asStudyUid(rawUid, 'archive');
  if (studyUid === undefined) return rawUid === undefined ? { reason: 'no-study-uid' } : { reason: 'no-study-uid', studyUid: rawUid };
  const patientId = stringValue(dataset, T.PatientID);
  if (patientId === undefined) return { reason: 'no-patient-id', studyUid };
  const modalities = modalitiesOf(dataset);
  const sopClasses = stringValues(dataset, T.SOPClassesInStudy);
  const sex = stringValue(dataset, T.PatientSex)?.toUpperCase();
  const study: StudySummary = defined({
    studyUid,
    siteId,
    patientId,
    issuerOfPatientId: stringValue(dataset, T.IssuerOfPatientID),
    patientName: personName(dataset, T.PatientName),
    patientBirthDate: parseDicomDate(stringValue(dataset, T.PatientBirthDate)),
    patientSex: sex,
    studyDate: parseDicomDate(stringValue(dataset, T.StudyDate)),
    studyTime: parseDicomTime(stringValue(dataset, T.StudyTime)),
    modalities,
    description: stringValue(dataset, T.StudyDescription),
    accessionNumber: stringValue(dataset, T.AccessionNumber),
    seriesCount: count(dataset, T.NumberOfStudyRelatedSeries),
    instanceCount: count(dataset, T.NumberOfStudyRelatedInstances),
    sopClasses: sopClasses.length > 0 ? sopClasses : undefined,
    hasReport: reportEvidence(modalities, sopClasses),
  });
  return { study };
}

/** One QIDO-RS study result as a summary, or `undefined` when it lacks a Study Instance UID or Patient ID. */
export function studySummaryFromQido(siteId: string, dataset: unknown): StudySummary | undefined {
  const site = asSiteId(siteId);
  if (site === undefined) return undefined;
  const read = readQidoStudy(site, dataset);
  return 'study' in read ? read.study : undefined;
}
