/**
 * A demo feeding system's access token for the identity manager's ITI-104 route: the client-credentials grant at the
 * demo provider, with the scope to feed `system`, through the gateway's own client-credentials fetcher (the tests and
 * the e2e specs feed as `flux-chu` or `flux-cgfl` would).
 */
import { clientCredentialsFetcher } from '../../gateway/clientCredentialsToken.ts';
import { FEED_CLIENT_SECRET, feedScope } from './startDemoIdp.ts';

export async function feedClientToken(issuer: string, clientId: string, system: string): Promise<string> {
  const fetchToken = clientCredentialsFetcher({ type: 'client-credentials', issuer, clientId, clientSecret: FEED_CLIENT_SECRET, scope: feedScope(system) }, 10_000);
  return (await fetchToken()).accessToken;
}
