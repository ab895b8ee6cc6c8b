/**
 * The protection of one upstream (a site's archive or the identity service): a bound on the requests in flight
 * towards it and a circuit breaker. Every proxied request passes here; the upstream sees at most
 * `maxConcurrentRequests` of them at once, and none while its circuit is open but the one probe.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_CIRCUIT_BREAKER, DEFAULT_MAX_CONCURRENT_REQUESTS, type CircuitBreakerConfig } from '../../src/domain/config/runtimeConfig.ts';
import { createCircuitBreaker, type CircuitBreaker, type CircuitRefusal } from './circuitBreaker.ts';
import { createConcurrencyLimit, type ConcurrencyLimit } from './concurrencyLimit.ts';
import { proxyRequest, type ProxyTarget } from './proxyRequest.ts';
import type { UpstreamAuthorization } from './upstreamAuthorization.ts';
import { busyMessage, markedDownMessage, retryAfterSeconds } from './upstreamFailure.ts';

export interface UpstreamGuard {
  /** Who answers, in words ("site cgfl", "identity service"). */
  label: string;
  timeoutMs: number;
  maxConcurrent: number;
  limit: ConcurrencyLimit;
  breaker: CircuitBreaker;
  /** What the upstream is, and the credential the gateway sends it (`upstreamAuthorization.ts`), if any. */
  access: UpstreamAccess;
}

export interface UpstreamAccess {
  kind: 'archive' | 'identity service';
  authorization?: UpstreamAuthorization | undefined;
}

export interface UpstreamProtection {
  maxConcurrentRequests?: number | undefined;
  circuitBreaker?: CircuitBreakerConfig | undefined;
}

export function createUpstreamGuard(
  label: string,
  timeoutMs: number,
  protection: UpstreamProtection,
  now?: () => number,
  access: UpstreamAccess = { kind: 'archive' },
): UpstreamGuard {
  const maxConcurrent = protection.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS;
  const breaker = createCircuitBreaker({ ...DEFAULT_CIRCUIT_BREAKER, ...definedOnly(protection.circuitBreaker ?? {}) }, now);
  return { label, timeoutMs, maxConcurrent, limit: createConcurrencyLimit({ maxConcurrent, maxWaitMs: timeoutMs }), breaker, access };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/**
 * Proxies one request under the guard: refused at once while the circuit is open, queued for a slot (at most the
 * upstream's timeout), then streamed, its slot held until the answer has been sent or the client has gone, and
 * its outcome told to the circuit breaker.
 */
export async function guardedProxy(request: FastifyRequest, reply: FastifyReply, guard: UpstreamGuard, url: URL): Promise<void> {
  const early = guard.breaker.refusal();
  if (early) return refuseMarkedDown(reply, guard, early);

  const clientGone = new AbortController();
  const onClose = () => clientGone.abort();
  reply.raw.once('close', onClose);
  if (reply.raw.closed || reply.raw.destroyed) clientGone.abort();
  const wait = await guard.limit.acquire(clientGone.signal);
  if (!wait.granted) {
    // A client that went away while waiting gets nothing; the refusal keeps the reply's life cycle whole.
    const error = wait.reason === 'cancelled' ? `the request to ${guard.label} was cancelled while waiting` : busyMessage(guard.label, guard.maxConcurrent, wait.waitedMs);
    return refuse(reply, retryAfterSeconds(1000), { error, upstream: guard.label, busy: true });
  }
  const { slot } = wait;
  // Whichever comes first: the answer sent, or the connection closed (the client went away, the body broke).
  reply.raw.once('finish', () => slot.release());
  reply.raw.once('close', () => slot.release());
  if (clientGone.signal.aborted) {
    slot.release();
    return refuse(reply, 1, { error: `the request to ${guard.label} was cancelled while waiting`, upstream: guard.label });
  }
  reply.raw.off('close', onClose);

  const admission = guard.breaker.admit();
  if (!admission.admitted) {
    slot.release();
    return refuseMarkedDown(reply, guard, admission.refusal);
  }
  const { ticket } = admission;
  const target: ProxyTarget = { label: guard.label, url, timeoutMs: guard.timeoutMs, kind: guard.access.kind, authorization: guard.access.authorization };
  await proxyRequest(request, reply, target, (outcome) => {
    if (outcome.kind === 'answered') ticket.succeeded();
    else if (outcome.kind === 'failed') ticket.failed(outcome.reason);
    else ticket.abandoned();
  });
}

function refuseMarkedDown(reply: FastifyReply, guard: UpstreamGuard, refusal: CircuitRefusal): void {
  const seconds = retryAfterSeconds(refusal.retryAfterMs);
  refuse(reply, seconds, { error: markedDownMessage(guard.label, refusal), upstream: guard.label, siteDown: true, retryAfterSeconds: seconds });
}

function refuse(reply: FastifyReply, seconds: number, body: Record<string, unknown>): void {
  void reply.code(503).header('retry-after', String(seconds)).header('cache-control', 'no-store').send(body);
}
