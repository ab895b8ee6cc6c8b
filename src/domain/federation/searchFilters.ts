/**
 * What a user searches the worklist by. A patient ID is only meaningful within its own site's identifier
 * domain, so it always comes with that site: other sites are searched by the identifiers the identity service
 * links it to, never by the same string.
 */
import type { DicomDate } from '../dicom/dicomDate.ts';

/** Search criteria across sites; every field is optional and the criteria combine with AND. */
export interface StudySearchFilters {
  /** Patient's Name, possibly with DICOM wildcards `*` and `?`; without any, it is a prefix. */
  patientName?: string;
  /** A Patient ID and the site whose identifier domain it belongs to. */
  patientId?: { siteId: string; value: string };
  /** Study Date range, both bounds included. */
  studyDateFrom?: DicomDate;
  studyDateTo?: DicomDate;
  /** One modality (CS, e.g. `CT`), matched against Modalities in Study. */
  modality?: string;
  accessionNumber?: string;
}

/** A criterion that cannot be sent, with the field it concerns. */
export interface FilterProblem {
  field: keyof StudySearchFilters;
  reason: string;
}

/** Control characters and the value separator `\` (PS3.5 §6.4) have no place in a single criterion. */
const FORBIDDEN = /[\\\p{Cc}]/u;

/** Whether the filters hold no criterion at all. */
export function hasNoCriteria(filters: StudySearchFilters): boolean {
  return (
    !filters.patientName?.trim() &&
    !filters.patientId?.value.trim() &&
    filters.studyDateFrom === undefined &&
    filters.studyDateTo === undefined &&
    !filters.modality?.trim() &&
    !filters.accessionNumber?.trim()
  );
}

/**
 * What is wrong with the filters, field by field: a `\` or control character anywhere; a wildcard in a Patient
 * ID (an ID search is exact, a wildcard would list other patients); a modality that is not a CS value
 * (PS3.5 §6.2: upper case letters, digits, space, `_`, 16 characters at most); a date range whose start is after
 * its end.
 */
export function filterProblems(filters: StudySearchFilters): FilterProblem[] {
  const problems: FilterProblem[] = [];
  for (const field of ['patientName', 'accessionNumber', 'modality'] as const) {
    const value = filters[field];
    if (value !== undefined && FORBIDDEN.test(value)) problems.push({ field, reason: 'contains "\\" or a control character' });
  }
  const id = filters.patientId?.value;
  if (id !== undefined) {
    if (FORBIDDEN.test(id)) problems.push({ field: 'patientId', reason: 'contains "\\" or a control character' });
    else if (/[*?]/.test(id)) problems.push({ field: 'patientId', reason: 'a Patient ID is searched exactly, without wildcards' });
  }
  const modality = filters.modality?.trim();
  if (modality && !/^[A-Za-z0-9_ ]{1,16}$/.test(modality)) {
    problems.push({ field: 'modality', reason: 'is not a modality code (letters, digits, "_", at most 16)' });
  }
  const { studyDateFrom: from, studyDateTo: to } = filters;
  if (from && to && (from.year - to.year || from.month - to.month || from.day - to.day) > 0) {
    problems.push({ field: 'studyDateFrom', reason: 'is after the end of the date range' });
  }
  return problems;
}
