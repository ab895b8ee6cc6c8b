/**
 * Streams one GET/HEAD request to an upstream (a site's DICOMweb root or the PIXm base) and its answer back.
 * Bodies are piped, never buffered: a multipart answer of hundreds of megabytes passes through in chunks.
 * The per-upstream timeout covers the wait for the answer and any silence while its body streams.
 */
import http from 'node:http';
import https from 'node:https';
import type { FastifyReply, FastifyRequest } from 'fastify';

const FORWARDED_REQUEST_HEADERS = ['accept', 'range', 'if-none-match', 'if-modified-since', 'if-range'] as const;
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-range',
  'content-location',
  'accept-ranges',
  'etag',
  'last-modified',
  'warning',
] as const;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface ProxyTarget {
  /** Who answers, in words, for error messages ("site chu-dijon", "identity service"). */
  label: string;
  url: URL;
  timeoutMs: number;
}

export function proxyRequest(request: FastifyRequest, reply: FastifyReply, target: ProxyTarget): Promise<void> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const transport = target.url.protocol === 'https:' ? https : http;
  const agent = target.url.protocol === 'https:' ? agents['https:'] : agents['http:'];

  return new Promise<void>((resolve) => {
    let settled = false;
    const fail = (status: number, message: string) => {
      if (settled) return;
      settled = true;
      if (!reply.sent && !reply.raw.headersSent) {
        reply.code(status).header('cache-control', 'no-store').send({ error: message, upstream: target.label });
      } else {
        reply.raw.destroy();
      }
      resolve();
    };

    const upstream = transport.request(target.url, { method: request.method, headers, agent }, (answer) => {
      if (settled) {
        answer.destroy();
        return;
      }
      settled = true;
      reply.code(answer.statusCode ?? 502);
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = answer.headers[name];
        if (value !== undefined) reply.header(name, value);
      }
      reply.header('cache-control', 'no-store');
      answer.on('error', () => reply.raw.destroy());
      reply.send(answer);
      resolve();
    });

    upstream.setTimeout(target.timeoutMs, () => {
      fail(504, `${target.label} did not answer within ${target.timeoutMs} ms`);
      upstream.destroy(new Error('timeout'));
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ? ` (${error.code})` : '';
      fail(502, `${target.label} is unreachable${code}`);
    });
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) upstream.destroy();
    });
    upstream.end();
  });
}
