/**
 * The client credentials grant against a real OAuth 2.0 / OpenID provider (oidc-provider, started here with one
 * client allowed that grant), and an archive stand-in that accepts only the provider's live access tokens:
 * a token is fetched once and shared, renewed after it expires, renewed once more when the archive refuses it,
 * and found through discovery when the configuration gives no tokenUrl.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { validateRuntimeConfig, type RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { clientCredentialsFetcher } from './clientCredentialsToken.ts';
import { createGateway } from './createGateway.ts';
import { resolveUpstreamCredentials } from './upstreamCredentials.ts';

const CLIENT_ID = 'passerelle-archive-reader';
const CLIENT_SECRET = 'client-Secret-3Hv';
// The provider counts in whole seconds (exp = floor(now) + ttl): a token lives between ttl - 1 and ttl seconds.
const TOKEN_TTL_S = 3;

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: http.Server | undefined) =>
  new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('client credentials towards an archive', () => {
  let provider: Provider;
  let idp: { server: http.Server; url: string };
  let archive: { server: http.Server; url: string };
  let tokenRequests = 0;
  /** The bearer tokens the archive received, in order. */
  const presented: string[] = [];

  beforeAll(async () => {
    // The provider's issuer is its own address: listen first, then attach it.
    let callback: http.RequestListener = (_req, res) => res.writeHead(503).end();
    idp = await listen((req, res) => {
      if (req.method === 'POST' && req.url === '/token') tokenRequests += 1;
      callback(req, res);
    });
    provider = new Provider(idp.url, {
      clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, grant_types: ['client_credentials'], redirect_uris: [], response_types: [], scope: 'dicomweb' }],
      features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
      scopes: ['dicomweb'],
      ttl: { ClientCredentials: TOKEN_TTL_S },
    });
    callback = provider.callback();
    archive = await listen((req, res) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (token) presented.push(token);
      void (token ? provider.ClientCredentials.find(token) : Promise.resolve(undefined)).then((found) => {
        // `/dicom-web/deny` refuses every token: an archive that does not accept this client at all.
        if (!found || found.isExpired || !found.scopes.has('dicomweb') || req.url?.startsWith('/dicom-web/deny')) {
          res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[]');
      });
    });
  });

  afterAll(async () => {
    await close(archive?.server);
    await close(idp?.server);
  });

  async function gatewayWith(credentials: Record<string, unknown>, env: Record<string, string> = { SYNTH_CLIENT_SECRET: CLIENT_SECRET }): Promise<FastifyInstance> {
    const result = validateRuntimeConfig({
      sites: [{ id: 'chu', name: 'CHU', dicomweb: `${archive.url}/dicom-web`, issuerOfPatientId: 'CHU', patientIdSystem: 'urn:oid:1.1', credentials }],
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const config: RuntimeConfig = result.config;
    const resolved = resolveUpstreamCredentials(config, { env, baseDir: '/' });
    if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
    return createGateway({ config, credentials: resolved.credentials });
  }

  const credentials = () => ({ type: 'client-credentials', clientId: CLIENT_ID, clientSecretEnv: 'SYNTH_CLIENT_SECRET', scope: 'dicomweb', tokenUrl: `${idp.url}/token` });
  const studies = (gateway: FastifyInstance) => gateway.inject({ url: '/sites/chu/dicom-web/studies', headers: { accept: 'application/dicom+json' } });

  it('fetches a token once for many requests, and a fresh one once it has expired', async () => {
    const gateway = await gatewayWith(credentials());
    try {
      tokenRequests = 0;
      presented.length = 0;
      const first = await Promise.all(Array.from({ length: 6 }, () => studies(gateway)));
      expect(first.map((answer) => answer.statusCode)).toEqual(Array(6).fill(200));
      expect((await studies(gateway)).statusCode).toBe(200);
      expect(tokenRequests).toBe(1);
      expect(new Set(presented).size).toBe(1);

      await new Promise((resolve) => setTimeout(resolve, TOKEN_TTL_S * 1000 + 200));
      expect((await studies(gateway)).statusCode).toBe(200);
      expect(tokenRequests).toBe(2);
      expect(new Set(presented).size).toBe(2);
      for (const answer of first) expect(answer.body).not.toContain(presented[0]);
    } finally {
      await gateway.close();
    }
  });

  it('asks for a fresh token once when the archive refuses the one it has, and says so when the fresh one is refused too', async () => {
    const gateway = await gatewayWith(credentials());
    try {
      expect((await studies(gateway)).statusCode).toBe(200);
      const before = tokenRequests;
      const revoked = presented.at(-1) as string;
      await (await provider.ClientCredentials.find(revoked))?.destroy();
      presented.length = 0;
      expect((await studies(gateway)).statusCode).toBe(200);
      expect(tokenRequests).toBe(before + 1);
      expect(presented[0]).toBe(revoked);
      expect(presented[1]).not.toBe(revoked);

      presented.length = 0;
      const refused = await gateway.inject({ url: '/sites/chu/dicom-web/deny', headers: { accept: 'application/dicom+json' } });
      expect(refused.statusCode).toBe(502);
      expect(refused.json()).toMatchObject({ error: "the archive of site chu refused Passerelle's credentials (HTTP 401)", credentialsRefused: true });
      expect(refused.headers['www-authenticate']).toBeUndefined();
      expect(presented).toHaveLength(2);
      expect(tokenRequests).toBe(before + 2);
    } finally {
      await gateway.close();
    }
  });

  it('a wrong client secret is a 502 naming the site and the server\'s error code, never the secret', async () => {
    const gateway = await gatewayWith(credentials(), { SYNTH_CLIENT_SECRET: 'wrong-Secret-0Aa' });
    try {
      const answer = await studies(gateway);
      expect(answer.statusCode).toBe(502);
      expect(answer.json()).toMatchObject({
        error: 'Passerelle could not authenticate to site chu: the token endpoint gave no access token: invalid_client (HTTP 401)',
        upstream: 'site chu',
        credentialsRefused: true,
      });
      expect(answer.body).not.toContain('wrong-Secret-0Aa');
      expect(answer.headers['www-authenticate']).toBeUndefined();
    } finally {
      await gateway.close();
    }
  });

  it('without tokenUrl, finds the token endpoint through the issuer\'s discovery document', async () => {
    const fetchToken = clientCredentialsFetcher({ type: 'client-credentials', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scope: 'dicomweb', issuer: idp.url }, 5000);
    const before = tokenRequests;
    const token = await fetchToken();
    expect(tokenRequests).toBe(before + 1);
    expect(token.expiresInS).toBe(TOKEN_TTL_S);
    expect((await provider.ClientCredentials.find(token.accessToken))?.clientId).toBe(CLIENT_ID);
  });
});
