import { queryOptions } from '@tanstack/react-query';
import { parsePublicConfig, type PublicConfig } from '../domain/config/publicConfig.ts';

/** The deployment's sites and identity service, as the gateway describes them (`GET /config.json`). */
export async function fetchPublicConfig(signal?: AbortSignal): Promise<PublicConfig> {
  const response = await fetch('/config.json', { signal, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`/config.json: HTTP ${response.status}`);
  return parsePublicConfig(await response.json());
}

export const publicConfigQuery = queryOptions({
  queryKey: ['config'],
  queryFn: ({ signal }) => fetchPublicConfig(signal),
  staleTime: Infinity,
  retry: 1,
});
