/**
 * The gateway: serves the built app with SPA fallback, the browser's view of the configuration, and the
 * same-origin proxies `/sites/{id}/dicom-web/...` and `/identity/pixm/...` (deployment contract §2), each
 * upstream behind its own concurrency bound and circuit breaker (`upstreamGuard.ts`). It proxies nowhere else.
 * With `identity.manager`, it also serves the identity cross-reference manager under `/identity/fhir`
 * (server/identity, contract §6).
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { DEFAULT_SITE_TIMEOUT_MS, type RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { toPublicConfig } from '../../src/domain/config/publicConfig.ts';
import type { AppDatabase } from '../db/databaseSchema.ts';
import type { AuditTrail } from '../audit/startAuditTrail.ts';
import { installAuth } from '../auth/installAuth.ts';
import { createBearerTokenVerifier } from '../auth/bearerTokens.ts';
import { createIdentityManager, type IdentityManager } from '../identity/identityManager.ts';
import type { Matcher } from '../identity/matcher.ts';
import { registerIdentityRoutes } from '../identity/identityRoutes.ts';
import { registerReviewRoutes } from '../identity/reviewRoutes.ts';
import { createIdentityHarvest, type IdentityHarvest } from '../identity/harvest/identityHarvest.ts';
import { registerHarvestRoutes } from '../identity/harvest/harvestRoutes.ts';
import { auditAccess } from './auditAccess.ts';
import { auditEventRoute } from './auditEventRoute.ts';
import { securityHeadersFor } from './securityHeaders.ts';
import { createUpstreamGuard, guardedProxy, type UpstreamGuard } from './upstreamGuard.ts';
import { splitRawUrl, upstreamUrlFor } from './upstreamPath.ts';
import { upstreamAuthorization } from './upstreamAuthorization.ts';
import { resolveUpstreamCredentials, type UpstreamCredentials } from './upstreamCredentials.ts';

export interface GatewayOptions {
  config: RuntimeConfig;
  /** Folder of the built app (`dist/`); without it only the API routes answer. */
  staticDir?: string;
  logger?: boolean;
  /** The circuit breakers' clock (tests drive it; default `Date.now`). */
  now?: () => number;
  /** Passerelle's database (sessions, audit trail); opened and migrated by the caller. */
  db?: AppDatabase;
  /** The audit trail the gateway writes every access to patient data into. */
  audit?: AuditTrail;
  /**
   * The upstreams' credentials, secrets read (`upstreamCredentials.ts`); without them, read now from the
   * environment (`…File` relative to the working folder), and a missing one throws.
   */
  credentials?: UpstreamCredentials;
  /** With `auth`: the gateway's OpenID Connect client secret (server/auth/clientSecret.ts reads it from the environment). */
  clientSecret?: string;
  /** With `identity.manager`: the matcher its feeds run (default: the probabilistic matcher, server/identity/probabilisticMatcher.ts). */
  identityMatcher?: Matcher;
}

const SITE_PREFIX = /^\/sites\/([^/]*)\/dicom-web(\/.*)?$/;
const IDENTITY_PREFIX = /^\/identity\/pixm(\/.*)?$/;
const IDENTITY_TIMEOUT_MS = 5000;
const STATIC_FILE = /\.(js|mjs|css|map|svg|png|jpe?g|gif|ico|webp|wasm|json|txt|woff2?|ttf|html)$/i;

export async function createGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({ logger: options.logger ?? false, routerOptions: { maxParamLength: 2000 } });
  const sites = new Map(config.sites.map((site) => [site.id, site]));
  const credentials = options.credentials ?? credentialsFromEnvironment(config);
  // One guard per upstream for the gateway's whole life: its slots, its circuit and its token are shared by every user.
  const siteGuards = new Map(
    config.sites.map((site) => {
      const timeoutMs = site.timeoutMs ?? DEFAULT_SITE_TIMEOUT_MS;
      const credential = credentials.sites.get(site.id);
      const access = { kind: 'archive' as const, authorization: credential ? upstreamAuthorization(credential, timeoutMs) : undefined };
      return [site.id, createUpstreamGuard(`site ${site.id}`, timeoutMs, site, options.now, access)];
    }),
  );
  const identityAccess = {
    kind: 'identity service' as const,
    authorization: credentials.identity ? upstreamAuthorization(credentials.identity, IDENTITY_TIMEOUT_MS) : undefined,
  };
  const identityGuard = createUpstreamGuard('identity service', IDENTITY_TIMEOUT_MS, config.identity ?? {}, options.now, identityAccess);
  const publicConfig = toPublicConfig(config, DEFAULT_SITE_TIMEOUT_MS);

  const headers = securityHeadersFor(config.auth ? new URL(config.auth.issuer).origin : undefined);
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  // Who asks (request.user), 401/403 for patient data, CSRF, and the /auth/* routes (server/auth).
  await installAuth(app, { config, db: options.db, clientSecret: options.clientSecret, now: options.now });

  // The trail: every access to patient data is recorded, and views are refused while it cannot be written.
  if (options.audit) auditAccess(app, { audit: options.audit, sites, guards: siteGuards });
  if (options.db) auditEventRoute(app, { db: options.db, publicUrl: config.publicUrl });

  // The identity cross-reference manager (contract §6), with its own FHIR routes under /identity/fhir.
  if (config.identity?.manager) {
    if (!options.db) throw new Error('identity.manager: the identity cross-reference manager needs the database');
    const manager: IdentityManager = createIdentityManager({ db: options.db, sites: config.sites, ...(options.identityMatcher ? { matcher: options.identityMatcher } : {}) });
    // The weights learnt before a restart, before the first feed (migration 0005).
    await manager.loadWeights();
    app.decorate('identityManager', manager);
    // The first PIXm look-ups would otherwise wait for the whole cross-reference table to be read; a failure here
    // is not fatal: the next look-up reads it again.
    await manager.warm().catch((error: unknown) => app.log.warn({ err: (error as Error).message }, 'identity cross-reference table not read at start'));
    const bearer = config.auth && options.clientSecret ? createBearerTokenVerifier(config.auth, options.clientSecret) : undefined;
    // The identity officer's review of the manager's possible matches and links (identity-officer only).
    await registerReviewRoutes(app, { db: options.db, matcher: () => manager.matcher, audit: options.audit });
    // The harvest reads the archives through the same guards as the browsers' requests (their slots, circuit and credential).
    const harvestConfig = config.identity.manager.harvest;
    const harvestSiteIds = harvestConfig?.sites ?? config.sites.map((site) => site.id);
    const harvest: IdentityHarvest = createIdentityHarvest({
      db: options.db,
      manager,
      sites: config.sites
        .filter((site) => harvestSiteIds.includes(site.id))
        .map((site) => ({ id: site.id, issuerOfPatientId: site.issuerOfPatientId, patientIdSystem: site.patientIdSystem, dicomweb: site.dicomweb, guard: siteGuards.get(site.id) as UpstreamGuard })),
      ...(harvestConfig?.everyMinutes !== undefined ? { everyMinutes: harvestConfig.everyMinutes } : {}),
      ...(harvestConfig?.pageSize !== undefined ? { pageSize: harvestConfig.pageSize } : {}),
      audit: options.audit,
    });
    // While the configured harvest first reads the archives, the manager's answers would be incomplete: 503 meanwhile.
    await registerIdentityRoutes(app, { manager, audit: options.audit, bearer, publicUrl: config.publicUrl, learning: harvestConfig ? () => harvest.learning() : undefined });
    registerHarvestRoutes(app, harvest);
    app.decorate('identityHarvest', harvest);
    app.addHook('onReady', async () => harvest.start());
    app.addHook('onClose', async () => harvest.stop());
  }

  app.get('/config.json', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return publicConfig;
  });

  const proxy = async (request: FastifyRequest, reply: FastifyReply) => {
    const { path: rawPath, query } = splitRawUrl(request.raw.url ?? '/');
    const siteMatch = SITE_PREFIX.exec(rawPath);
    if (siteMatch) {
      const site = sites.get(siteMatch[1] ?? '');
      const guard = siteGuards.get(siteMatch[1] ?? '');
      if (!site || !guard) return notFound(reply, `unknown site "${siteMatch[1] ?? ''}"`);
      return forward(request, reply, site.dicomweb, siteMatch[2] ?? '', query, guard);
    }
    const identityMatch = IDENTITY_PREFIX.exec(rawPath);
    if (identityMatch) {
      const pixm = config.identity?.pixm;
      if (!pixm) return notFound(reply, 'no identity service is configured');
      return forward(request, reply, pixm, identityMatch[1] ?? '', query, identityGuard);
    }
    return notFound(reply, 'not found');
  };
  for (const url of ['/sites/*', '/identity/*']) {
    app.route({ method: ['GET', 'HEAD'], url, handler: proxy });
    app.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url,
      handler: async (_request, reply) => reply.code(405).header('allow', 'GET, HEAD').send({ error: 'method not allowed' }),
    });
  }

  const indexHtml = options.staticDir ? path.join(options.staticDir, 'index.html') : undefined;
  if (options.staticDir && indexHtml && fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, {
      root: options.staticDir,
      wildcard: false,
      index: false,
      // @fastify/static 10 hands the Fastify reply to setHeaders.
      setHeaders: (reply: FastifyReply, filePath: string) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.setNotFoundHandler((request, reply) => {
      const { path: rawPath } = splitRawUrl(request.raw.url ?? '/');
      // Routes end in study UIDs (`…/1.2.840.113619`): only real file types count as missing files.
      const isAsset = rawPath.startsWith('/assets/') || STATIC_FILE.test(rawPath);
      if ((request.method === 'GET' || request.method === 'HEAD') && !isAsset) {
        reply.header('cache-control', 'no-cache');
        return reply.sendFile('index.html');
      }
      return notFound(reply, 'not found');
    });
  } else {
    app.setNotFoundHandler((_request, reply) => notFound(reply, 'not found'));
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** With `identity.manager`: the harvest of the archives (server/identity/harvest), for the server's start and the tests. */
    identityHarvest?: IdentityHarvest;
    /** With `identity.manager`: the manager itself (server/identity/identityManager.ts), for the server's start and the tests. */
    identityManager?: IdentityManager;
  }
}

function credentialsFromEnvironment(config: RuntimeConfig): UpstreamCredentials {
  const resolved = resolveUpstreamCredentials(config, { env: process.env, baseDir: process.cwd() });
  if (!resolved.ok) throw new Error(`upstream credentials: ${resolved.errors.join('; ')}`);
  return resolved.credentials;
}

function notFound(reply: FastifyReply, message: string) {
  return reply.code(404).header('cache-control', 'no-store').send({ error: message });
}

async function forward(
  request: FastifyRequest,
  reply: FastifyReply,
  base: string,
  rest: string,
  query: string,
  guard: UpstreamGuard,
) {
  const target = upstreamUrlFor(base, rest.replace(/^\//, ''), query);
  if (!target.ok) {
    return reply.code(400).header('cache-control', 'no-store').send({ error: `refused: ${target.reason}` });
  }
  await guardedProxy(request, reply, guard, target.url);
  return reply;
}
