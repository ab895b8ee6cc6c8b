/**
 * Finding the study a study-based IID launch names (RAD-106 `requestType=STUDY`) across the sites: the QIDO-RS
 * Search for Studies requests to send (PS3.18 §10.6, `StudyInstanceUID` or `AccessionNumber` as matching key),
 * reading each site's answers, and choosing which site's copy to open.
 *
 * A Study Instance UID is unique everywhere, so any site that holds it will do; when several hold it, the study's
 * home is preferred: the site whose Issuer of Patient ID the study carries. An accession number is only unique
 * within one site's workflow: the same number at two sites may be two patients' studies, and is then reported
 * as ambiguous rather than one of them opened.
 */
import type { PublicSite } from '../config/publicConfig.ts';
import { asSiteId, type SiteId, type StudyUid } from '../dicom/identifiers.ts';
import type { SiteOutcome, SiteOutcomeStatus } from '../federation/archive.ts';
import { STUDY_SUMMARY_FIELDS, qidoStudyQuery, type QidoParameter } from '../federation/qidoStudyQuery.ts';
import type { StudySearchFilters } from '../federation/searchFilters.ts';
import { siteOutcomeFromQido, type QidoAnswer } from '../federation/siteSearchOutcome.ts';
import type { StudySummary } from '../federation/studySummary.ts';
import type { IidRequest } from './iidRequest.ts';

/** A study-based launch. */
export type StudyLaunch = Extract<IidRequest, { kind: 'study' | 'accession' }>;

/** What a lookup needs of a site. */
export type LookupSite = Pick<PublicSite, 'id' | 'name' | 'issuerOfPatientId'>;

/** Results asked for per request: one study is expected; a few more tell a duplicate. */
const LOOKUP_PAGE_SIZE = 10;

/** One QIDO-RS request of a lookup at one site, and what its results must match. */
export interface LookupQuery {
  parameters: QidoParameter[];
  /** The filters the answer is checked against (see `siteOutcomeFromQido`). */
  filters: StudySearchFilters;
  pageSize: number;
  wanted: { studyUid: StudyUid } | { accessionNumber: string };
}

/** How a site answered a lookup. */
export interface SiteLookup {
  siteId: SiteId;
  /** `found`; `not-found` when the site answered without the study; `error` or `timeout` when it did not answer. */
  status: 'found' | 'not-found' | Exclude<SiteOutcomeStatus, 'ok' | 'partial'>;
  studies: StudySummary[];
  /** What went wrong, in words (English), also for a `not-found` site that answered only in part. */
  error?: string;
  ms: number;
}

/** Where a launch goes, or why nowhere. */
export type LaunchTarget =
  | { kind: 'open'; siteId: SiteId; studyUid: StudyUid; also: StudyUid[] }
  | { kind: 'not-found' }
  /** An accession number that names different studies, of different patients or at different sites. */
  | { kind: 'ambiguous'; candidates: Pick<StudySummary, 'siteId' | 'studyUid' | 'patientId' | 'issuerOfPatientId'>[] };

/** The sites to ask: the patient's site for an accession number sent with a `patientID`, otherwise all. */
export function sitesToAsk<S extends Pick<PublicSite, 'id'>>(launch: StudyLaunch, sites: readonly S[]): S[] {
  if (launch.kind === 'accession' && launch.siteId !== undefined) return sites.filter((site) => site.id === launch.siteId);
  return [...sites];
}

/**
 * The QIDO-RS requests that look for the launch's studies at one site: one per Study Instance UID (single-value
 * matching, which every archive honours), or one by accession number (with the patient's ID and issuer when the
 * launch names a patient of this site).
 */
export function studyLookupQueries(launch: StudyLaunch, site: Pick<PublicSite, 'id' | 'issuerOfPatientId'>): LookupQuery[] {
  const includes = STUDY_SUMMARY_FIELDS.map((field): QidoParameter => ['includefield', field]);
  if (launch.kind === 'study') {
    return launch.studyUids.map((studyUid) => ({
      parameters: [['StudyInstanceUID', studyUid], ...includes, ['limit', String(LOOKUP_PAGE_SIZE + 1)]],
      filters: {},
      pageSize: LOOKUP_PAGE_SIZE,
      wanted: { studyUid },
    }));
  }
  const filters: StudySearchFilters = { accessionNumber: launch.accessionNumber };
  if (launch.patientId !== undefined && launch.siteId === site.id) filters.patientId = { siteId: site.id, value: launch.patientId };
  const query = qidoStudyQuery(site, filters, { pageSize: LOOKUP_PAGE_SIZE });
  if (query.kind !== 'query') return [];
  return [{ parameters: query.parameters, filters, pageSize: query.pageSize, wanted: { accessionNumber: launch.accessionNumber } }];
}

/** Reads one answer: the studies that really match (archives may ignore a matching key). Never throws. */
export function readLookupAnswer(site: Pick<PublicSite, 'id' | 'issuerOfPatientId'>, query: LookupQuery, answer: QidoAnswer, ms: number): SiteOutcome {
  const outcome = siteOutcomeFromQido(answer, { site, filters: query.filters, pageSize: query.pageSize, ms });
  const { wanted } = query;
  const matches = (study: StudySummary) =>
    'studyUid' in wanted ? study.studyUid === wanted.studyUid : study.accessionNumber?.trim() === wanted.accessionNumber;
  return { ...outcome, studies: outcome.studies.filter(matches) };
}

/** One site's lookup from the outcomes of its requests. */
export function siteLookupFromOutcomes(siteId: SiteId, outcomes: readonly SiteOutcome[]): SiteLookup {
  const studies: StudySummary[] = [];
  for (const study of outcomes.flatMap((outcome) => outcome.studies)) {
    if (!studies.some((seen) => seen.studyUid === study.studyUid)) studies.push(study);
  }
  const failed = outcomes.find((outcome) => outcome.status === 'error' || outcome.status === 'timeout');
  const errors = [...new Set(outcomes.flatMap((outcome) => (outcome.error ? [outcome.error] : [])))];
  const ms = Math.round(outcomes.reduce((longest, outcome) => Math.max(longest, outcome.ms), 0));
  const status: SiteLookup['status'] =
    studies.length > 0 ? 'found' : failed ? (failed.status as 'error' | 'timeout') : 'not-found';
  const lookup: SiteLookup = { siteId, status, studies, ms };
  if (errors.length > 0) lookup.error = errors.join('; ');
  return lookup;
}

/**
 * The site to open a study at: the one whose Issuer of Patient ID the study carries (its home), else the site
 * the launch's `patientID` names, else the first in configuration order.
 */
function holderOf(
  studyUid: StudyUid,
  lookups: readonly SiteLookup[],
  sites: readonly LookupSite[],
  preferredSiteId: string | undefined,
): StudySummary | undefined {
  const copies = lookups.flatMap((lookup) => lookup.studies.filter((study) => study.studyUid === studyUid));
  const home = copies.find((study) => {
    const site = sites.find((candidate) => candidate.id === study.siteId);
    return site !== undefined && study.issuerOfPatientId !== undefined && study.issuerOfPatientId === site.issuerOfPatientId;
  });
  return home ?? copies.find((study) => study.siteId === preferredSiteId) ?? copies[0];
}

function foundUids(lookups: readonly SiteLookup[]): StudyUid[] {
  return [...new Set(lookups.flatMap((lookup) => lookup.studies.map((study) => study.studyUid)))];
}

/**
 * Where to open a study-based launch, from every site's lookup. By UID: the first UID found (in the launch's
 * order), the others passed along as `also`. By accession number: its study (or studies, when one patient's
 * accession spans several), refused as ambiguous when they belong to different patients or sites.
 */
export function chooseLaunchTarget(launch: StudyLaunch, lookups: readonly SiteLookup[], sites: readonly LookupSite[]): LaunchTarget {
  const uids = launch.kind === 'study' ? launch.studyUids.filter((uid) => foundUids(lookups).includes(uid)) : foundUids(lookups);
  const chosen = uids.flatMap((uid) => holderOf(uid, lookups, sites, launch.siteId) ?? []);
  const primary = chosen[0];
  if (primary === undefined) return { kind: 'not-found' };
  if (launch.kind === 'study') {
    return { kind: 'open', siteId: primary.siteId, studyUid: primary.studyUid, also: launch.studyUids.filter((uid) => uid !== primary.studyUid) };
  }
  const patientOf = (study: StudySummary) => JSON.stringify([study.siteId, study.patientId, study.issuerOfPatientId ?? '']);
  if (chosen.some((study) => patientOf(study) !== patientOf(primary))) {
    return {
      kind: 'ambiguous',
      candidates: chosen.map(({ siteId, studyUid, patientId, issuerOfPatientId }) => ({ siteId, studyUid, patientId, issuerOfPatientId })),
    };
  }
  return { kind: 'open', siteId: primary.siteId, studyUid: primary.studyUid, also: chosen.slice(1).map((study) => study.studyUid) };
}

/** The viewer route of a target: `/viewer/{siteId}/{studyUid}`, with `?also=uid1,uid2` for the other studies. */
export function viewerPath(target: Extract<LaunchTarget, { kind: 'open' }>): string {
  const path = `/viewer/${encodeURIComponent(target.siteId)}/${encodeURIComponent(target.studyUid)}`;
  return target.also.length > 0 ? `${path}?also=${target.also.map(encodeURIComponent).join(',')}` : path;
}

/** The site id of a configured site (ids are validated by the configuration schema). */
export function lookupSiteId(site: Pick<PublicSite, 'id'>): SiteId {
  return asSiteId(site.id) ?? (site.id as SiteId);
}
