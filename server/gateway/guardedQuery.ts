/**
 * A query the gateway itself sends to an upstream (not a browser's request it proxies), under the same guard as
 * the proxied ones: refused at once while the upstream's circuit is open, waiting for one of its slots like any
 * other request, and its outcome told to the circuit breaker. Used for the few small JSON answers the gateway needs
 * for itself, such as the patient of a study for the audit trail.
 */
import { isFailureStatus, markedDownMessage, busyMessage, connectionFailure } from './upstreamFailure.ts';
import type { UpstreamGuard } from './upstreamGuard.ts';

export type GuardedAnswer = { ok: true; status: number; body: unknown } | { ok: false; reason: string };

export async function guardedJsonQuery(guard: UpstreamGuard, url: URL, headers: Record<string, string> = {}): Promise<GuardedAnswer> {
  const early = guard.breaker.refusal();
  if (early) return { ok: false, reason: markedDownMessage(guard.label, early) };
  const wait = await guard.limit.acquire();
  if (!wait.granted) return { ok: false, reason: busyMessage(guard.label, guard.maxConcurrent, wait.waitedMs) };
  try {
    const admission = guard.breaker.admit();
    if (!admission.admitted) return { ok: false, reason: markedDownMessage(guard.label, admission.refusal) };
    const { ticket } = admission;
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/dicom+json, application/json', ...headers }, signal: AbortSignal.timeout(guard.timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${guard.timeoutMs} ms` : connectionFailure(cause ?? (error as NodeJS.ErrnoException));
      ticket.failed(reason);
      return { ok: false, reason: `${guard.label}: ${reason}` };
    }
    if (isFailureStatus(response.status)) {
      ticket.failed(`HTTP ${response.status}`);
      await response.body?.cancel();
      return { ok: false, reason: `${guard.label} answered HTTP ${response.status}` };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      ticket.failed('connection broken while sending its answer');
      return { ok: false, reason: `${guard.label} broke off its answer (${(error as Error).message})` };
    }
    ticket.succeeded();
    if (!response.ok) return { ok: false, reason: `${guard.label} answered HTTP ${response.status}` };
    if (response.status === 204 || text.trim() === '') return { ok: true, status: response.status, body: [] };
    try {
      return { ok: true, status: response.status, body: JSON.parse(text) as unknown };
    } catch (error) {
      return { ok: false, reason: `${guard.label} sent an answer that is not JSON (${(error as Error).message})` };
    }
  } finally {
    wait.slot.release();
  }
}
