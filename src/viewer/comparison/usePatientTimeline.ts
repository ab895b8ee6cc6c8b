/**
 * The patient of the study on screen, across sites: the current study's Patient ID is searched in its own site's
 * identifier domain, cross-referenced through the identity service like any worklist search, and the patient group
 * holding the current study is kept. Fails closed like the worklist: without the identity service, only this
 * site's studies of the patient are there, and the reason is given.
 */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { PublicConfig, PublicSite } from '../../domain/config/publicConfig.ts';
import type { StudyUid } from '../../domain/dicom/identifiers.ts';
import type { PatientGroup } from '../../domain/federation/patientGroups.ts';
import type { StudySummary } from '../../domain/federation/studySummary.ts';
import type { PixmIdentifier } from '../../domain/identity/identifierSystem.ts';
import type { WorklistSearch } from '../../domain/launch/worklistUrl.ts';
import { useFederatedSearch } from '../../worklist/useFederatedSearch.ts';
import { currentStudyQuery } from './currentStudyQuery.ts';

export type PatientTimeline =
  | { state: 'resolving' }
  /** The current study could not be read: no prior can be looked for. */
  | { state: 'failed'; reason: string }
  | {
      state: 'ready';
      current: StudySummary;
      group: PatientGroup | undefined;
      /** Still waiting for some site or the identity service: priors may appear. */
      partial: boolean;
      /** Why some sites' studies may be missing (identity service unavailable, a site down), in words. */
      problems: string[];
      /** The patient's national health identifier, when the identity service knows one. */
      ins?: PixmIdentifier;
    };

const NO_SEARCH: WorklistSearch = { filters: {}, patientIdAllSites: false, modalities: [] };

export function usePatientTimeline(config: PublicConfig, site: PublicSite, studyUid: StudyUid): PatientTimeline {
  const current = useQuery(currentStudyQuery(site, studyUid));
  const study = current.data;
  const search = useMemo(
    (): WorklistSearch => (study ? { filters: { patientId: { siteId: site.id, value: study.patientId } }, patientIdAllSites: false, modalities: [] } : NO_SEARCH),
    [study, site.id],
  );
  // The study's own patient is cross-referenced at once, alongside the search of its site for its other studies.
  const known = useMemo(() => (study ? [study] : []), [study]);
  const federated = useFederatedSearch(config, search, study !== undefined, known);
  if (current.isError) return { state: 'failed', reason: current.error.message };
  if (!study) return { state: 'resolving' };
  const group = federated.groups.find((candidate) => candidate.studies.some((entry) => entry.studyUid === study.studyUid && entry.siteId === study.siteId));
  const siteProblems = federated.siteStatuses.flatMap((status) => (status.error && status.state !== 'ok' ? [`${status.siteId}: ${status.error}`] : []));
  const ins = group ? federated.insOf(group) : undefined;
  return {
    state: 'ready',
    current: study,
    group,
    ...(ins ? { ins } : {}),
    partial: federated.resolvingIdentities || federated.siteStatuses.some((status) => status.state === 'loading'),
    problems: [...new Set([...federated.identityProblems, ...(group?.linkState === 'unlinked-identity-unavailable' ? group.unlinkedReasons : []), ...siteProblems])],
  };
}
