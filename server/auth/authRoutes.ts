/**
 * The sign-in routes (README, "Sign-in"):
 * - `GET /auth/login?return=/path` starts the authorization code flow (PKCE, state, nonce) at the provider;
 * - `GET /auth/callback` finishes it, opens a session and returns to the path;
 * - `POST /auth/logout` (CSRF-protected) ends the session and sends the browser to the provider's end_session_endpoint;
 * - `GET /auth/session` tells the app who is signed in, with the CSRF token it sends on state-changing requests.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthConfig } from '../../src/domain/config/runtimeConfig.ts';
import { csrfTokenFor } from './csrf.ts';
import type { OidcClient } from './oidcClient.ts';
import { gatewayOrigin } from './requestOrigin.ts';
import { LOCAL_USER, type RequestUser } from './requestUser.ts';
import { safeReturnPath } from './returnPath.ts';
import { userFromClaims } from './roleMapping.ts';
import type { AuthKeys } from './sealing.ts';
import { serializeCookie, readCookie, type CookieNames } from './sessionCookie.ts';
import type { SessionService } from './sessions.ts';
import { SIGN_IN_TTL_SECONDS, openTransaction, sealTransaction } from './signInTransaction.ts';

export interface AuthRouteContext {
  auth?: AuthConfig;
  publicUrl: string | undefined;
  keys: AuthKeys;
  names: CookieNames;
  secure: boolean;
  client?: OidcClient;
  sessions?: SessionService;
  sessionIdOf(request: FastifyRequest): string | undefined;
  now(): number;
}

/** Where the provider sends the browser after sign-out (a page of the app that does not sign in again by itself). */
export const SIGNED_OUT_PATH = '/signed-out';

/** What `GET /auth/session` answers (the app's `useCurrentUser`). */
export interface SessionAnswer {
  id: string;
  name?: string;
  roles: readonly string[];
  organisation?: string;
  signedIn: boolean;
  csrfToken: string;
}

export function registerAuthRoutes(app: FastifyInstance, context: AuthRouteContext): void {
  const { names, secure } = context;
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get('/auth/session', async (request, reply) => {
    noStore(reply);
    if (!context.auth) return sessionAnswer(LOCAL_USER, csrfTokenFor(context.keys.csrf, 'local'));
    const sessionId = context.sessionIdOf(request);
    if (!request.user || !sessionId) return reply.code(401).send({ error: 'sign-in required' });
    return sessionAnswer(request.user, csrfTokenFor(context.keys.csrf, sessionId));
  });

  app.get('/auth/login', async (request, reply) => {
    noStore(reply);
    const returnPath = safeReturnPath((request.query as Record<string, unknown>).return);
    const { client } = context;
    if (!client) return reply.redirect(returnPath, 303);
    const redirectUri = `${gatewayOrigin(request, context.publicUrl)}/auth/callback`;
    let started;
    try {
      started = await client.startSignIn(redirectUri);
    } catch (error) {
      request.log.warn({ err: (error as Error).name }, 'identity provider unreachable');
      return problemPage(reply, 502, 'The identity provider cannot be reached. / Le fournisseur d’identité ne répond pas.', returnPath);
    }
    const transaction = sealTransaction(context.keys.sealing, { ...started.checks, returnPath, redirectUri, startedAt: context.now() });
    reply.header('set-cookie', serializeCookie(names.signIn, transaction, { secure, maxAgeSeconds: SIGN_IN_TTL_SECONDS }));
    return reply.redirect(started.url.href, 303);
  });

  app.get('/auth/callback', async (request, reply) => {
    noStore(reply);
    const { client, sessions } = context;
    if (!client || !sessions) return reply.redirect('/', 303);
    const transaction = openTransaction(context.keys.sealing, readCookie(request.headers.cookie, names.signIn), context.now());
    const clearSignIn = serializeCookie(names.signIn, '', { secure, maxAgeSeconds: 0 });
    if (!transaction) {
      reply.header('set-cookie', clearSignIn);
      return problemPage(reply, 400, 'This sign-in has expired or was started elsewhere. / Cette connexion a expiré ou a été commencée ailleurs.', '/');
    }
    const callbackUrl = new URL(transaction.redirectUri);
    callbackUrl.search = (request.raw.url ?? '').split('?').slice(1).join('?');
    let sessionId: string;
    try {
      const { claims, tokens } = await client.finishSignIn(callbackUrl, transaction);
      const user = userFromClaims(claims, context.auth ?? {});
      const previous = readCookie(request.headers.cookie, names.session);
      // A new id at each sign-in (no session fixation); a session this browser held before ends here.
      if (previous && /^[A-Za-z0-9_-]{43}$/.test(previous)) await sessions.end(previous);
      sessionId = await sessions.create(user, tokens);
    } catch (error) {
      request.log.warn({ err: (error as Error).name }, 'sign-in refused');
      reply.header('set-cookie', clearSignIn);
      return problemPage(reply, 403, 'Sign-in was refused. / La connexion a été refusée.', transaction.returnPath);
    }
    reply.header('set-cookie', [clearSignIn, serializeCookie(names.session, sessionId, { secure })]);
    return reply.redirect(transaction.returnPath, 303);
  });

  app.post('/auth/logout', async (request, reply) => {
    noStore(reply);
    const origin = gatewayOrigin(request, context.publicUrl);
    const sessionId = context.sessionIdOf(request);
    const tokens = sessionId && context.sessions ? await context.sessions.end(sessionId) : undefined;
    reply.header('set-cookie', serializeCookie(names.session, '', { secure, maxAgeSeconds: 0 }));
    let target: string = SIGNED_OUT_PATH;
    if (context.client) {
      // RP-initiated logout: the provider ends its own session too, then comes back to the signed-out page.
      const endSession = await context.client.endSessionUrl(tokens?.idToken, `${origin}${SIGNED_OUT_PATH}`).catch(() => undefined);
      if (endSession) target = endSession.href;
    }
    return reply.redirect(target, 303);
  });
}

function sessionAnswer(user: RequestUser, csrfToken: string): SessionAnswer {
  return {
    id: user.id,
    ...(user.name !== undefined ? { name: user.name } : {}),
    roles: user.roles,
    ...(user.organisation !== undefined ? { organisation: user.organisation } : {}),
    signedIn: user.signedIn,
    csrfToken,
  };
}

/** A short page of its own (the app's CSP allows it: no script, no style). */
function problemPage(reply: FastifyReply, status: number, message: string, retryPath: string) {
  const retry = `/auth/login?return=${encodeURIComponent(retryPath)}`;
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html><head><title>Passerelle</title></head><body><p>${escape(message)}</p><p><a href="${escape(retry)}">Sign in again / Se connecter à nouveau</a></p></body></html>`);
}
