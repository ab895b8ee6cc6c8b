import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { siteProbeQuery } from '../adapters/probeSite.ts';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SiteState } from '../domain/federation/siteState.ts';

/** One site's name and whether its archive answers through the gateway, with its latency and a retry. */
export function SiteStatusBadge({ site }: { site: PublicSite }) {
  const { t } = useTranslation();
  const probe = useQuery(siteProbeQuery(site));
  const state: SiteState = probe.isFetching || !probe.data ? 'loading' : probe.data.state;
  const status = probe.data;
  return (
    <span className={`status-badge state-${state}`} data-testid="site-reachability" data-site-id={site.id} data-state={state}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-name">{site.name}</span>
      <span className="status-text">
        {t(`sites.state.${state}`)}
        {state === 'ok' && status?.ms !== undefined && ` · ${t('sites.latency', { ms: status.ms })}`}
      </span>
      {status?.error && state !== 'loading' && <span className="status-error">{status.error}</span>}
      {(state === 'error' || state === 'timeout') && (
        <button type="button" className="link-button" onClick={() => void probe.refetch()} aria-label={t('sites.retryLabel', { site: site.name })}>
          {t('sites.retry')}
        </button>
      )}
    </span>
  );
}
