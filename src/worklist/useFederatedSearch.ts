/**
 * The cross-site search: every site is asked in parallel and shows its results as soon as it answers; each
 * patient found is cross-referenced through PIXm (ITI-83); the linked identifiers are then searched at their own
 * sites; studies are grouped by real person. Identity fails closed: without a clear PIXm answer, nothing is linked.
 */
import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { filtersForSite, type WorklistSearch } from '../domain/launch/worklistUrl.ts';
import type { StudySearchFilters } from '../domain/federation/searchFilters.ts';
import type { StudySummary } from '../domain/federation/studySummary.ts';
import type { IdentityState } from '../domain/federation/siteState.ts';
import { DEFAULT_STUDY_PAGE_SIZE } from '../domain/federation/qidoStudyQuery.ts';
import { groupPatients, type PatientGroup } from '../domain/federation/patientGroups.ts';
import { pixmSourceFor, resolveIdentity, type IdentityResolution, type SitePatient } from '../domain/identity/identityResolution.ts';
import type { PixmResult } from '../domain/identity/pixmResult.ts';
import type { PixmIdentifier } from '../domain/identity/identifierSystem.ts';
import { insAmong } from '../domain/identity/insIdentifier.ts';
import { crossReferenceQuery, siteStudiesQuery } from '../adapters/worklistQueries.ts';
import { siteReach, type SearchProgress } from '../domain/federation/siteReach.ts';
import { siteSearchStatus, type SiteSearchStatus } from './siteSearchStatus.ts';


export interface FederatedSearch {
  groups: PatientGroup[];
  /**
   * Per site (none until the search is enabled): `loading` while it, or the identity service deciding whether it
   * is asked, has not answered; `not-searched` (settled) when no identifier of the patient is known there.
   */
  siteStatuses: SiteSearchStatus[];
  /** `not-configured`, `unavailable` (some cross-reference failed: those patients stay unlinked) or `ok`. */
  identityState: IdentityState;
  identityProblems: string[];
  resolvingIdentities: boolean;
  /** The INS the identity service gave for one of the group's identities, if any (the banner shows it). */
  insOf(group: PatientGroup): PixmIdentifier | undefined;
  loadMore(siteId: string): void;
  retry(siteId: string): void;
}


/**
 * The search across sites for `search`. With `enabled` false nothing is asked yet (the caller is still working out
 * what to search for). `known`: studies the caller has already read (the viewer's study on screen), whose patients
 * are cross-referenced at once rather than after their site answers the search.
 */
export function useFederatedSearch(config: PublicConfig, search: WorklistSearch, enabled = true, known: readonly StudySummary[] = NONE_KNOWN): FederatedSearch {
  const { sites } = config;
  const [pages, setPages] = useState<Record<string, number>>({});
  // A patient ID belongs to one site's identifier domain: other sites are asked only for linked identities.
  const askedSites = !enabled ? [] : sites.filter((site) => !(search.filters.patientId && !search.patientIdAllSites && search.filters.patientId.siteId !== site.id));
  const pageRequests = askedSites.flatMap((site) =>
    Array.from({ length: pages[site.id] ?? 1 }, (_, page) => ({ site, page })),
  );
  const primary = useQueries({
    queries: pageRequests.map(({ site, page }) => siteStudiesQuery(site, filtersForSite(search, site.id), page * DEFAULT_STUDY_PAGE_SIZE)),
  });
  const primaryOutcomes = primary.map((query) => query.data);

  const found = uniquePatients([...(enabled ? known : NONE_KNOWN), ...primaryOutcomes.flatMap((outcome) => outcome?.studies ?? [])]);
  const identityConfigured = config.identity.pixm !== null;
  const sources = found.map((patient) => pixmSourceFor(sites, patient));
  const pix = useQueries({
    queries: sources.flatMap((source) => (source.ok && identityConfigured ? [crossReferenceQuery(config, source.source)] : [])),
  });
  const pixBySource = new Map<string, PixmResult | undefined>();
  let pixIndex = 0;
  for (const source of sources) {
    if (!source.ok || !identityConfigured) continue;
    const query = pix[pixIndex++];
    pixBySource.set(sitePatientKey(source.patient), query?.data ?? (query?.isError ? { kind: 'failed', reason: query.error.message } : undefined));
  }
  // One per patient found: its identity across sites, `undefined` while the identity service has not said.
  const crossReferences: (IdentityResolution | undefined)[] = found.map((patient, index) => {
    const source = sources[index];
    if (!source?.ok || !identityConfigured) return resolveIdentity(sites, patient, undefined);
    const result = pixBySource.get(sitePatientKey(source.patient));
    return result ? resolveIdentity(sites, patient, result) : undefined;
  });
  const resolutions = crossReferences.filter((resolution) => resolution !== undefined);

  const searchedAlready = new Set(found.map((patient) => `${patient.siteId}|${patient.patientId}`));
  const elsewhere = uniqueSitePatients(resolutions.flatMap((resolution) => (resolution.kind === 'linked' ? resolution.others : []))).filter(
    (patient) => !searchedAlready.has(`${patient.siteId}|${patient.patientId}`),
  );
  const linkedRequests = elsewhere.flatMap((patient) => {
    const site = sites.find((candidate) => candidate.id === patient.siteId);
    return site ? [{ site, filters: { patientId: { siteId: site.id, value: patient.patientId } } satisfies StudySearchFilters }] : [];
  });
  const linked = useQueries({ queries: linkedRequests.map(({ site, filters }) => siteStudiesQuery(site, filters)) });

  const insByPatient = new Map<string, PixmIdentifier>();
  for (const resolution of resolutions) {
    const ins = resolution.kind === 'linked' || resolution.kind === 'alone' ? insAmong(resolution.ignored) : undefined;
    if (ins && (resolution.kind === 'linked' || resolution.kind === 'alone')) insByPatient.set(sitePatientKey(resolution.patient), ins);
  }
  const identityProblems = [...new Set(resolutions.flatMap((resolution) => (resolution.kind === 'unavailable' ? [resolution.reason] : [])))];
  const identityState: IdentityState = !identityConfigured ? 'not-configured' : identityProblems.length > 0 ? 'unavailable' : 'ok';
  const allOutcomes = [...primaryOutcomes, ...linked.map((query) => query.data)];
  const groups = groupPatients({
    sites,
    studies: allOutcomes.flatMap((outcome) => outcome?.studies ?? []),
    resolutions,
    identityState: identityConfigured ? 'ok' : 'not-configured',
  });

  const progress: SearchProgress = {
    askedSiteIds: askedSites.map((site) => site.id),
    directOutcomes: pageRequests.map((request, index) => ({ siteId: request.site.id, outcome: primary[index]?.data })),
    identityConfigured,
    crossReferences,
  };
  const siteStatuses = !enabled
    ? []
    : sites.map((site) =>
        siteSearchStatus(site.id, siteReach(site.id, progress), [
          ...pageRequests.flatMap((request, index) => (request.site.id === site.id ? [primary[index]?.data] : [])),
          ...linkedRequests.flatMap((request, index) => (request.site.id === site.id ? [linked[index]?.data] : [])),
        ]),
      );

  return {
    groups,
    siteStatuses,
    identityState,
    identityProblems,
    resolvingIdentities: pix.some((query) => query.isPending) || linked.some((query) => query.isPending),
    insOf: (group) => group.identities.map((identity) => insByPatient.get(sitePatientKey(identity))).find((ins) => ins !== undefined),
    loadMore: (siteId) => setPages((current) => ({ ...current, [siteId]: (current[siteId] ?? 1) + 1 })),
    retry: (siteId) => {
      pageRequests.forEach((request, index) => request.site.id === siteId && primary[index]?.data?.status !== 'ok' && void primary[index]?.refetch());
      linkedRequests.forEach((request, index) => request.site.id === siteId && linked[index]?.data?.status !== 'ok' && void linked[index]?.refetch());
    },
  };
}

const NONE_KNOWN: readonly StudySummary[] = [];

function sitePatientKey(patient: Pick<SitePatient, 'siteId' | 'patientId'>): string {
  return `${patient.siteId}|${patient.patientId}`;
}

function uniquePatients(studies: readonly StudySummary[]) {
  const seen = new Map<string, { siteId: string; patientId: string; issuerOfPatientId?: string }>();
  for (const study of studies) {
    const key = JSON.stringify([study.siteId, study.issuerOfPatientId ?? '', study.patientId]);
    if (!seen.has(key)) seen.set(key, { siteId: study.siteId, patientId: study.patientId, ...(study.issuerOfPatientId !== undefined && { issuerOfPatientId: study.issuerOfPatientId }) });
  }
  return [...seen.values()];
}

function uniqueSitePatients(patients: readonly SitePatient[]): SitePatient[] {
  const seen = new Map<string, SitePatient>();
  for (const patient of patients) seen.set(sitePatientKey(patient), patient);
  return [...seen.values()];
}
