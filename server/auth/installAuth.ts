/**
 * Sign-in and authorization at the gateway (contract §5): who each request is (`request.user`, from the session
 * cookie when `auth` is configured, the local user otherwise), what its path needs (accessRules.ts: 401 without a
 * user, 403 without the role, before any route runs), CSRF on every state-changing request, and the `/auth/*` routes.
 * Routes added later get all of it without doing anything.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import type { AppDatabase } from '../db/databaseSchema.ts';
import { accessFor, refusal, sendRefusal } from './accessRules.ts';
import { registerAuthRoutes, type AuthRouteContext } from './authRoutes.ts';
import { CSRF_FIELD, CSRF_HEADER, checkCsrf, csrfTokenFor, isStateChanging } from './csrf.ts';
import { createOidcClient } from './oidcClient.ts';
import { gatewayOrigin, isLoopbackHost } from './requestOrigin.ts';
import { LOCAL_USER } from './requestUser.ts';
import { userFromClaims } from './roleMapping.ts';
import { deriveAuthKeys, randomAuthKeys } from './sealing.ts';
import { cookieNames, readCookie } from './sessionCookie.ts';
import { sessionTimeouts } from './sessionLifetime.ts';
import { createSessionService } from './sessions.ts';
import { cachedSessions } from './sessionCache.ts';

export interface InstallAuthOptions {
  config: RuntimeConfig;
  db?: AppDatabase | undefined;
  /** The gateway's OpenID Connect client secret (see clientSecret.ts); required with `auth`. */
  clientSecret?: string | undefined;
  now?: (() => number) | undefined;
  log?: ((line: string) => void) | undefined;
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export async function installAuth(app: FastifyInstance, options: InstallAuthOptions): Promise<void> {
  const { config } = options;
  const auth = config.auth;
  const now = options.now ?? Date.now;
  const secure = config.publicUrl?.startsWith('https:') ?? false;
  const names = cookieNames(secure);
  const sessionIds = new WeakMap<FastifyRequest, string>();

  let context: AuthRouteContext;
  if (auth) {
    if (!options.clientSecret) throw new Error('auth: the gateway has no client secret (auth.clientSecretEnv)');
    if (!options.db) throw new Error('auth: sessions need the database');
    const keys = deriveAuthKeys(options.clientSecret);
    const client = createOidcClient(auth, options.clientSecret);
    const stored = createSessionService({
      db: options.db,
      sealingKey: keys.sealing,
      client,
      timeouts: sessionTimeouts(auth),
      userFromClaims: (claims) => userFromClaims(claims, auth),
      now,
      ...(options.log ? { log: options.log } : {}),
    });
    const sessions = cachedSessions(stored, { now });
    context = { auth, publicUrl: config.publicUrl, keys, names, secure, client, sessions, sessionIdOf: (request) => sessionIds.get(request), now };
  } else {
    context = { publicUrl: config.publicUrl, keys: randomAuthKeys(), names, secure, sessionIdOf: () => undefined, now };
  }

  app.addHook('onRequest', async (request, reply) => {
    if (!auth) {
      // Loopback only: a page of another site that rebinds its name to 127.0.0.1 reaches us under its own Host.
      if (!isLoopbackHost(request.headers.host)) return reply.code(421).header('cache-control', 'no-store').send({ error: 'this server answers on its loopback address only' });
      request.user = LOCAL_USER;
      return;
    }
    const sessionId = readCookie(request.headers.cookie, names.session);
    if (sessionId && SESSION_ID.test(sessionId) && context.sessions) {
      const user = await context.sessions.resolve(sessionId);
      if (user) {
        request.user = user;
        sessionIds.set(request, sessionId);
      }
    }
    if (request.routeOptions.config?.access === 'bearer') return;
    const refused = refusal(request, accessFor((request.raw.url ?? '/').split('?')[0] ?? '/'));
    if (refused) return sendRefusal(reply, refused);
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!isStateChanging(request.method)) return;
    const sessionId = sessionIds.get(request);
    // A machine client's bearer token is no ambient credential: a page of another site cannot make a browser add it.
    if (sessionId === undefined && request.headers.authorization !== undefined && request.routeOptions.config?.access === 'bearer') return;
    const headerToken = request.headers[CSRF_HEADER];
    const body = request.body as Record<string, unknown> | undefined;
    const token = typeof headerToken === 'string' ? headerToken : typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined;
    const verdict = checkCsrf(
      { origin: request.headers.origin, secFetchSite: firstHeader(request.headers['sec-fetch-site']), token },
      // Without a session there is nothing to forge: the origin alone is checked (and, without auth, the loopback Host).
      { origins: [gatewayOrigin(request, config.publicUrl)], token: sessionId === undefined ? undefined : csrfTokenFor(context.keys.csrf, sessionId) },
    );
    if (!verdict.ok) return reply.code(403).header('cache-control', 'no-store').send({ error: `refused: ${verdict.reason}` });
  });

  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }
  registerAuthRoutes(app, context);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
