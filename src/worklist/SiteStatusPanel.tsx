import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { siteProbeQuery } from '../adapters/probeSite.ts';
import type { PublicConfig, PublicSite } from '../domain/config/publicConfig.ts';
import type { SiteSearchStatus } from './siteSearchStatus.ts';
import { siteStatusReasons } from './siteStatusReasons.ts';
import { siteTroubleText } from '../shell/siteTroubleText.ts';

interface Props {
  config: PublicConfig;
  /** The last search's status per site; without a search, each site's reachability check is shown. */
  statuses?: SiteSearchStatus[];
  onRetry?: (siteId: string) => void;
  onMore?: (siteId: string) => void;
}

/**
 * Per-site state of the last query (deployment contract §4): loading, ok, partial, error, timeout, not-searched;
 * beside a site not searched, or waiting to be, the reason in words and whether its archive is up.
 */
export function SiteStatusPanel({ config, statuses, onRetry, onMore }: Props) {
  const { t } = useTranslation();
  return (
    <section className="site-status-panel" aria-label={t('worklist.sitesHeading')}>
      <ul>
        {config.sites.map((site) => {
          const status = statuses?.find((candidate) => candidate.siteId === site.id);
          return (
            <li key={site.id}>
              {status ? <SiteStatusLine config={config} site={site} status={status} onRetry={onRetry} onMore={onMore} /> : <ProbedSiteStatus config={config} site={site} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ProbedSiteStatus({ config, site }: { config: PublicConfig; site: PublicSite }) {
  const probe = useQuery(siteProbeQuery(site));
  const status: SiteSearchStatus = probe.isFetching || !probe.data
    ? { siteId: site.id, state: 'loading', truncated: false }
    : { siteId: site.id, state: probe.data.state, truncated: false, ...(probe.data.ms !== undefined && { ms: probe.data.ms }), ...(probe.data.error && { error: probe.data.error }), ...(probe.data.trouble && { trouble: probe.data.trouble }) };
  return <SiteStatusLine config={config} site={site} status={status} onRetry={() => void probe.refetch()} />;
}

/** Whether the archive of a site the search did not ask is up (its liveness probe, shared with the header). */
function ArchiveReachability({ site }: { site: PublicSite }) {
  const { t } = useTranslation();
  const probe = useQuery(siteProbeQuery(site));
  // The last answer stays shown while the probe asks again, so that the line does not flicker every minute.
  const state = probe.data?.state ?? 'loading';
  const ms = state === 'ok' ? probe.data?.ms : undefined;
  return (
    <span className={`status-reachability state-${state}`} data-testid="site-status-reachability" data-state={state}>
      {t('sites.archive', { state: t(`sites.state.${state}`) })}
      {ms !== undefined && ` · ${t('sites.latency', { ms })}`}
    </span>
  );
}

interface LineProps {
  config: PublicConfig;
  site: PublicSite;
  status: SiteSearchStatus;
  onRetry?: (siteId: string) => void;
  onMore?: (siteId: string) => void;
}

function SiteStatusLine({ config, site, status, onRetry, onMore }: LineProps) {
  const { t } = useTranslation();
  const failed = status.state === 'error' || status.state === 'timeout';
  const reasons = siteStatusReasons(status, (siteId) => config.sites.find((candidate) => candidate.id === siteId)?.name ?? siteId);
  // A site the search did not ask says nothing of its archive: whether it is up is told beside the reason.
  const showReachability = status.state === 'not-searched' || status.waitingFor !== undefined;
  const down = status.state !== 'loading' && status.trouble?.kind === 'down';
  return (
    <div className={`status-badge state-${status.state}`} data-testid="site-status" data-site-id={site.id} data-state={status.state} data-down={down ? 'true' : undefined} aria-live="polite">
      <span className="status-dot" aria-hidden="true" />
      <span className="status-name">{site.name}</span>
      <span className="status-text">
        {down ? t('sites.state.down') : t(`sites.state.${status.state}`)}
        {status.ms !== undefined && status.state !== 'loading' && ` · ${t('sites.latency', { ms: status.ms })}`}
      </span>
      {reasons.length > 0 && (
        <span className="status-reason" data-testid="site-status-reason">
          {reasons.map((reason) => t(`sites.${reason.key}`, reason.values)).join('; ')}
        </span>
      )}
      {showReachability && <ArchiveReachability site={site} />}
      {status.error && status.state !== 'loading' && (
        <span className="status-error" title={status.error}>
          {status.trouble ? siteTroubleText(t, site.name, status.trouble) : status.error}
        </span>
      )}
      {failed && onRetry && (
        <button type="button" className="link-button" onClick={() => onRetry(site.id)} aria-label={t('sites.retryLabel', { site: site.name })}>
          {t('sites.retry')}
        </button>
      )}
      {status.truncated && onMore && (
        <button type="button" className="link-button" data-testid="more-results" data-site-id={site.id} onClick={() => onMore(site.id)}>
          {t('worklist.moreResults', { site: site.name })}
        </button>
      )}
    </div>
  );
}
