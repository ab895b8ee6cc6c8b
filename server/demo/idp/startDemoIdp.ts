/**
 * The embedded demo's OpenID provider (oidc-provider, a certified implementation) on its own loopback port: the
 * demo users sign in on its page, Passerelle's gateway is its confidential client `passerelle`, and the demo systems
 * that feed identities get tokens with the client-credentials grant (`flux-chu`, `flux-cgfl`, secret `demo`, each
 * with the scope of its own site's identifier system: `feed:<patientIdSystem>`).
 *
 * The gateway's redirect URI depends on the address it listens on, known only once it listens: the provider is
 * set up by `allowGateway(origins)`; until then it answers 503.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { demoSites } from '../demoSites.ts';
import { demoAdapterFactory } from './demoAdapter.ts';
import { demoUserFor, demoUsers } from './demoUsers.ts';
import { logoutPage, signInPage } from './signInPage.ts';

export const PASSERELLE_CLIENT_ID = 'passerelle';
export const FEED_CLIENT_SECRET = 'demo';

/** The client-credentials clients of the demo's identity feeds, by site key. */
export const feedClients = [
  { clientId: 'flux-chu', siteKey: 'chu' },
  { clientId: 'flux-cgfl', siteKey: 'cgfl' },
] as const;

/** The scope that lets a feeding system send identities of this identifier system. */
export function feedScope(patientIdSystem: string): string {
  return `feed:${patientIdSystem}`;
}

export interface RunningDemoIdp {
  issuer: string;
  /** The gateway's client secret, generated at this start; handed to the gateway in-process, never written. */
  clientSecret: string;
  /** Registers the gateway's origins (redirect URI `<origin>/auth/callback`, sign-out return `<origin>/signed-out`). */
  allowGateway(origins: readonly string[]): void;
  close(): Promise<void>;
}

export async function startDemoIdp(options: { port?: number } = {}): Promise<RunningDemoIdp> {
  const clientSecret = randomBytes(32).toString('base64url');
  let provider: Provider | undefined;
  let providerHandler: ReturnType<Provider['callback']> | undefined;

  const server = http.createServer((request, response) => {
    if (!provider || !providerHandler) {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('the demo identity provider is starting');
      return;
    }
    const current = provider;
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec((request.url ?? '').split('?')[0] ?? '');
    if (!match) {
      providerHandler(request, response);
      return;
    }
    handleInteraction(current, request, response, Boolean(match[2])).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`sign-in failed: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    clientSecret,
    allowGateway(origins) {
      provider = createProvider(issuer, clientSecret, origins);
      providerHandler = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function createProvider(issuer: string, clientSecret: string, origins: readonly string[]): Provider {
  const clients: ClientMetadata[] = [
    {
      client_id: PASSERELLE_CLIENT_ID,
      client_secret: clientSecret,
      redirect_uris: origins.map((origin) => `${origin}/auth/callback`),
      post_logout_redirect_uris: origins.map((origin) => `${origin}/signed-out`),
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    ...feedClients.map(({ clientId, siteKey }) => ({
      client_id: clientId,
      client_secret: FEED_CLIENT_SECRET,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic' as const,
      scope: feedScope(demoSites.find((site) => site.key === siteKey)?.patientIdSystem ?? siteKey),
    })),
  ];
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    clients,
    adapter: demoAdapterFactory(),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'demo-signing', use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'profile', 'offline_access', ...demoSites.map((site) => feedScope(site.patientIdSystem))],
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name', 'organisation', 'roles'] },
    findAccount: async (_ctx, id) => {
      const user = demoUsers.find((candidate) => candidate.login === id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: user.name, given_name: user.givenName, family_name: user.familyName, organisation: user.organisation, roles: user.roles }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Passerelle is the demo's own first-party client: no consent page, the grant is made at sign-in.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile offline_access');
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: async (_ctx, client) => client.clientId === PASSERELLE_CLIENT_ID },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Déconnecté</title></head><body><p>Signed out. / Déconnecté.</p></body></html>';
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `${out.error}: ${out.error_description ?? ''}`;
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, ClientCredentials: 600, IdToken: 3600, Interaction: 600, RefreshToken: 12 * 3600, Session: 12 * 3600, Grant: 12 * 3600 },
  };
  return new Provider(issuer, configuration);
}

async function handleInteraction(provider: Provider, request: http.IncomingMessage, response: http.ServerResponse, submitted: boolean) {
  const details = await provider.interactionDetails(request, response);
  const action = `/interaction/${details.uid}/login`;
  if (!submitted || request.method !== 'POST') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(signInPage(action));
    return;
  }
  const form = new URLSearchParams(await readBody(request));
  const login = form.get('login') ?? '';
  const user = demoUserFor(login, form.get('password') ?? '');
  if (!user) {
    response.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(signInPage(action, { login, failed: true }));
    return;
  }
  await provider.interactionFinished(request, response, { login: { accountId: user.login } }, { mergeWithLastSubmission: false });
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > 8192) throw new Error('form too large');
  }
  return body;
}
