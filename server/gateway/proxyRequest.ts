/**
 * Streams one GET/HEAD request to an upstream (a site's DICOMweb root or the PIXm base) and its answer back.
 * Bodies are piped, never buffered: a multipart answer of hundreds of megabytes passes through in chunks.
 * The per-upstream timeout covers the wait for the answer and any silence while its body streams.
 * How the exchange ended is reported once, for the upstream's circuit breaker.
 *
 * Only an allow-list of the browser's headers goes on: never its `Authorization` or `Cookie`, which are for
 * Passerelle. The upstream's own credential (`upstreamAuthorization.ts`) is added here, to its request only. An
 * upstream's 401 or 403 is not passed on as such (a browser would prompt for a password, or the page would take it
 * for its own sign-in lapsing): it becomes a 502 naming the upstream, after one retry with a fresh token where the
 * credential can renew one.
 */
import http from 'node:http';
import https from 'node:https';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { credentialsRefusedMessage, connectionFailure, isFailureStatus } from './upstreamFailure.ts';
import type { UpstreamAuthorization } from './upstreamAuthorization.ts';

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
  /** What it is, for messages. */
  kind: 'archive' | 'identity service';
  /** Its credential, when the configuration gives one. */
  authorization?: UpstreamAuthorization | undefined;
}

/**
 * How an exchange with the upstream ended: it answered (with a status that is not a failure, its body sent to
 * the end or until the client went away), it failed (see `upstreamFailure.ts`), or the client went away before
 * the upstream answered, which tells nothing about the upstream.
 */
export type UpstreamOutcome = { kind: 'answered'; status: number } | { kind: 'failed'; reason: string } | { kind: 'abandoned' };

export function proxyRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  target: ProxyTarget,
  onOutcome: (outcome: UpstreamOutcome) => void = () => undefined,
): Promise<void> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const transport = target.url.protocol === 'https:' ? https : http;
  const agent = target.url.protocol === 'https:' ? agents['https:'] : agents['http:'];

  return new Promise<void>((resolve) => {
    let settled = false;
    let clientGone = false;
    let reported = false;
    let current: http.ClientRequest | undefined;
    const report = (outcome: UpstreamOutcome) => {
      if (reported) return;
      reported = true;
      onOutcome(outcome);
    };
    const fail = (status: number, message: string, extra: Record<string, unknown> = {}) => {
      if (settled) return;
      settled = true;
      if (!reply.sent && !reply.raw.headersSent) {
        reply.code(status).header('cache-control', 'no-store').send({ error: message, upstream: target.label, ...extra });
      } else {
        reply.raw.destroy();
      }
      resolve();
    };
    reply.raw.on('close', () => {
      if (reply.raw.writableFinished) return;
      clientGone = true;
      if (!settled) report({ kind: 'abandoned' });
      current?.destroy();
    });

    const send = (authorization: string | undefined, mayRetry: boolean) => {
      if (settled) return;
      if (clientGone) return fail(502, `the request to ${target.label} was cancelled`);
      let timedOut = false;
      const upstreamHeaders = authorization !== undefined ? { ...headers, authorization } : headers;
      const upstream = transport.request(target.url, { method: request.method, headers: upstreamHeaders, agent }, (answer) => {
        if (settled) {
          answer.destroy();
          return;
        }
        const status = answer.statusCode ?? 502;
        if (status === 401 || status === 403) {
          // Its challenge (WWW-Authenticate) and body stay here.
          if (status === 401 && mayRetry && authorization !== undefined && target.authorization?.refused(authorization)) {
            current = undefined;
            answer.destroy();
            void authorize(false);
            return;
          }
          answer.resume();
          const message = credentialsRefusedMessage(target.label, target.kind, status, target.authorization !== undefined);
          // A 401 refuses every request alike: a failure of the upstream for its circuit. A 403 may be about one
          // resource only (an archive's own access rules): an answer, which leaves the site up.
          report(status === 401 ? { kind: 'failed', reason: message } : { kind: 'answered', status });
          fail(502, message, { credentialsRefused: true });
          return;
        }
        settled = true;
        if (isFailureStatus(status)) report({ kind: 'failed', reason: `HTTP ${status}` });
        reply.code(status);
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = answer.headers[name];
          if (value !== undefined) reply.header(name, value);
        }
        reply.header('cache-control', 'no-store');
        // The body is the upstream's answer until it ends; a break or a silence before that is the upstream's failure.
        answer.on('end', () => report({ kind: 'answered', status }));
        const broken = (reason: string) => {
          report(clientGone ? { kind: 'answered', status } : { kind: 'failed', reason });
          reply.raw.destroy();
        };
        answer.on('error', (error: NodeJS.ErrnoException) => broken(timedOut ? `no data within ${target.timeoutMs} ms` : connectionFailure(error)));
        answer.on('aborted', () => broken(timedOut ? `no data within ${target.timeoutMs} ms` : 'connection broken while sending its answer'));
        reply.send(answer);
        resolve();
      });
      current = upstream;

      upstream.setTimeout(target.timeoutMs, () => {
        if (upstream !== current) return;
        timedOut = true;
        if (!settled) report({ kind: 'failed', reason: `no answer within ${target.timeoutMs} ms` });
        fail(504, `${target.label} did not answer within ${target.timeoutMs} ms`);
        upstream.destroy(new Error('timeout'));
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (settled || upstream !== current) return;
        const reason = connectionFailure(error);
        report(clientGone ? { kind: 'abandoned' } : { kind: 'failed', reason });
        const code = error.code ? ` (${error.code})` : '';
        fail(502, `${target.label} is unreachable${code}`);
      });
      upstream.end();
    };

    const authorize = async (mayRetry: boolean) => {
      if (!target.authorization) return send(undefined, false);
      let header: string;
      try {
        header = await target.authorization.header();
      } catch (error) {
        const message = `Passerelle could not authenticate to ${target.label}: ${(error as Error).message}`;
        report({ kind: 'failed', reason: message });
        return fail(502, message, { credentialsRefused: true });
      }
      send(header, mayRetry);
    };
    void authorize(true);
  });
}
