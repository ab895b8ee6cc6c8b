/**
 * multipart/related payloads (RFC 2387, PS3.18 §8.6.1.2) produced as a stream: each part is read only when the
 * client is ready for it, so a series of hundreds of frames or files never sits whole in memory. The length is
 * known beforehand (every part declares its size), so the response carries a Content-Length.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export interface MultipartPart {
  contentType: string;
  contentLocation?: string;
  /** Exact byte length of the body. */
  length: number;
  /** The body: a buffer, or a stream of exactly `length` bytes. */
  open: () => Promise<Buffer> | Readable;
}

/** A boundary that looks random (RFC 2046 §5.1.1) yet is the same for the same seed, e.g. the request URL. */
export function multipartBoundary(seed: string): string {
  return `passerelle-${createHash('sha256').update(seed).digest('hex').slice(0, 32)}`;
}

function partHeader(boundary: string, part: MultipartPart): Buffer {
  const lines = [`--${boundary}`, `Content-Type: ${part.contentType}`];
  if (part.contentLocation) lines.push(`Content-Location: ${part.contentLocation}`);
  lines.push(`Content-Length: ${part.length}`, '', '');
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

const CRLF = Buffer.from('\r\n');

/** Total byte length of the payload that `multipartStream` produces. */
export function multipartLength(boundary: string, parts: readonly MultipartPart[]): number {
  const closing = Buffer.byteLength(`--${boundary}--\r\n`);
  return parts.reduce((sum, part) => sum + partHeader(boundary, part).length + part.length + CRLF.length, closing);
}

export function multipartStream(boundary: string, parts: readonly MultipartPart[]): Readable {
  async function* generate(): AsyncGenerator<Buffer> {
    for (const part of parts) {
      yield partHeader(boundary, part);
      const body = part.open();
      if (body instanceof Readable) {
        for await (const chunk of body) yield chunk as Buffer;
      } else yield await body;
      yield CRLF;
    }
    yield Buffer.from(`--${boundary}--\r\n`, 'latin1');
  }
  return Readable.from(generate(), { objectMode: false });
}

/** Content-Type of a multipart/related payload: the root type, optional transfer syntax, and the boundary. */
export function multipartContentType(boundary: string, type: string, transferSyntax?: string): string {
  return `multipart/related; type="${type}"${transferSyntax ? `; transfer-syntax=${transferSyntax}` : ''}; boundary=${boundary}`;
}

/** Sends `parts` as a streamed multipart/related response with its Content-Length. */
export function replyMultipart(
  reply: FastifyReply,
  seed: string,
  rootType: string,
  transferSyntax: string | undefined,
  parts: readonly MultipartPart[],
): FastifyReply {
  const boundary = multipartBoundary(seed);
  return reply
    .code(200)
    .header('content-type', multipartContentType(boundary, rootType, transferSyntax))
    .header('content-length', String(multipartLength(boundary, parts)))
    .send(multipartStream(boundary, parts));
}
