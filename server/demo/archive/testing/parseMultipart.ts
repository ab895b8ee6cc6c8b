/**
 * Test helper: splits a multipart/related body (RFC 2046 §5.1.1) into its parts, with lower-cased header names.
 */

export interface ParsedPart {
  headers: Record<string, string>;
  body: Buffer;
}

export function boundaryOf(contentType: string | null): string {
  const match = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  if (!match?.[1]) throw new Error(`no boundary in "${contentType ?? ''}"`);
  return match[1];
}

export function parseMultipart(body: Buffer, contentType: string | null): ParsedPart[] {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: ParsedPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('no first boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    if (body.subarray(at, at + 2).toString() !== '\r\n') throw new Error(`malformed boundary line at ${at}`);
    const headerEnd = body.indexOf('\r\n\r\n', at + 2);
    if (headerEnd < 0) throw new Error('unterminated part headers');
    const headers: Record<string, string> = {};
    for (const line of body.subarray(at + 2, headerEnd).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new Error('unterminated part body');
    parts.push({ headers, body: body.subarray(headerEnd + 4, next) });
    at = next + 2;
  }
}
