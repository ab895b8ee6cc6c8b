/**
 * The cookies of sign-in: the session cookie (a random id, nothing else) and the short-lived sealed sign-in
 * transaction. Both HttpOnly, so page scripts never see them, and `__Host-` prefixed when Passerelle is served over
 * https (Secure, Path=/, no Domain: no other host or path can set or shadow them; RFC 6265bis §4.1.3.2).
 *
 * SameSite=Lax, not Strict: the browser comes back from the identity provider's page (another site) to
 * `/auth/callback`, and users open IHE Invoke Image Display links from an EHR (another site) as top-level
 * navigations. With Strict neither request would carry the cookie: the callback would lose its transaction and a
 * signed-in user following a launch link would be sent to sign in again. Lax still keeps the cookie off cross-site
 * subrequests and cross-site POSTs, and state-changing routes check a CSRF token besides (csrf.ts).
 */
export interface CookieNames {
  session: string;
  signIn: string;
}

export function cookieNames(secure: boolean): CookieNames {
  return secure
    ? { session: '__Host-passerelle-session', signIn: '__Host-passerelle-signin' }
    : { session: 'passerelle-session', signIn: 'passerelle-signin' };
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 deletes the cookie; absent makes a browser-session cookie. */
  maxAgeSeconds?: number;
}

const COOKIE_VALUE = /^[A-Za-z0-9_.~-]*$/;

/** A `Set-Cookie` value. Only base64url-like values are written, so nothing needs quoting. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  if (!COOKIE_VALUE.test(value)) throw new Error(`cookie ${name}: value outside base64url`);
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  return parts.join('; ');
}

/** The value of cookie `name` in a `Cookie` header; the first one when sent twice. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const index = pair.indexOf('=');
    if (index < 0) continue;
    if (pair.slice(0, index).trim() === name) return pair.slice(index + 1).trim();
  }
  return undefined;
}
