import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { harvestProgressQuery, startHarvest } from '../adapters/identityReview.ts';
import { hasIdentityManager, type PublicConfig } from '../domain/config/publicConfig.ts';
import { instantText, watermarkText, type HarvestProgress } from '../domain/identityReview/harvestModel.ts';
import { displayLocale } from '../i18n/i18n.ts';
import { useCurrentUser } from '../shell/useCurrentUser.ts';
import { IdentityReviewNav } from './IdentityReviewNav.tsx';
import { forgetIdentityAnswers } from './forgetIdentityAnswers.ts';
import './identityReview.css';

/**
 * `/identity-review/harvest`: the harvest's progress per site and a button to run it now. While a run is under way
 * the progress is asked every second (harvestProgressQuery); when it ends, the review's answers are asked again,
 * since the new records may have brought possible matches.
 */
export function HarvestPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  return (
    <section className="identity-review" data-testid="harvest-page" aria-labelledby="harvest-heading">
      <h1 id="harvest-heading">{t('identityReview.harvest.heading')}</h1>
      <IdentityReviewNav />
      <p className="muted">{t('identityReview.harvest.intro')}</p>
      {hasIdentityManager(config) ? <HarvestProgressView config={config} /> : <NotConfigured />}
    </section>
  );
}

function HarvestProgressView({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const query = harvestProgressQuery();
  const progress = useQuery(query);
  const start = useMutation({
    mutationFn: () => startHarvest(user?.csrfToken ?? ''),
    // The answer says the run is under way: polling starts from it.
    onSuccess: (answer) => queryClient.setQueryData(query.queryKey, answer),
  });
  const running = progress.data?.running ?? false;
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) void forgetIdentityAnswers(queryClient);
    wasRunning.current = running;
  }, [running, queryClient]);

  if (progress.isPending) return <p role="status">{t('identityReview.harvest.loading')}</p>;
  if (progress.isError) {
    return (
      <p role="alert" className="error">
        {t('identityReview.failed', { reason: progress.error.message })}
      </p>
    );
  }
  if (progress.data === null) return <NotConfigured />;
  return (
    <section aria-labelledby="harvest-progress-heading" data-testid="harvest-progress" data-running={running} aria-busy={running}>
      <div className="harvest-controls">
        <button type="button" data-testid="harvest-start" disabled={running || start.isPending} aria-describedby="harvest-running" onClick={() => start.mutate()}>
          {start.isPending ? t('identityReview.harvest.starting') : t('identityReview.harvest.start')}
        </button>
        <p id="harvest-running" role="status" className="muted">
          {running ? t('identityReview.harvest.running') : t('identityReview.harvest.idle')}
        </p>
      </div>
      {start.isError && (
        <p role="alert" className="error" data-testid="harvest-error">
          {t('identityReview.failed', { reason: start.error.message })}
        </p>
      )}
      <h2 id="harvest-progress-heading">{t('identityReview.harvest.progress')}</h2>
      <HarvestTable config={config} progress={progress.data} />
    </section>
  );
}

/** No identity manager here (or none that harvests): a short line, not an error. */
function NotConfigured() {
  const { t } = useTranslation();
  return (
    <p className="muted" data-testid="harvest-not-configured">
      {t('identityReview.harvest.notConfigured')}
    </p>
  );
}

const COLUMNS = ['site', 'state', 'studiesRead', 'patientsLearnt', 'watermark', 'lastRunAt', 'lastSuccessAt', 'error'] as const;

function HarvestTable({ config, progress }: { config: PublicConfig; progress: HarvestProgress }) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.resolvedLanguage);
  const none = t('identityReview.harvest.none');
  const siteName = (siteId: string) => config.sites.find((site) => site.id === siteId)?.name ?? siteId;
  return (
    <table className="timeline harvest-sites" data-testid="harvest-sites">
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th key={column} scope="col">
              {t(`identityReview.harvest.columns.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {progress.sites.map((site) => (
          <tr
            key={site.siteId}
            data-testid="harvest-site"
            data-site-id={site.siteId}
            data-state={site.state}
            data-studies-read={site.studiesRead}
            data-patients-learnt={site.patientsLearnt}
            data-watermark={site.watermark ?? ''}
          >
            <th scope="row">{siteName(site.siteId)}</th>
            <td className={`harvest-state harvest-state-${site.state}`}>{t(`identityReview.harvest.state.${site.state}`)}</td>
            <td>{site.studiesRead}</td>
            <td>{site.patientsLearnt}</td>
            <td>{site.watermark !== null ? <time dateTime={site.watermark.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')}>{watermarkText(site.watermark, locale) || site.watermark}</time> : none}</td>
            <td>{site.lastRunAt !== null ? <time dateTime={site.lastRunAt}>{instantText(site.lastRunAt, locale)}</time> : none}</td>
            <td>{site.lastSuccessAt !== null ? <time dateTime={site.lastSuccessAt}>{instantText(site.lastSuccessAt, locale)}</time> : none}</td>
            <td className={site.error !== null ? 'error' : undefined} data-testid="harvest-site-error">
              {site.error ?? none}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
