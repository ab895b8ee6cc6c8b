import type { SiteOutcome } from '../domain/federation/archive.ts';
import type { NotSearchedReason, SiteReach, WaitingReason } from '../domain/federation/siteReach.ts';
import type { SiteState } from '../domain/federation/siteState.ts';
import type { UpstreamTrouble } from '../domain/federation/upstreamTrouble.ts';

/** What a site's row in the status panel says after a search: its first query's latency, the worst state. */
export interface SiteSearchStatus {
  siteId: string;
  state: SiteState;
  ms?: number;
  error?: string;
  /** When the gateway could not get an answer from the site: what happened to it. */
  trouble?: UpstreamTrouble;
  truncated: boolean;
  /** Why the site was not searched (state `not-searched`), most telling first. */
  notSearched?: NotSearchedReason[];
  /** What a site not asked yet is waiting for (state `loading`). */
  waitingFor?: WaitingReason;
}

const SEVERITY: Record<Exclude<SiteState, 'not-searched'>, number> = { ok: 0, partial: 1, timeout: 2, error: 3, loading: 4 };

/** Combines a site's outcomes (its pages and its linked-patient queries); `undefined` stands for one in flight. */
export function combineSiteOutcomes(siteId: string, outcomes: readonly (SiteOutcome | undefined)[]): SiteSearchStatus {
  if (outcomes.length === 0) return { siteId, state: 'ok', truncated: false };
  let state: Exclude<SiteState, 'not-searched'> = 'ok';
  const errors: string[] = [];
  for (const outcome of outcomes) {
    const next = outcome ? outcome.status : 'loading';
    if (SEVERITY[next] > SEVERITY[state]) state = next;
    if (outcome?.error && !errors.includes(outcome.error)) errors.push(outcome.error);
  }
  const first = outcomes[0];
  const last = outcomes.at(-1);
  const status: SiteSearchStatus = { siteId, state, truncated: last?.truncated === true };
  if (first) status.ms = first.ms;
  if (errors.length > 0) status.error = errors.join('; ');
  return status;
}

/**
 * A site's status after a search (contract §4): a site the search reaches reads its outcomes; one that waits on
 * the identity service or the Patient ID's own site reads `loading` (never `ok` with nothing to show); one that
 * will not be searched reads `not-searched`, with the reasons.
 */
export function siteSearchStatus(siteId: string, reach: SiteReach, outcomes: readonly (SiteOutcome | undefined)[]): SiteSearchStatus {
  switch (reach.kind) {
    case 'searched':
      return outcomes.length > 0 ? combineSiteOutcomes(siteId, outcomes) : { siteId, state: 'loading', truncated: false, waitingFor: { kind: 'identity' } };
    case 'waiting':
      return { siteId, state: 'loading', truncated: false, waitingFor: reach.reason };
    case 'not-searched':
      return { siteId, state: 'not-searched', truncated: false, notSearched: reach.reasons };
  }
}
