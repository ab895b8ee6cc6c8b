/**
 * An IHE Invoke Image Display request (IID, RAD-106 "Invoke Image Display", deployment contract §3), read from
 * the query string of `/IHEInvokeImageDisplay`: a patient-based request (`requestType=PATIENT`, `patientID` as
 * an HL7 v2 CX with its issuer, and optional `lowerDateTime`, `upperDateTime`, `mostRecentResults`,
 * `modalitiesInStudy`) or a study-based one (`requestType=STUDY` with `studyUID` or `accessionNumber`).
 *
 * Parameter names are case-sensitive as RAD-106 spells them; other parameters (`viewerType`,
 * `diagnosticQuality`, `keyImagesOnly`, …) are ignored. Nothing read here is ever used as a URL, a
 * configuration or a credential: values are search criteria only, and a request that cannot be read exactly is
 * refused with its reason rather than guessed at.
 */
import type { PublicSite } from '../config/publicConfig.ts';
import type { DicomDate } from '../dicom/dicomDate.ts';
import { compareDicomDates } from '../dicom/dicomDate.ts';
import { asSiteId, asStudyUid, uidSyntaxProblem, type SiteId, type StudyUid } from '../dicom/identifiers.ts';
import { insSystemOfAuthority, insValueProblem } from '../identity/insIdentifier.ts';
import type { PixmIdentifier } from '../identity/identifierSystem.ts';
import { parseHl7Cx } from './hl7Cx.ts';
import { siteOfIssuer, type IssuingSite } from './issuerSite.ts';
import { calendarDateOfIsoDateTime } from './isoDateTime.ts';

/** The RAD-106 parameter names this viewer reads. */
export const IID_PARAMETERS = {
  requestType: 'requestType',
  patientId: 'patientID',
  studyUid: 'studyUID',
  accessionNumber: 'accessionNumber',
  lowerDateTime: 'lowerDateTime',
  upperDateTime: 'upperDateTime',
  mostRecentResults: 'mostRecentResults',
  modalitiesInStudy: 'modalitiesInStudy',
} as const;

/** Study UIDs one launch may name. */
export const MAX_LAUNCH_STUDIES = 20;

/** The optional criteria of a patient-based request. */
export interface PatientLaunchFilters {
  studyDateFrom?: DicomDate;
  studyDateTo?: DicomDate;
  /** Modalities in Study wanted (any of them), upper case, without repeats; empty for any modality. */
  modalities: string[];
  /** Only this many of the newest studies. */
  mostRecentResults?: number;
}

/** Why a launch is refused (stable codes; `reason` is English, for logs). */
export type IidRefusalCode =
  | 'missing-request-type'
  | 'unknown-request-type'
  | 'repeated-parameter'
  | 'missing-patient-id'
  | 'bad-patient-id'
  | 'bad-ins'
  | 'patient-id-without-issuer'
  | 'unknown-issuer'
  | 'ambiguous-issuer'
  | 'conflicting-issuer'
  | 'missing-study'
  | 'bad-study-uid'
  | 'too-many-studies'
  | 'bad-accession-number'
  | 'bad-date'
  | 'bad-date-range'
  | 'bad-most-recent-results'
  | 'bad-modality';

/** A launch that is not carried out. `parameter` and `value` (shortened) say what it concerns, for the message. */
export interface IidRefusal {
  kind: 'refused';
  code: IidRefusalCode;
  reason: string;
  parameter?: string;
  value?: string;
}

/** What the launch asks for. */
export type IidRequest =
  | { kind: 'patient'; siteId: SiteId; patientId: string; filters: PatientLaunchFilters }
  /** A patient by INS (`patientID=<INS>^^^&1.2.250.1.213.1.4.8&ISO`): each site's own ID comes from the identity service. */
  | { kind: 'patient-ins'; ins: PixmIdentifier; filters: PatientLaunchFilters }
  /** Studies by UID, in the order given; `siteId` is the site of a `patientID` sent along, if any. */
  | { kind: 'study'; studyUids: StudyUid[]; siteId?: SiteId }
  /** A study by accession number; with a `patientID`, only at that patient's site and for that patient. */
  | { kind: 'accession'; accessionNumber: string; siteId?: SiteId; patientId?: string }
  | IidRefusal;

/** Query parameters, as `URLSearchParams` iterates them (already percent-decoded). */
export type QueryPairs = Iterable<readonly [string, string]>;

type Parameter = (typeof IID_PARAMETERS)[keyof typeof IID_PARAMETERS];

/** Control characters and the DICOM value separator `\` (PS3.5 §6.4) have no place in one criterion. */
const FORBIDDEN = /[\\\p{Cc}]/u;
/** A Code String (PS3.5 §6.2): upper case letters, digits, `_`, at most 16. */
const MODALITY = /^[A-Z0-9_]{1,16}$/;
/** LO, PS3.5 §6.2: the longest Patient ID or accession number accepted. */
const MAX_ID_LENGTH = 64;

/** A value as a message may show it: at most 80 characters. */
function shown(value: string): string {
  return value.length > 80 ? `${value.slice(0, 79)}…` : value;
}

function refuse(code: IidRefusalCode, reason: string, parameter?: Parameter, value?: string): IidRefusal {
  const refusal: IidRefusal = { kind: 'refused', code, reason };
  if (parameter !== undefined) refusal.parameter = parameter;
  if (value !== undefined) refusal.value = shown(value);
  return refusal;
}

/** The value of each RAD-106 parameter present (empty values count as absent), or the first repeated one. */
function readParameters(pairs: QueryPairs): Map<Parameter, string> | IidRefusal {
  const known = new Set<string>(Object.values(IID_PARAMETERS));
  const values = new Map<Parameter, string>();
  for (const [name, raw] of pairs) {
    if (!known.has(name)) continue;
    const value = raw.trim();
    if (value === '') continue;
    const previous = values.get(name as Parameter);
    if (previous !== undefined && previous !== value) {
      return refuse('repeated-parameter', `${name} is given more than once with different values`, name as Parameter);
    }
    values.set(name as Parameter, value);
  }
  return values;
}

function identifierProblem(value: string): string | undefined {
  if (FORBIDDEN.test(value)) return 'contains "\\" or a control character';
  if (/[*?]/.test(value)) return 'contains a wildcard ("*" or "?"); an identifier is matched exactly';
  if (value.length > MAX_ID_LENGTH) return `is longer than ${MAX_ID_LENGTH} characters`;
  return undefined;
}

/** The patient of a `patientID` CX: its ID and the site whose domain its issuer names, or its INS. */
function readPatientId(text: string, sites: readonly IssuingSite[]): { siteId: SiteId; patientId: string } | { ins: PixmIdentifier } | IidRefusal {
  const P = IID_PARAMETERS.patientId;
  const read = parseHl7Cx(text);
  if (read.kind === 'invalid') return refuse('bad-patient-id', `patientID ${read.reason}`, P, text);
  const { id, assigningAuthority } = read.cx;
  if (id === '') return refuse('missing-patient-id', 'patientID has no ID before its issuer', P, text);
  const problem = identifierProblem(id);
  if (problem !== undefined) return refuse('bad-patient-id', `the patient ID ${problem}`, P, id);
  const insSystem = insSystemOfAuthority(assigningAuthority);
  if (insSystem !== undefined) {
    const insProblem = insValueProblem(id);
    return insProblem === undefined ? { ins: { system: insSystem, value: id } } : refuse('bad-ins', `the INS ${insProblem}`, P, id);
  }
  const issuer = siteOfIssuer(assigningAuthority, sites);
  switch (issuer.kind) {
    case 'no-issuer':
      return refuse('patient-id-without-issuer', 'patientID has no assigning authority (ID^^^ISSUER or ID^^^&OID&ISO)', P, id);
    case 'unknown-issuer':
      return refuse('unknown-issuer', `the issuer "${issuer.issuer}" is not a configured site's`, P, issuer.issuer);
    case 'ambiguous-issuer':
      return refuse('ambiguous-issuer', `the issuer "${issuer.issuer}" is shared by sites ${issuer.siteIds.join(', ')}`, P, issuer.issuer);
    case 'conflicting-issuer':
      return refuse('conflicting-issuer', `the issuer "${issuer.issuer}" names two sites: ${issuer.siteIds.join(' and ')}`, P, issuer.issuer);
    case 'site': {
      const siteId = asSiteId(issuer.site.id);
      if (siteId === undefined) return refuse('unknown-issuer', `site id "${issuer.site.id}" is invalid`, P, issuer.site.id);
      return { siteId, patientId: id };
    }
  }
}

function readDate(values: Map<Parameter, string>, parameter: Parameter): { date?: DicomDate } | IidRefusal {
  const text = values.get(parameter);
  if (text === undefined) return {};
  const date = calendarDateOfIsoDateTime(text);
  return date === undefined ? refuse('bad-date', `${parameter} is not an ISO 8601 date-time`, parameter, text) : { date };
}

function readPatientFilters(values: Map<Parameter, string>): PatientLaunchFilters | IidRefusal {
  const lower = readDate(values, IID_PARAMETERS.lowerDateTime);
  if ('kind' in lower) return lower;
  const upper = readDate(values, IID_PARAMETERS.upperDateTime);
  if ('kind' in upper) return upper;
  if (lower.date && upper.date && compareDicomDates(lower.date, upper.date) > 0) {
    return refuse('bad-date-range', 'lowerDateTime is after upperDateTime', IID_PARAMETERS.lowerDateTime, values.get(IID_PARAMETERS.lowerDateTime));
  }
  const filters: PatientLaunchFilters = { modalities: [] };
  if (lower.date) filters.studyDateFrom = lower.date;
  if (upper.date) filters.studyDateTo = upper.date;

  const recent = values.get(IID_PARAMETERS.mostRecentResults);
  if (recent !== undefined) {
    const count = /^\d+$/.test(recent) ? Number(recent) : NaN;
    if (!Number.isSafeInteger(count) || count < 1) {
      return refuse('bad-most-recent-results', 'mostRecentResults is not a positive integer', IID_PARAMETERS.mostRecentResults, recent);
    }
    filters.mostRecentResults = count;
  }

  const modalities = values.get(IID_PARAMETERS.modalitiesInStudy);
  for (const entry of modalities?.split(',') ?? []) {
    const modality = entry.trim().toUpperCase();
    if (modality === '') continue;
    if (!MODALITY.test(modality)) return refuse('bad-modality', `"${entry}" is not a modality code`, IID_PARAMETERS.modalitiesInStudy, entry);
    if (!filters.modalities.includes(modality)) filters.modalities.push(modality);
  }
  return filters;
}

function readStudyUids(text: string): StudyUid[] | IidRefusal {
  const uids: StudyUid[] = [];
  for (const entry of text.split(',')) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const problem = uidSyntaxProblem(trimmed, 'archive');
    const uid = asStudyUid(trimmed, 'archive');
    if (problem !== undefined || uid === undefined) {
      return refuse('bad-study-uid', `studyUID "${trimmed}" ${problem ?? 'is not a UID'}`, IID_PARAMETERS.studyUid, trimmed);
    }
    if (!uids.includes(uid)) uids.push(uid);
  }
  if (uids.length === 0) return refuse('missing-study', 'studyUID holds no UID', IID_PARAMETERS.studyUid);
  if (uids.length > MAX_LAUNCH_STUDIES) {
    return refuse('too-many-studies', `studyUID names ${uids.length} studies, at most ${MAX_LAUNCH_STUDIES} are opened`, IID_PARAMETERS.studyUid, String(uids.length));
  }
  return uids;
}

function readStudyRequest(values: Map<Parameter, string>, sites: readonly IssuingSite[]): IidRequest {
  const patientText = values.get(IID_PARAMETERS.patientId);
  const read = patientText === undefined ? undefined : readPatientId(patientText, sites);
  if (read !== undefined && 'kind' in read) return read;
  // An INS names no site: the study is looked for at every site.
  const patient = read !== undefined && 'siteId' in read ? read : undefined;

  const uidText = values.get(IID_PARAMETERS.studyUid);
  if (uidText !== undefined) {
    const studyUids = readStudyUids(uidText);
    if ('kind' in studyUids) return studyUids;
    return patient ? { kind: 'study', studyUids, siteId: patient.siteId } : { kind: 'study', studyUids };
  }
  const accession = values.get(IID_PARAMETERS.accessionNumber);
  if (accession === undefined) return refuse('missing-study', 'a STUDY request needs studyUID or accessionNumber');
  const problem = identifierProblem(accession) ?? (accession.includes(',') ? 'names several accession numbers; one is opened at a time' : undefined);
  if (problem !== undefined) return refuse('bad-accession-number', `accessionNumber ${problem}`, IID_PARAMETERS.accessionNumber, accession);
  return patient ? { kind: 'accession', accessionNumber: accession, ...patient } : { kind: 'accession', accessionNumber: accession };
}

/**
 * Reads an IID launch (RAD-106) against the deployment's sites. Never throws; anything it cannot read exactly
 * is a `refused` request that says why.
 */
export function parseIidRequest(pairs: QueryPairs, sites: readonly Pick<PublicSite, 'id' | 'issuerOfPatientId' | 'patientIdSystem'>[]): IidRequest {
  const values = readParameters(pairs);
  if (!(values instanceof Map)) return values;
  const requestType = values.get(IID_PARAMETERS.requestType);
  if (requestType === undefined) return refuse('missing-request-type', 'requestType is missing (PATIENT or STUDY)', IID_PARAMETERS.requestType);
  switch (requestType.toUpperCase()) {
    case 'PATIENT': {
      const text = values.get(IID_PARAMETERS.patientId);
      if (text === undefined) return refuse('missing-patient-id', 'a PATIENT request needs patientID', IID_PARAMETERS.patientId);
      const patient = readPatientId(text, sites);
      if ('kind' in patient) return patient;
      const filters = readPatientFilters(values);
      if ('kind' in filters) return filters;
      return 'ins' in patient ? { kind: 'patient-ins', ins: patient.ins, filters } : { kind: 'patient', ...patient, filters };
    }
    case 'STUDY':
      return readStudyRequest(values, sites);
    default:
      return refuse('unknown-request-type', `requestType "${requestType}" is neither PATIENT nor STUDY`, IID_PARAMETERS.requestType, requestType);
  }
}
