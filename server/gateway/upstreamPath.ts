/**
 * Turns the part of a request path after a proxy prefix into an upstream URL, refusing every path trick:
 * dot segments (plain or percent-encoded), encoded slashes or backslashes, empty segments (`//`, which would
 * let an absolute URL ride in the path) and control characters. The result always stays under `base`.
 */
export type UpstreamPathResult = { ok: true; url: URL } | { ok: false; reason: string };

const FORBIDDEN_ENCODINGS = /%(2f|5c|00)/i;

export function upstreamUrlFor(base: string, rawRest: string, rawQuery: string): UpstreamPathResult {
  if ([...rawRest].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return { ok: false, reason: 'control character or backslash in path' };
  }
  if (FORBIDDEN_ENCODINGS.test(rawRest)) return { ok: false, reason: 'encoded slash in path' };
  const segments = rawRest === '' ? [] : rawRest.split('/');
  for (const segment of segments) {
    if (segment === '') return { ok: false, reason: 'empty path segment' };
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { ok: false, reason: 'malformed percent-encoding in path' };
    }
    if (decoded === '.' || decoded === '..') return { ok: false, reason: 'dot segment in path' };
  }
  const baseUrl = new URL(base);
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const url = new URL(baseUrl.origin);
  url.pathname = segments.length === 0 ? basePath || '/' : `${basePath}/${segments.join('/')}`;
  url.search = rawQuery === '' ? '' : `?${rawQuery}`;
  if (url.origin !== baseUrl.origin || !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`) || basePath === '')) {
    return { ok: false, reason: 'path leaves the upstream root' };
  }
  return { ok: true, url };
}

/** Splits a raw request URL (`/a/b?c`) into its path and query without decoding either. */
export function splitRawUrl(rawUrl: string): { path: string; query: string } {
  const mark = rawUrl.indexOf('?');
  return mark === -1 ? { path: rawUrl, query: '' } : { path: rawUrl.slice(0, mark), query: rawUrl.slice(mark + 1) };
}
