/**
 * The worklist search as a URL (`/?patientName=…&patientId=…&patientIdSite=…&accessionNumber=…&studyDateFrom=
 * YYYY-MM-DD&studyDateTo=YYYY-MM-DD&modality=CT&mostRecent=N`), both ways: the worklist keeps its search in the
 * URL, and a patient-based IID launch (RAD-106) becomes such a URL.
 *
 * A Patient ID belongs to one site's identifier domain: `patientIdSite` names that site; without it the ID is
 * searched at every site, in each one's own domain. `patientIdSite=ins:<OID>` (`ins` alone: INS-NIR) says the ID
 * is an INS: each site's own ID of that person comes from the identity service. Values read from a URL are
 * criteria only.
 */
import type { PublicSite } from '../config/publicConfig.ts';
import { parseIsoDate, toIsoDateString } from '../dicom/dicomDate.ts';
import type { StudySearchFilters } from '../federation/searchFilters.ts';
import { qidoQueryString, type QidoParameter } from '../federation/qidoStudyQuery.ts';
import type { PixmIdentifier } from '../identity/identifierSystem.ts';
import { insSearchSite, insSystemOfSearchSite, insValueProblem } from '../identity/insIdentifier.ts';
import type { IidRequest, QueryPairs } from './iidRequest.ts';

/** The worklist URL's query parameters. */
export const WORKLIST_PARAMETERS = {
  patientName: 'patientName',
  patientId: 'patientId',
  patientIdSite: 'patientIdSite',
  accessionNumber: 'accessionNumber',
  studyDateFrom: 'studyDateFrom',
  studyDateTo: 'studyDateTo',
  modality: 'modality',
  mostRecent: 'mostRecent',
} as const;

/** A worklist search, as the URL holds it. */
export interface WorklistSearch {
  /**
   * The criteria. `patientId.siteId` is the `patientIdSite` of the URL; it is `''` when the ID is searched at
   * every site (see {@link filtersForSite}). `modality` is set when exactly one modality is asked for.
   */
  filters: StudySearchFilters;
  /** The Patient ID came without a site: each site is searched for it in its own identifier domain. */
  patientIdAllSites: boolean;
  /** Every modality asked for (any of them matches), upper case; empty for any modality. */
  modalities: string[];
  /** Only this many of the newest studies are shown. */
  mostRecent?: number;
  /** The Patient ID is this INS (`patientIdSite=ins:<OID>`): no site is searched until the identity service names the person's IDs. */
  ins?: PixmIdentifier;
}

/** A URL parameter that was left out of the search, and why (English, for logs and a notice). */
export interface WorklistUrlProblem {
  parameter: string;
  value: string;
  reason: string;
}

const MODALITY = /^[A-Z0-9_]{1,16}$/;

/** The worklist path for a search (`/` alone when it holds no criterion). */
export function worklistUrlFromSearch(search: WorklistSearch): string {
  const { filters } = search;
  const P = WORKLIST_PARAMETERS;
  const parameters: QidoParameter[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '') parameters.push([name, value]);
  };
  add(P.patientName, filters.patientName);
  add(P.patientId, filters.patientId?.value);
  if (filters.patientId?.value.trim() && !search.patientIdAllSites) add(P.patientIdSite, filters.patientId.siteId);
  add(P.accessionNumber, filters.accessionNumber);
  if (filters.studyDateFrom) add(P.studyDateFrom, toIsoDateString(filters.studyDateFrom));
  if (filters.studyDateTo) add(P.studyDateTo, toIsoDateString(filters.studyDateTo));
  const modalities = [...new Set([...(filters.modality ? [filters.modality.toUpperCase()] : []), ...search.modalities])];
  for (const modality of modalities) add(P.modality, modality);
  if (search.mostRecent !== undefined) add(P.mostRecent, String(search.mostRecent));
  return parameters.length === 0 ? '/' : `/?${qidoQueryString(parameters)}`;
}

/**
 * Reads the worklist search from the URL's query. Empty values count as absent; a date that is not
 * `YYYY-MM-DD`, a modality that is not a code, a `mostRecent` that is not a positive integer, or a
 * `patientIdSite` that is no configured site is reported in `problems`. An unknown site is kept, so that the
 * ID is searched nowhere rather than everywhere. Other parameters are ignored. Never throws.
 */
export function worklistSearchFromUrl(
  pairs: QueryPairs,
  sites: readonly Pick<PublicSite, 'id'>[],
): WorklistSearch & { problems: WorklistUrlProblem[] } {
  const P = WORKLIST_PARAMETERS;
  const first = new Map<string, string>();
  const modalityValues: string[] = [];
  for (const [name, raw] of pairs) {
    const value = raw.trim();
    if (value === '') continue;
    if (name === P.modality) modalityValues.push(...value.split(','));
    else if (!first.has(name)) first.set(name, value);
  }
  const problems: WorklistUrlProblem[] = [];
  const problem = (parameter: string, value: string, reason: string) => problems.push({ parameter, value, reason });
  const filters: StudySearchFilters = {};

  const name = first.get(P.patientName);
  if (name !== undefined) filters.patientName = name;
  const accession = first.get(P.accessionNumber);
  if (accession !== undefined) filters.accessionNumber = accession;

  const patientId = first.get(P.patientId);
  const site = first.get(P.patientIdSite);
  const patientIdAllSites = patientId !== undefined && site === undefined;
  const insSystem = site === undefined ? undefined : insSystemOfSearchSite(site);
  let ins: PixmIdentifier | undefined;
  if (patientId !== undefined) {
    filters.patientId = { siteId: site ?? '', value: patientId };
    if (insSystem !== undefined) {
      const insProblem = insValueProblem(patientId);
      if (insProblem !== undefined) problem(P.patientId, patientId, `the INS ${insProblem}`);
      else ins = { system: insSystem, value: patientId };
    } else if (site !== undefined && !sites.some((known) => known.id === site)) problem(P.patientIdSite, site, 'is not a configured site');
  }

  for (const field of [P.studyDateFrom, P.studyDateTo] as const) {
    const text = first.get(field);
    if (text === undefined) continue;
    const date = parseIsoDate(text);
    if (date === undefined) problem(field, text, 'is not a date (YYYY-MM-DD)');
    else filters[field] = date;
  }

  const modalities: string[] = [];
  for (const entry of modalityValues) {
    const modality = entry.trim().toUpperCase();
    if (modality === '') continue;
    if (!MODALITY.test(modality)) problem(P.modality, entry, 'is not a modality code');
    else if (!modalities.includes(modality)) modalities.push(modality);
  }
  if (modalities.length === 1) filters.modality = modalities[0];

  const search: WorklistSearch & { problems: WorklistUrlProblem[] } = { filters, patientIdAllSites, modalities, problems, ...(ins ? { ins } : {}) };
  const recent = first.get(P.mostRecent);
  if (recent !== undefined) {
    const count = /^\d+$/.test(recent) ? Number(recent) : NaN;
    if (Number.isSafeInteger(count) && count > 0) search.mostRecent = count;
    else problem(P.mostRecent, recent, 'is not a positive integer');
  }
  return search;
}

/** The filters to send to one site: an all-sites Patient ID becomes that site's own. */
export function filtersForSite(search: WorklistSearch, siteId: string): StudySearchFilters {
  const { patientId } = search.filters;
  if (!search.patientIdAllSites || patientId === undefined) return search.filters;
  return { ...search.filters, patientId: { siteId, value: patientId.value } };
}

/** A patient-based IID launch (RAD-106 `requestType=PATIENT`), by a site's patient ID or by INS. */
export type PatientLaunch = Extract<IidRequest, { kind: 'patient' | 'patient-ins' }>;

/** The worklist search a patient-based IID launch opens. */
export function worklistSearchForPatientLaunch(launch: PatientLaunch): WorklistSearch {
  const { filters: launchFilters } = launch;
  const filters: StudySearchFilters = {
    patientId: launch.kind === 'patient' ? { siteId: launch.siteId, value: launch.patientId } : { siteId: insSearchSite(launch.ins.system), value: launch.ins.value },
  };
  if (launchFilters.studyDateFrom) filters.studyDateFrom = launchFilters.studyDateFrom;
  if (launchFilters.studyDateTo) filters.studyDateTo = launchFilters.studyDateTo;
  if (launchFilters.modalities.length === 1) filters.modality = launchFilters.modalities[0];
  const search: WorklistSearch = { filters, patientIdAllSites: false, modalities: [...launchFilters.modalities] };
  if (launch.kind === 'patient-ins') search.ins = launch.ins;
  if (launchFilters.mostRecentResults !== undefined) search.mostRecent = launchFilters.mostRecentResults;
  return search;
}

/** The worklist URL a patient-based IID launch navigates to. */
export function worklistUrlForPatientLaunch(launch: PatientLaunch): string {
  return worklistUrlFromSearch(worklistSearchForPatientLaunch(launch));
}
