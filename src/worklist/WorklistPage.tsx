import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { hasNoCriteria } from '../domain/federation/searchFilters.ts';
import { worklistSearchFromUrl, type WorklistSearch } from '../domain/launch/worklistUrl.ts';
import type { PatientGroup } from '../domain/federation/patientGroups.ts';
import { PatientGroupCard } from './PatientGroupCard.tsx';
import { SiteStatusPanel } from './SiteStatusPanel.tsx';
import { useFederatedSearch } from './useFederatedSearch.ts';
import { InsBanner } from './InsBanner.tsx';
import { crossReferenceQuery } from '../adapters/worklistQueries.ts';
import { resolveInsSearch, type InsSearchResolution } from '../domain/launch/insSearch.ts';
import { SEARCH_FIELDS, WorklistSearchForm, formValuesFrom, type SearchFormValues } from './WorklistSearchForm.tsx';

/** The worklist: cross-site search, per-site status, and one card per real person with their timeline. */
export function WorklistPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const values = formValuesFrom(params);
  const search = worklistSearchFromUrl(params, config.sites);
  const searchKey = params.toString();

  const onSearch = (next: SearchFormValues) => {
    const query = new URLSearchParams();
    for (const field of SEARCH_FIELDS) if (next[field].trim()) query.set(field, next[field].trim());
    navigate(`/?${query.toString()}`);
  };

  return (
    <section className="worklist" aria-labelledby="worklist-heading">
      <h1 id="worklist-heading">{t('worklist.heading')}</h1>
      <WorklistSearchForm key={searchKey} config={config} initial={values} onSearch={onSearch} />
      {search.problems.length > 0 && (
        <p role="alert" className="error">
          {search.problems.map((problem) => problem.reason).join('; ')}
        </p>
      )}
      {!hasNoCriteria(search.filters) || search.modalities.length > 0 ? (
        <WorklistResults key={searchKey} config={config} search={search} />
      ) : (
        <>
          <SiteStatusPanel config={config} />
          <p className="muted">{t('worklist.empty')}</p>
        </>
      )}
    </section>
  );
}

/**
 * A search by INS first asks the identity service for the person's IDs at the sites (ITI-83, the INS as source),
 * then searches by one of them; nothing is searched before, nor when the INS is unknown or the service fails.
 */
function useInsResolution(config: PublicConfig, search: WorklistSearch): InsSearchResolution | undefined {
  const ins = search.ins ?? { system: '', value: '' };
  const configured = config.identity.pixm !== null;
  const query = useQuery({ ...crossReferenceQuery(config, ins), enabled: search.ins !== undefined && configured });
  if (search.ins === undefined) return undefined;
  if (!configured) return { kind: 'failed', reason: 'no identity service is configured' };
  if (query.isError) return { kind: 'failed', reason: query.error.message };
  return query.data ? resolveInsSearch(search, config.sites, query.data) : undefined;
}

function WorklistResults({ config, search: asked }: { config: PublicConfig; search: WorklistSearch }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const insResolution = useInsResolution(config, asked);
  const search = insResolution?.kind === 'found' ? insResolution.search : asked;
  const result = useFederatedSearch(config, search, asked.ins === undefined || insResolution?.kind === 'found');
  const anyLoading = result.siteStatuses.some((status) => status.state === 'loading');

  useEffect(() => {
    // A cross-reference failed: let the header's identity status check the service again.
    if (result.identityState === 'unavailable') void queryClient.invalidateQueries({ queryKey: ['identity-probe'] });
  }, [result.identityState, queryClient]);

  return (
    <>
      <SiteStatusPanel config={config} statuses={result.siteStatuses} onRetry={result.retry} onMore={result.loadMore} />
      {asked.ins !== undefined && insResolution?.kind !== 'found' && (
        <p className={insResolution ? 'identity-banner' : 'muted'} data-testid="ins-search" data-state={insResolution?.kind ?? 'loading'} role={insResolution ? 'alert' : 'status'}>
          {insResolution === undefined
            ? t('worklist.insResolving', { ins: asked.ins.value })
            : insResolution.kind === 'not-found'
              ? t('worklist.insNotFound', { ins: asked.ins.value })
              : t('worklist.insFailed', { ins: asked.ins.value, reason: insResolution.reason })}
        </p>
      )}
      {result.identityState !== 'ok' && (
        <p className="identity-banner" data-testid="identity-banner" role="alert">
          {result.identityState === 'not-configured'
            ? t('worklist.identityNotConfigured')
            : t('worklist.identityUnavailable', { reasons: result.identityProblems.join('; ') })}
        </p>
      )}
      <section aria-labelledby="results-heading" aria-busy={anyLoading || result.resolvingIdentities}>
        <h2 id="results-heading" className="results-heading">
          {t('worklist.resultsHeading')} <span className="muted">· {t('worklist.patientCount', { count: result.groups.length })}</span>
        </h2>
        {result.resolvingIdentities && (
          <p role="status" className="muted">
            {t('worklist.resolving')}
          </p>
        )}
        {!anyLoading && result.groups.length === 0 && <p className="muted">{t('worklist.noResults')}</p>}
        {result.groups.map((group) => {
          const ins = result.insOf(group);
          return <PatientGroupCard key={group.key} config={config} group={shownStudies(group, search)} banner={ins && <InsBanner config={config} ins={ins} />} />;
        })}
      </section>
    </>
  );
}

/** Several modalities (an IID launch's modalitiesInStudy) are matched here; `mostRecent` keeps the N newest. */
function shownStudies(group: PatientGroup, search: WorklistSearch): PatientGroup {
  const wanted = search.modalities.length > 1 ? new Set(search.modalities) : undefined;
  const studies = wanted ? group.studies.filter((study) => study.modalities.some((modality) => wanted.has(modality))) : group.studies;
  return { ...group, studies: search.mostRecent ? studies.slice(0, search.mostRecent) : studies };
}
