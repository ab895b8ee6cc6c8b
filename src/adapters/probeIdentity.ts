import { queryOptions } from '@tanstack/react-query';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import type { IdentityState } from '../domain/federation/siteState.ts';
import { fetchWithTimeout } from './fetchWithTimeout.ts';
import { describeHttpFailure } from './describeHttpFailure.ts';

export interface IdentityStatus {
  state: IdentityState;
  error?: string;
}

/** Asks the PIXm service for its CapabilityStatement (FHIR `GET [base]/metadata`) to tell whether it answers. */
export async function probeIdentity(config: PublicConfig, signal?: AbortSignal): Promise<IdentityStatus> {
  const base = config.identity.pixm;
  if (!base) return { state: 'not-configured' };
  const answer = await fetchWithTimeout(`${base}/metadata`, { headers: { accept: 'application/fhir+json' }, timeoutMs: 5000, signal });
  if (answer.kind === 'response' && answer.response.ok) {
    await answer.response.body?.cancel();
    return { state: 'ok' };
  }
  if (answer.kind === 'response') return { state: 'unavailable', error: await describeHttpFailure(answer.response) };
  if (answer.kind === 'timeout') return { state: 'unavailable', error: 'no answer within 5000 ms' };
  return { state: 'unavailable', error: answer.kind === 'network-error' ? answer.message : 'cancelled' };
}

export const identityProbeQuery = (config: PublicConfig) =>
  queryOptions({
    queryKey: ['identity-probe', config.identity.pixm],
    queryFn: ({ signal }) => probeIdentity(config, signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
    retry: false,
  });
