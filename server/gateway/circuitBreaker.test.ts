import { describe, expect, it } from 'vitest';
import { createCircuitBreaker, type CircuitAdmission, type CircuitTicket } from './circuitBreaker.ts';

const settings = { failureThreshold: 3, initialBackoffMs: 5000, maxBackoffMs: 12_000 };

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

function ticketOf(admission: CircuitAdmission): CircuitTicket {
  if (!admission.admitted) throw new Error(`refused: ${JSON.stringify(admission.refusal)}`);
  return admission.ticket;
}

function openedBreaker() {
  const time = clock();
  const breaker = createCircuitBreaker(settings, time.now);
  for (let i = 0; i < 3; i += 1) ticketOf(breaker.admit()).failed('connection refused');
  return { breaker, time };
}

describe('circuit breaker', () => {
  it('stays closed below the threshold, and a success resets the count', () => {
    const breaker = createCircuitBreaker(settings, clock().now);
    ticketOf(breaker.admit()).failed('HTTP 502');
    ticketOf(breaker.admit()).failed('HTTP 502');
    ticketOf(breaker.admit()).succeeded();
    ticketOf(breaker.admit()).failed('HTTP 502');
    ticketOf(breaker.admit()).failed('HTTP 502');
    expect(breaker.state()).toEqual({ kind: 'closed', consecutiveFailures: 2 });
    expect(breaker.admit().admitted).toBe(true);
  });

  it('opens after three consecutive failures and refuses at once with the time left', () => {
    const { breaker, time } = openedBreaker();
    expect(breaker.state()).toMatchObject({ kind: 'open', backoffMs: 5000, failures: 3, lastFailure: 'connection refused' });
    time.advance(1200);
    expect(breaker.admit()).toEqual({ admitted: false, refusal: { retryAfterMs: 3800, failures: 3, lastFailure: 'connection refused', probing: false } });
  });

  it('lets exactly one probe through after the back-off; the others are refused while it is in flight', () => {
    const { breaker, time } = openedBreaker();
    time.advance(5000);
    const probe = ticketOf(breaker.admit());
    expect(probe.probe).toBe(true);
    for (let i = 0; i < 5; i += 1) {
      const other = breaker.admit();
      expect(other.admitted).toBe(false);
      if (!other.admitted) expect(other.refusal.probing).toBe(true);
    }
    probe.succeeded();
    expect(breaker.state()).toEqual({ kind: 'closed', consecutiveFailures: 0 });
    const next = ticketOf(breaker.admit());
    expect(next.probe).toBe(false);
  });

  it('reopens after a failed probe with a doubled back-off, capped', () => {
    const { breaker, time } = openedBreaker();
    time.advance(5000);
    ticketOf(breaker.admit()).failed('timeout');
    expect(breaker.state()).toMatchObject({ kind: 'open', backoffMs: 10_000, failures: 4, lastFailure: 'timeout' });
    time.advance(10_000);
    ticketOf(breaker.admit()).failed('timeout');
    expect(breaker.state()).toMatchObject({ kind: 'open', backoffMs: 12_000, failures: 5 });
    time.advance(11_999);
    expect(breaker.admit().admitted).toBe(false);
    time.advance(1);
    ticketOf(breaker.admit()).succeeded();
    expect(breaker.state().kind).toBe('closed');
    // Closed again: the next opening starts from the initial back-off.
    for (let i = 0; i < 3; i += 1) ticketOf(breaker.admit()).failed('HTTP 504');
    expect(breaker.state()).toMatchObject({ kind: 'open', backoffMs: 5000 });
  });

  it('frees the probe place when the probe is abandoned', () => {
    const { breaker, time } = openedBreaker();
    time.advance(5000);
    ticketOf(breaker.admit()).abandoned();
    const second = ticketOf(breaker.admit());
    expect(second.probe).toBe(true);
  });

  it('ignores outcomes of requests admitted before the circuit opened', () => {
    const time = clock();
    const breaker = createCircuitBreaker(settings, time.now);
    const early = ticketOf(breaker.admit());
    const late = ticketOf(breaker.admit());
    for (let i = 0; i < 3; i += 1) ticketOf(breaker.admit()).failed('connection reset');
    early.succeeded();
    expect(breaker.state().kind).toBe('open');
    time.advance(5000);
    const probe = ticketOf(breaker.admit());
    late.failed('connection reset');
    expect(breaker.state()).toMatchObject({ kind: 'half-open', probeInFlight: true });
    probe.succeeded();
    expect(breaker.state().kind).toBe('closed');
  });

  it('counts each ticket once, whatever is reported after the first outcome', () => {
    const breaker = createCircuitBreaker(settings, clock().now);
    const ticket = ticketOf(breaker.admit());
    ticket.failed('HTTP 503');
    ticket.failed('HTTP 503');
    ticket.failed('HTTP 503');
    expect(breaker.state()).toEqual({ kind: 'closed', consecutiveFailures: 1 });
  });

  it('tells the refusal without taking the probe place', () => {
    const { breaker, time } = openedBreaker();
    expect(breaker.refusal()?.retryAfterMs).toBe(5000);
    time.advance(5000);
    expect(breaker.refusal()).toBeUndefined();
    expect(ticketOf(breaker.admit()).probe).toBe(true);
  });
});
