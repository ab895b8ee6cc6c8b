/**
 * A GET with a deadline. A timeout and a network failure are told apart, because the user is told which one
 * happened. Combines the caller's AbortSignal (a newer search cancels an older one) with the deadline.
 */
export type TimedResponse =
  | { kind: 'response'; response: Response; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'network-error'; ms: number; message: string }
  | { kind: 'aborted'; ms: number };

export async function fetchWithTimeout(url: string, init: RequestInit & { timeoutMs: number }): Promise<TimedResponse> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(Math.max(1, Math.ceil(init.timeoutMs)));
  const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
  try {
    const response = await fetch(url, { ...init, signal, credentials: 'same-origin' });
    return { kind: 'response', response, ms: performance.now() - started };
  } catch (error) {
    const ms = performance.now() - started;
    if (deadline.aborted) return { kind: 'timeout', ms };
    if (init.signal?.aborted) return { kind: 'aborted', ms };
    return { kind: 'network-error', ms, message: (error as Error).message };
  }
}
