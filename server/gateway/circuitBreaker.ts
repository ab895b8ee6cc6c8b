/**
 * A circuit breaker for one upstream (a site's archive or the identity service), after the pattern Nygard
 * describes in "Release It!" (closed, open, half-open). Plain state, an injectable clock, no I/O.
 *
 * - closed: every request goes through; `failureThreshold` consecutive failures open the circuit.
 * - open until T: every request is refused at once, with the time left as its Retry-After (RFC 9110 §10.2.3).
 * - half-open: from T on, exactly one request goes through as a probe while the others are still refused. The
 *   probe's success closes the circuit; its failure opens it again for twice the previous back-off, up to a cap.
 *
 * Outcomes of requests admitted before the circuit last opened are ignored: the probe alone decides.
 */

export interface CircuitBreakerSettings {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** The first back-off, in milliseconds. */
  initialBackoffMs: number;
  /** The longest back-off, in milliseconds: each failed probe doubles the back-off up to this. */
  maxBackoffMs: number;
}

/** What the circuit is, for messages and the status of a site. */
export type CircuitState =
  | { kind: 'closed'; consecutiveFailures: number }
  | { kind: 'open'; until: number; backoffMs: number; failures: number; lastFailure: string }
  | { kind: 'half-open'; backoffMs: number; failures: number; lastFailure: string; probeInFlight: boolean };

/** A request let through; its outcome is reported once with `succeeded`, `failed` or `abandoned`. */
export interface CircuitTicket {
  /** This request is the half-open circuit's one probe. */
  readonly probe: boolean;
  /** The upstream answered (any status but 502, 503 or 504). */
  succeeded(): void;
  /** The upstream could not be reached, broke the connection, timed out, or answered 502, 503 or 504. */
  failed(reason: string): void;
  /** The request ended without telling anything about the upstream (the client went away first). */
  abandoned(): void;
}

/** Why a request is refused while the circuit is open or its probe is in flight. */
export interface CircuitRefusal {
  /** Milliseconds until a request may go through (at least 1 s while a probe is in flight). */
  retryAfterMs: number;
  /** Consecutive failures that opened the circuit, counting failed probes. */
  failures: number;
  /** The last failure, in words ("connection refused", "HTTP 503"). */
  lastFailure: string;
  /** A probe is checking the upstream now. */
  probing: boolean;
}

export type CircuitAdmission = { admitted: true; ticket: CircuitTicket } | { admitted: false; refusal: CircuitRefusal };

export interface CircuitBreaker {
  /** Lets a request through, making it the probe when the back-off is over, or refuses it. */
  admit(): CircuitAdmission;
  /** The refusal a request would get now, without making it the probe; `undefined` when it would go through. */
  refusal(): CircuitRefusal | undefined;
  state(): CircuitState;
}

const PROBE_WAIT_MS = 1000;

export function createCircuitBreaker(settings: CircuitBreakerSettings, now: () => number = Date.now): CircuitBreaker {
  let state: CircuitState = { kind: 'closed', consecutiveFailures: 0 };
  /** Bumped each time the circuit opens: outcomes of older requests no longer count. */
  let generation = 0;

  const open = (backoffMs: number, failures: number, lastFailure: string) => {
    generation += 1;
    state = { kind: 'open', until: now() + backoffMs, backoffMs, failures, lastFailure };
  };

  /** An open circuit whose back-off is over becomes half-open, waiting for its probe. */
  const current = (): CircuitState => {
    if (state.kind === 'open' && now() >= state.until) {
      state = { kind: 'half-open', backoffMs: state.backoffMs, failures: state.failures, lastFailure: state.lastFailure, probeInFlight: false };
    }
    return state;
  };

  const refusal = (): CircuitRefusal | undefined => {
    const seen = current();
    if (seen.kind === 'open') return { retryAfterMs: seen.until - now(), failures: seen.failures, lastFailure: seen.lastFailure, probing: false };
    if (seen.kind === 'half-open' && seen.probeInFlight) {
      return { retryAfterMs: PROBE_WAIT_MS, failures: seen.failures, lastFailure: seen.lastFailure, probing: true };
    }
    return undefined;
  };

  const ticket = (probe: boolean): CircuitTicket => {
    const admittedIn = generation;
    let reported = false;
    const report = (apply: () => void) => {
      if (reported) return;
      reported = true;
      if (admittedIn === generation) apply();
    };
    return {
      probe,
      succeeded: () =>
        report(() => {
          state = { kind: 'closed', consecutiveFailures: 0 };
        }),
      failed: (reason) =>
        report(() => {
          if (state.kind === 'half-open' && probe) {
            open(Math.min(settings.maxBackoffMs, state.backoffMs * 2), state.failures + 1, reason);
          } else if (state.kind === 'closed') {
            const failures = state.consecutiveFailures + 1;
            if (failures >= settings.failureThreshold) open(Math.min(settings.maxBackoffMs, settings.initialBackoffMs), failures, reason);
            else state = { kind: 'closed', consecutiveFailures: failures };
          }
        }),
      abandoned: () =>
        report(() => {
          // A probe that ended without an answer leaves the place to the next request.
          if (probe && state.kind === 'half-open') state = { ...state, probeInFlight: false };
        }),
    };
  };

  return {
    admit() {
      const refused = refusal();
      if (refused) return { admitted: false, refusal: refused };
      const seen = current();
      if (seen.kind === 'half-open') {
        state = { ...seen, probeInFlight: true };
        return { admitted: true, ticket: ticket(true) };
      }
      return { admitted: true, ticket: ticket(false) };
    },
    refusal,
    state: current,
  };
}
