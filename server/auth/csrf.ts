/**
 * Cross-site request forgery defence for every state-changing request (POST, PUT, PATCH, DELETE), as OWASP's CSRF
 * cheat sheet recommends in depth: a per-session token the page sends in the `X-Passerelle-CSRF` header (or, for a
 * form the page submits, a `csrf` field), plus the browser's own word on where the request comes from (`Origin`,
 * then `Sec-Fetch-Site`). The token is an HMAC of the session id, so every gateway instance checks it without
 * storing it.
 */
import { equalStrings, mac } from './sealing.ts';

/** The header the app sends the token in (its value comes from `GET /auth/session`). */
export const CSRF_HEADER = 'x-passerelle-csrf';
/** The form field a page-built form posts the token in (`POST /auth/logout`). */
export const CSRF_FIELD = 'csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The token of a session (or of the local user, `local`, without sign-in). */
export function csrfTokenFor(key: Buffer, sessionId: string): string {
  return mac(key, `csrf:${sessionId}`);
}

export interface CsrfEvidence {
  origin?: string | undefined;
  secFetchSite?: string | undefined;
  token?: string | undefined;
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a state-changing request is the app's own: right origin (when the browser says) and the right token.
 * `token` undefined: no ambient credential to forge (no session), so only the origin is checked.
 */
export function checkCsrf(evidence: CsrfEvidence, expected: { origins: readonly string[]; token: string | undefined }): CsrfVerdict {
  // Sec-Fetch-Site is the browser's own word and cannot be set by a page. Origin is `null` on the app's own form
  // posts (the gateway's Referrer-Policy is no-referrer), so `null` counts only where Sec-Fetch-Site vouches.
  if (evidence.secFetchSite !== undefined && evidence.secFetchSite !== 'same-origin') {
    return { ok: false, reason: `cross-origin request (Sec-Fetch-Site ${evidence.secFetchSite})` };
  }
  const vouched = evidence.secFetchSite === 'same-origin' && evidence.origin === 'null';
  if (evidence.origin !== undefined && !vouched && !expected.origins.includes(evidence.origin)) {
    return { ok: false, reason: `cross-origin request (Origin ${evidence.origin})` };
  }
  if (expected.token === undefined) return { ok: true };
  if (!evidence.token) return { ok: false, reason: 'CSRF token missing' };
  if (!equalStrings(evidence.token, expected.token)) return { ok: false, reason: 'CSRF token does not match this session' };
  return { ok: true };
}
