/**
 * What the user is told about each archive: the state of the last query sent to it (deployment contract §4,
 * `[data-testid=site-status]`). A failure is a value with words, never a silently missing site. `not-searched`:
 * the search did not ask this site (no identifier of the patient is known there, see `siteReach`).
 */
import type { UpstreamTrouble } from './upstreamTrouble.ts';

export type SiteState = 'loading' | 'ok' | 'partial' | 'error' | 'timeout' | 'not-searched';

export interface SiteStatus {
  siteId: string;
  state: SiteState;
  /** Round-trip time of the last answer, in milliseconds. */
  ms?: number;
  /** What failed, in words (HTTP status and reason, network error, timeout). */
  error?: string;
  /** When the gateway could not get an answer from the site: what happened (marked down, busy, unreachable, slow). */
  trouble?: UpstreamTrouble;
}

export type IdentityState = 'ok' | 'unavailable' | 'not-configured';

/** The status a site's search outcome shows (deployment contract §4, `[data-testid=site-status]`). */
export function siteStatusFromOutcome(outcome: {
  siteId: string;
  status: Exclude<SiteState, 'loading' | 'not-searched'>;
  ms: number;
  error?: string;
}): SiteStatus {
  const status: SiteStatus = { siteId: outcome.siteId, state: outcome.status, ms: Math.round(outcome.ms) };
  if (outcome.error !== undefined) status.error = outcome.error;
  return status;
}
