/**
 * Search filters as a QIDO-RS Search for Studies request (PS3.18 §10.6: `GET {root}/studies?…`): matching
 * keys by keyword (§8.3.4.1), `limit`/`offset` (§8.3.4.4), `fuzzymatching=false` (§8.3.4.3) and the
 * `includefield` attributes a study summary needs beyond the default return attributes (Table 10.6.3-3).
 */
import type { PublicSite } from '../config/publicConfig.ts';
import { dicomDateRange } from '../dicom/dicomDateRange.ts';
import { filterProblems, type FilterProblem, type StudySearchFilters } from './searchFilters.ts';
import { qidoPatientNameValue, type NameMatching } from './patientNameFilter.ts';

/** How many studies a site is asked for when the caller names no limit. */
export const DEFAULT_STUDY_PAGE_SIZE = 200;

/** Attributes asked for with `includefield`, by keyword (PS3.18 §8.3.4.2). */
export const STUDY_SUMMARY_FIELDS: readonly string[] = [
  'IssuerOfPatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyDescription',
  'StudyTime',
  'AccessionNumber',
  'ModalitiesInStudy',
  'SOPClassesInStudy',
  'NumberOfStudyRelatedSeries',
  'NumberOfStudyRelatedInstances',
];

/** One query parameter, in order. `includefield` repeats. */
export type QidoParameter = readonly [name: string, value: string];

/** Paging and name matching of a study query. */
export interface QidoStudyQueryOptions {
  /** Studies wanted (default {@link DEFAULT_STUDY_PAGE_SIZE}); one more is asked for, to tell truncation. */
  pageSize?: number;
  offset?: number;
  /** How Patient's Name is sent (default `broad`, see {@link NameMatching}). */
  nameMatching?: NameMatching;
}

/** The request for one site, or why none is sent. */
export type QidoStudyQuery =
  | { kind: 'query'; parameters: QidoParameter[]; pageSize: number; offset: number }
  /** The search is by a Patient ID of another site: this site is searched by its own linked identifiers. */
  | { kind: 'skip'; reason: 'patient-id-of-another-site' }
  | { kind: 'invalid'; problems: FilterProblem[] };

function wholeNumber(value: number | undefined, fallback: number, minimum: number): number {
  return value !== undefined && Number.isInteger(value) && value >= minimum ? value : fallback;
}

/**
 * The QIDO-RS study query for one site. A Patient ID search sends `PatientID` with this site's
 * `IssuerOfPatientID` (which some archives ignore: results are filtered again on reading them) and is not sent
 * to other sites at all.
 */
export function qidoStudyQuery(
  site: Pick<PublicSite, 'id' | 'issuerOfPatientId'>,
  filters: StudySearchFilters,
  options: QidoStudyQueryOptions = {},
): QidoStudyQuery {
  const problems = filterProblems(filters);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const patientId = filters.patientId?.value.trim();
  if (patientId && filters.patientId?.siteId !== site.id) return { kind: 'skip', reason: 'patient-id-of-another-site' };

  const pageSize = wholeNumber(options.pageSize, DEFAULT_STUDY_PAGE_SIZE, 1);
  const offset = wholeNumber(options.offset, 0, 0);
  const parameters: QidoParameter[] = [];
  const name = qidoPatientNameValue(filters.patientName ?? '', options.nameMatching ?? 'broad');
  if (name !== undefined) parameters.push(['PatientName', name]);
  if (patientId) {
    parameters.push(['PatientID', patientId]);
    parameters.push(['IssuerOfPatientID', site.issuerOfPatientId]);
  }
  const dates = dicomDateRange(filters.studyDateFrom, filters.studyDateTo);
  if (dates.kind === 'range') parameters.push(['StudyDate', dates.value]);
  const modality = filters.modality?.trim().toUpperCase();
  if (modality) parameters.push(['ModalitiesInStudy', modality]);
  const accession = filters.accessionNumber?.trim();
  if (accession) parameters.push(['AccessionNumber', accession]);
  parameters.push(['fuzzymatching', 'false']);
  for (const field of STUDY_SUMMARY_FIELDS) parameters.push(['includefield', field]);
  parameters.push(['limit', String(pageSize + 1)]);
  if (offset > 0) parameters.push(['offset', String(offset)]);
  return { kind: 'query', parameters, pageSize, offset };
}

/** The query string (`a=1&b=2`), names and values percent-encoded (RFC 3986). */
export function qidoQueryString(parameters: readonly QidoParameter[]): string {
  const encode = (text: string) =>
    encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
  return parameters.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
}
