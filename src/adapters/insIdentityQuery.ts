/**
 * The strict traits that go with an INS, from the identity manager's ITI-78 (PDQm) search by identifier, for the
 * patient's banner. Only Passerelle's own manager is asked (an external PIXm may have no PDQm); every failure is
 * `undefined`: the banner then shows the INS without its traits.
 */
import { queryOptions } from '@tanstack/react-query';
import { hasIdentityManager, type PublicConfig } from '../domain/config/publicConfig.ts';
import type { PixmIdentifier } from '../domain/identity/identifierSystem.ts';
import { insIdentityFromBundle, type InsIdentity } from '../domain/identity/insIdentity.ts';
import { fhirIdentifierToken } from '../domain/identity/pixmRequest.ts';
import { getWithRetry } from './getWithRetry.ts';

const PDQM_DEADLINE_MS = 6000;

export async function fetchInsIdentity(config: PublicConfig, ins: PixmIdentifier, signal?: AbortSignal): Promise<InsIdentity | undefined> {
  if (!hasIdentityManager(config) || config.identity.pixm === null) return undefined;
  const url = `${config.identity.pixm}/Patient?identifier=${encodeURIComponent(fhirIdentifierToken(ins))}`;
  const answer = await getWithRetry(url, { headers: { accept: 'application/fhir+json' }, signal, deadlineMs: PDQM_DEADLINE_MS });
  if (answer.kind !== 'response' || !answer.response.ok) return undefined;
  const body: unknown = await answer.response.json().catch(() => undefined);
  return insIdentityFromBundle(body, ins);
}

/** Asked again on every mount, as identity answers are (worklistQueries.ts). */
export const insIdentityQuery = (config: PublicConfig, ins: PixmIdentifier) =>
  queryOptions({
    queryKey: ['ins-identity', ins.system, ins.value],
    queryFn: ({ signal }) => fetchInsIdentity(config, ins, signal),
    staleTime: 0,
    refetchOnMount: 'always',
    retry: false,
  });
