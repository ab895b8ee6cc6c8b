import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { siteProbeQuery } from '../adapters/probeSite.ts';
import { onSiteTrouble } from '../adapters/siteTrouble.ts';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SiteState } from '../domain/federation/siteState.ts';
import { siteTroubleText } from './siteTroubleText.ts';

/**
 * One site's name and whether its archive answers through the gateway, with its latency and a retry. A site the
 * gateway holds marked down reads "down" (`data-down`). When a request of the page meets trouble at this site,
 * the badge looks again at once, unless it already says as much.
 */
export function SiteStatusBadge({ site }: { site: PublicSite }) {
  const { t } = useTranslation();
  const probe = useQuery(siteProbeQuery(site));
  const state: SiteState = probe.isFetching || !probe.data ? 'loading' : probe.data.state;
  const status = probe.data;
  const down = state !== 'loading' && status?.trouble?.kind === 'down';

  const client = useQueryClient();
  useEffect(
    () =>
      onSiteTrouble((siteId, trouble) => {
        if (siteId !== site.id) return;
        const { queryKey } = siteProbeQuery(site);
        const current = client.getQueryState(queryKey);
        if (current?.fetchStatus === 'fetching') return;
        const seen = current?.data;
        if (!seen || seen.state === 'ok' || (trouble.kind === 'down' && seen.trouble?.kind !== 'down')) void client.refetchQueries({ queryKey });
      }),
    [client, site],
  );

  return (
    <span className={`status-badge state-${state}`} data-testid="site-reachability" data-site-id={site.id} data-state={state} data-down={down ? 'true' : undefined}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-name">{site.name}</span>
      <span className="status-text">
        {down ? t('sites.state.down') : t(`sites.state.${state}`)}
        {state === 'ok' && status?.ms !== undefined && ` · ${t('sites.latency', { ms: status.ms })}`}
      </span>
      {status?.error && state !== 'loading' && (
        <span className="status-error" title={status.error}>
          {status.trouble ? siteTroubleText(t, site.name, status.trouble) : status.error}
        </span>
      )}
      {(state === 'error' || state === 'timeout') && (
        <button type="button" className="link-button" onClick={() => void probe.refetch()} aria-label={t('sites.retryLabel', { site: site.name })}>
          {t('sites.retry')}
        </button>
      )}
    </span>
  );
}
