/**
 * An idempotent GET with a deadline and bounded retries: only on 429, 502, 503, 504 or a network error, with
 * jittered exponential backoff, honouring `Retry-After`, and never past the deadline — a hung site is cut off at
 * its timeout, retries included. A `Retry-After` longer than a couple of seconds (the gateway holding a site marked
 * down for its back-off) is not waited for: the reader is told at once.
 */
import { fetchWithTimeout, type TimedResponse } from './fetchWithTimeout.ts';

const RETRIABLE = new Set([429, 502, 503, 504]);

/** The longest `Retry-After` worth waiting for within one request. */
export const MAX_HINTED_WAIT_MS = 2000;

export interface GetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Total time allowed, retries included. */
  deadlineMs: number;
  maxAttempts?: number;
  /** For tests: the random source of the jitter and the sleep. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Seconds or an HTTP date (RFC 9110 §10.2.3) to milliseconds from now. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export async function getWithRetry(url: string, options: GetOptions): Promise<TimedResponse> {
  const started = performance.now();
  const maxAttempts = options.maxAttempts ?? 3;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  let attempt = 0;
  for (;;) {
    attempt += 1;
    const attemptStarted = performance.now();
    const remaining = options.deadlineMs - (performance.now() - started);
    const answer = await fetchWithTimeout(url, { headers: options.headers, signal: options.signal, timeoutMs: Math.max(1, remaining) });
    const elapsed = performance.now() - started;
    const retriable =
      (answer.kind === 'response' && RETRIABLE.has(answer.response.status)) || answer.kind === 'network-error';
    if (!retriable || attempt >= maxAttempts) return { ...answer, ms: elapsed };
    const hinted = answer.kind === 'response' ? retryAfterMs(answer.response.headers.get('retry-after')) : undefined;
    if (hinted !== undefined && hinted > MAX_HINTED_WAIT_MS) return { ...answer, ms: elapsed };
    const backoff = hinted ?? 200 * 2 ** (attempt - 1) * (0.5 + random());
    // Never start an attempt that cannot finish: a 504 that took the site's whole timeout is not retried.
    const attemptTook = performance.now() - attemptStarted;
    if (elapsed + backoff + attemptTook >= options.deadlineMs) return { ...answer, ms: elapsed };
    if (answer.kind === 'response') await answer.response.body?.cancel();
    await sleep(backoff, options.signal);
    if (options.signal?.aborted) return { kind: 'aborted', ms: performance.now() - started };
  }
}
