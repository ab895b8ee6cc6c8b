import { queryOptions } from '@tanstack/react-query';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SiteStatus } from '../domain/federation/siteState.ts';
import { fetchWithTimeout } from './fetchWithTimeout.ts';
import { upstreamTroubleOfText } from '../domain/federation/upstreamTrouble.ts';
import { describeHttpText } from './describeHttpFailure.ts';

/**
 * Tells whether a site's archive answers QIDO-RS (PS3.18 §10.6) through the gateway, with a query that matches no
 * study (a UID no archive holds), so that no patient's data reaches the browser for a mere liveness check.
 * While the gateway holds the site marked down, it answers at once without asking the archive; after the back-off,
 * this check may be the one request that finds whether the archive is back.
 */
export async function probeSite(site: PublicSite, signal?: AbortSignal): Promise<SiteStatus> {
  const answer = await fetchWithTimeout(`${site.dicomweb}/studies?StudyInstanceUID=2.25.0&limit=1`, {
    headers: { accept: 'application/dicom+json' },
    timeoutMs: site.timeoutMs,
    signal,
  });
  const ms = Math.round(answer.ms);
  switch (answer.kind) {
    case 'response':
      if (answer.response.ok) {
        await answer.response.body?.cancel();
        return { siteId: site.id, state: 'ok', ms };
      }
      return failedProbe(site, answer.response, ms);
    case 'timeout':
      return { siteId: site.id, state: 'timeout', ms, error: `no answer within ${site.timeoutMs} ms` };
    case 'network-error':
      return { siteId: site.id, state: 'error', ms, error: answer.message };
    case 'aborted':
      return { siteId: site.id, state: 'error', ms, error: 'cancelled' };
  }
}

/** A refusal in words; the gateway's own (site marked down, unreachable, too slow) with what happened to the site. */
async function failedProbe(site: PublicSite, response: Response, ms: number): Promise<SiteStatus> {
  const text = await response.text().catch(() => '');
  const trouble = upstreamTroubleOfText(response.status, text);
  const state = response.status === 504 ? 'timeout' : 'error';
  return { siteId: site.id, state, ms, error: describeHttpText(response, text), ...(trouble && { trouble }) };
}

export const siteProbeQuery = (site: PublicSite) =>
  queryOptions({
    queryKey: ['site-probe', site.id],
    queryFn: ({ signal }) => probeSite(site, signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
    retry: false,
  });
