/**
 * A query the gateway itself sends to an upstream (not a browser's request it proxies), under the same guard as
 * the proxied ones: refused at once while the upstream's circuit is open, waiting for one of its slots like any
 * other request, and its outcome told to the circuit breaker. Used for the few small JSON answers the gateway needs
 * for itself, such as the patient of a study for the audit trail. When the upstream cannot answer, the trouble is
 * told in the same words and statuses as a proxied request's (`troubleAnswer`), so the browser reads it as it reads
 * any other (src/domain/federation/upstreamTrouble.ts).
 */
import type { CircuitRefusal } from './circuitBreaker.ts';
import { busyMessage, connectionFailure, isFailureStatus, markedDownMessage, retryAfterSeconds } from './upstreamFailure.ts';
import type { UpstreamGuard } from './upstreamGuard.ts';

/** Why the upstream gave no usable answer: it is marked down, all its slots stayed busy, it could not be reached or said nothing in time. */
export type UpstreamTrouble =
  | { kind: 'down'; refusal: CircuitRefusal }
  | { kind: 'busy'; waitedMs: number }
  | { kind: 'unreachable'; reason: string; code?: string }
  | { kind: 'timeout' };

/** It answered: its status and its body as JSON (`undefined` when not JSON). */
export type GuardedAnswer = { ok: true; status: number; body: unknown } | { ok: false; trouble: UpstreamTrouble };

export async function guardedJsonQuery(guard: UpstreamGuard, url: URL, headers: Record<string, string> = {}): Promise<GuardedAnswer> {
  const early = guard.breaker.refusal();
  if (early) return { ok: false, trouble: { kind: 'down', refusal: early } };
  const wait = await guard.limit.acquire();
  if (!wait.granted) return { ok: false, trouble: { kind: 'busy', waitedMs: wait.waitedMs } };
  try {
    const admission = guard.breaker.admit();
    if (!admission.admitted) return { ok: false, trouble: { kind: 'down', refusal: admission.refusal } };
    const { ticket } = admission;
    let response: Response;
    try {
      // The upstream's own credential, as on proxied requests (upstreamAuthorization.ts), one retry with a fresh token.
      const send = (authorization: string | undefined) =>
        fetch(url, {
          headers: { accept: 'application/dicom+json, application/json', ...headers, ...(authorization !== undefined ? { authorization } : {}) },
          signal: AbortSignal.timeout(guard.timeoutMs),
        });
      const access = guard.access.authorization;
      const authorization = access ? await access.header() : undefined;
      response = await send(authorization);
      if (response.status === 401 && access && authorization !== undefined && access.refused(authorization)) {
        await response.body?.cancel();
        response = await send(await access.header());
      }
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        ticket.failed(`no answer within ${guard.timeoutMs} ms`);
        return { ok: false, trouble: { kind: 'timeout' } };
      }
      const cause = ((error as { cause?: NodeJS.ErrnoException }).cause ?? error) as NodeJS.ErrnoException;
      const reason = connectionFailure(cause);
      ticket.failed(reason);
      return { ok: false, trouble: { kind: 'unreachable', reason, ...(cause.code ? { code: cause.code } : {}) } };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      ticket.failed(timedOut ? `no data within ${guard.timeoutMs} ms` : 'connection broken while sending its answer');
      return { ok: false, trouble: timedOut ? { kind: 'timeout' } : { kind: 'unreachable', reason: 'connection broken while sending its answer' } };
    }
    if (isFailureStatus(response.status)) {
      ticket.failed(`HTTP ${response.status}`);
      return { ok: false, trouble: { kind: 'unreachable', reason: `HTTP ${response.status}` } };
    }
    ticket.succeeded();
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }
    return { ok: true, status: response.status, body };
  } finally {
    wait.slot.release();
  }
}

/** The answer a proxied request would have got from the same trouble (see upstreamGuard.ts and proxyRequest.ts). */
export function troubleAnswer(guard: UpstreamGuard, trouble: UpstreamTrouble): { status: number; retryAfter?: number; body: Record<string, string | number | boolean> } {
  const upstream = guard.label;
  switch (trouble.kind) {
    case 'down': {
      const seconds = retryAfterSeconds(trouble.refusal.retryAfterMs);
      return { status: 503, retryAfter: seconds, body: { error: markedDownMessage(upstream, trouble.refusal), upstream, siteDown: true, retryAfterSeconds: seconds } };
    }
    case 'busy':
      return { status: 503, retryAfter: 1, body: { error: busyMessage(upstream, guard.maxConcurrent, trouble.waitedMs), upstream, busy: true } };
    case 'unreachable':
      return { status: 502, body: { error: `${upstream} is unreachable${trouble.code ? ` (${trouble.code})` : ` (${trouble.reason})`}`, upstream } };
    case 'timeout':
      return { status: 504, body: { error: `${upstream} did not answer within ${guard.timeoutMs} ms`, upstream } };
  }
}
