/**
 * The first part of a `multipart/related` answer (RFC 2387), as WADO-RS sends bulk data (PS3.18 §8.7.3.3.2:
 * Orthanc's DICOMweb plugin answers bulk data only as multipart). A single-part answer is returned as it is.
 */

/** The `boundary` parameter of a Content-Type, quotes removed; `undefined` when it is not multipart. */
export function multipartBoundary(contentType: string | null | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*("([^"]+)"|[^;\s]+)/i.exec(contentType);
  const boundary = match?.[2] ?? match?.[1];
  return boundary && boundary.length <= 200 ? boundary : undefined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (let index = from; index <= last; index += 1) {
    if (haystack[index] !== first) continue;
    for (let offset = 1; offset < needle.length; offset += 1) {
      if (haystack[index + offset] !== needle[offset]) continue outer;
    }
    return index;
  }
  return -1;
}

const CRLF_CRLF = new Uint8Array([13, 10, 13, 10]);

/** The value of the header `name` among a part's header lines (RFC 2045 §5; names are case-insensitive). */
function partHeader(lines: readonly string[], name: string): string | undefined {
  const line = lines.find((candidate) => candidate.toLowerCase().startsWith(`${name}:`));
  return line?.slice(line.indexOf(':') + 1).trim();
}

function startsAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at < 0 || at + needle.length > haystack.length) return false;
  for (let offset = 0; offset < needle.length; offset += 1) if (haystack[at + offset] !== needle[offset]) return false;
  return true;
}

/**
 * The body of the first part of `bytes` when `contentType` is multipart, else `bytes` itself; `undefined` when a
 * multipart body has no complete first part.
 */
export function firstPartBody(bytes: Uint8Array, contentType: string | null | undefined): Uint8Array | undefined {
  const boundary = multipartBoundary(contentType);
  if (boundary === undefined) return /^\s*multipart\//i.test(contentType ?? '') ? undefined : bytes;
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const start = indexOf(bytes, delimiter, 0);
  if (start < 0) return undefined;
  const headersEnd = indexOf(bytes, CRLF_CRLF, start + delimiter.length);
  if (headersEnd < 0) return undefined;
  const bodyStart = headersEnd + CRLF_CRLF.length;
  const closing = new TextEncoder().encode(`\r\n--${boundary}`);
  // A part that says its length, followed there by the next delimiter, is taken without reading its body;
  // otherwise the delimiter is searched for.
  const headers = new TextDecoder('latin1').decode(bytes.subarray(start + delimiter.length, headersEnd)).split('\r\n');
  const declared = Number(partHeader(headers, 'content-length') ?? Number.NaN);
  if (Number.isSafeInteger(declared) && declared >= 0 && startsAt(bytes, closing, bodyStart + declared)) return bytes.subarray(bodyStart, bodyStart + declared);
  const bodyEnd = indexOf(bytes, closing, bodyStart);
  return bodyEnd < 0 ? undefined : bytes.subarray(bodyStart, bodyEnd);
}
