/**
 * The Accept header (RFC 9110 §12.5.1) as PS3.18 §8.7.5 uses it: a list of media ranges, each with parameters
 * (`type` and `transfer-syntax` for multipart/related, PS3.18 §8.7.3.5) and a quality `q`; the Acceptable Media
 * Types are tried from the highest quality down, in header order among equal qualities.
 */

export interface MediaRange {
  /** Lower-case `type/subtype`, e.g. `multipart/related`. */
  mediaType: string;
  /** Parameter names in lower case, values unquoted. */
  params: Record<string, string>;
  q: number;
}

/** Splits `text` on `separator` outside double-quoted strings. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (char === '"') quoted = !quoted;
    if (char === '\\' && quoted) {
      current += char + (text[index + 1] ?? '');
      index += 1;
      continue;
    }
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  return trimmed;
}

export function parseMediaRange(text: string): MediaRange | undefined {
  const [head, ...rawParams] = splitOutsideQuotes(text, ';');
  const mediaType = (head ?? '').trim().toLowerCase();
  if (!/^[^\s/]+\/[^\s/]+$/.test(mediaType)) return undefined;
  const params: Record<string, string> = {};
  let q = 1;
  for (const raw of rawParams) {
    const equals = raw.indexOf('=');
    if (equals < 0) continue;
    const name = raw.slice(0, equals).trim().toLowerCase();
    const value = unquote(raw.slice(equals + 1));
    if (name === 'q') {
      const quality = Number(value);
      q = Number.isFinite(quality) ? Math.min(1, Math.max(0, quality)) : 1;
    } else params[name] = name === 'type' ? value.toLowerCase() : value;
  }
  return { mediaType, params, q };
}

/** Acceptable media ranges, best first; an absent or empty header accepts anything. Ranges with q=0 are dropped. */
export function parseAccept(header: string | readonly string[] | undefined): MediaRange[] {
  const text = Array.isArray(header) ? header.join(',') : (header as string | undefined);
  if (!text || !text.trim()) return [{ mediaType: '*/*', params: {}, q: 1 }];
  const ranges = splitOutsideQuotes(text, ',')
    .map(parseMediaRange)
    .filter((range): range is MediaRange => range !== undefined && range.q > 0);
  return ranges
    .map((range, order) => ({ range, order }))
    .sort((a, b) => b.range.q - a.range.q || a.order - b.order)
    .map(({ range }) => range);
}

/** Whether `range` (possibly `*\/*` or `type/*`) covers the concrete `mediaType`. */
export function rangeCovers(range: MediaRange, mediaType: string): boolean {
  if (range.mediaType === '*/*') return true;
  const [type, subtype] = range.mediaType.split('/');
  return subtype === '*' ? mediaType.startsWith(`${type}/`) : range.mediaType === mediaType;
}
