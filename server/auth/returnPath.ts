/**
 * Where sign-in sends the user back to (`GET /auth/login?return=…`): a path of this origin only, so the sign-in
 * route cannot be used to send a user elsewhere (an open redirect, OWASP "Unvalidated Redirects and Forwards").
 */
export const DEFAULT_RETURN_PATH = '/';

const MAX_RETURN_LENGTH = 2048;

/** The path to return to after sign-in, or `/` when `value` is absent or anything but a same-origin path. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_RETURN_LENGTH) return DEFAULT_RETURN_PATH;
  // One leading slash, then not a second slash or a backslash (`//evil`, `/\evil` are other hosts to a browser).
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return DEFAULT_RETURN_PATH;
  // Browsers drop tabs and newlines from URLs and read a backslash as a slash: refuse them anywhere.
  if ([...value].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return DEFAULT_RETURN_PATH;
  // The final word is the URL parser's: resolved against a placeholder origin, the path must stay on it.
  try {
    const base = new URL('http://passerelle.invalid');
    const resolved = new URL(value, base);
    if (resolved.origin !== base.origin) return DEFAULT_RETURN_PATH;
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return DEFAULT_RETURN_PATH;
  }
}
