import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { parseIsoDate } from '../domain/dicom/dicomDate.ts';
import type { StudySearchFilters } from '../domain/federation/searchFilters.ts';
import { PatientGroupCard } from './PatientGroupCard.tsx';
import { SiteStatusPanel } from './SiteStatusPanel.tsx';
import { useFederatedSearch, type WorklistSearch } from './useFederatedSearch.ts';
import { SEARCH_FIELDS, WorklistSearchForm, formValuesFrom, type SearchFormValues } from './WorklistSearchForm.tsx';

/** The search as the worklist URL states it; `undefined` when it holds no criterion. */
function searchFromValues(values: SearchFormValues): WorklistSearch | undefined {
  const filters: StudySearchFilters = {};
  if (values.patientName.trim()) filters.patientName = values.patientName.trim();
  if (values.patientId.trim()) filters.patientId = { siteId: values.patientIdSite, value: values.patientId.trim() };
  const from = parseIsoDate(values.studyDateFrom);
  const to = parseIsoDate(values.studyDateTo);
  if (from) filters.studyDateFrom = from;
  if (to) filters.studyDateTo = to;
  if (values.modality.trim()) filters.modality = values.modality.trim();
  if (values.accessionNumber.trim()) filters.accessionNumber = values.accessionNumber.trim();
  if (Object.keys(filters).length === 0) return undefined;
  return { filters, patientIdAllSites: values.patientIdSite === '' };
}

/** The worklist: cross-site search, per-site status, and one card per real person with their timeline. */
export function WorklistPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const values = formValuesFrom(params);
  const search = searchFromValues(values);
  const mostRecent = Number(params.get('mostRecent'));
  const searchKey = SEARCH_FIELDS.map((field) => values[field]).join('\u0000');

  const onSearch = (next: SearchFormValues) => {
    const query = new URLSearchParams();
    for (const field of SEARCH_FIELDS) if (next[field].trim()) query.set(field, next[field].trim());
    navigate(`/?${query.toString()}`);
  };

  return (
    <section className="worklist" aria-labelledby="worklist-heading">
      <h1 id="worklist-heading">{t('worklist.heading')}</h1>
      <WorklistSearchForm key={searchKey} config={config} initial={values} onSearch={onSearch} />
      {search ? (
        <WorklistResults key={searchKey} config={config} search={search} mostRecent={Number.isInteger(mostRecent) && mostRecent > 0 ? mostRecent : undefined} />
      ) : (
        <>
          <SiteStatusPanel config={config} />
          <p className="muted">{t('worklist.empty')}</p>
        </>
      )}
    </section>
  );
}

function WorklistResults({ config, search, mostRecent }: { config: PublicConfig; search: WorklistSearch; mostRecent?: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const result = useFederatedSearch(config, search);
  const anyLoading = result.siteStatuses.some((status) => status.state === 'loading');

  useEffect(() => {
    // A cross-reference failed: let the header's identity status check the service again.
    if (result.identityState === 'unavailable') void queryClient.invalidateQueries({ queryKey: ['identity-probe'] });
  }, [result.identityState, queryClient]);

  return (
    <>
      <SiteStatusPanel config={config} statuses={result.siteStatuses} onRetry={result.retry} onMore={result.loadMore} />
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
        {result.groups.map((group) => (
          <PatientGroupCard key={group.key} config={config} group={mostRecent ? { ...group, studies: group.studies.slice(0, mostRecent) } : group} />
        ))}
      </section>
    </>
  );
}
