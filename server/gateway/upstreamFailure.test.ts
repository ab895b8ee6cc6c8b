import { describe, expect, it } from 'vitest';
import { busyMessage, connectionFailure, isFailureStatus, markedDownMessage, retryAfterSeconds } from './upstreamFailure.ts';

const errno = (code: string | undefined, message = 'failed'): NodeJS.ErrnoException => Object.assign(new Error(message), code ? { code } : {});

describe('upstream failures', () => {
  it('counts 502, 503 and 504 as failures, and a 500 or a 4xx as an answer', () => {
    expect([502, 503, 504].map(isFailureStatus)).toEqual([true, true, true]);
    expect([200, 204, 206, 400, 404, 406, 500, 501].map(isFailureStatus)).toEqual(Array(8).fill(false));
  });

  it('puts connection errors in words', () => {
    expect(connectionFailure(errno('ECONNREFUSED'))).toBe('connection refused (ECONNREFUSED)');
    expect(connectionFailure(errno('ECONNRESET'))).toBe('connection reset (ECONNRESET)');
    expect(connectionFailure(errno(undefined, 'socket hang up'))).toBe('connection closed without an answer (socket hang up)');
    expect(connectionFailure(errno('EWHATEVER'))).toBe('connection failed (EWHATEVER)');
  });

  it('rounds Retry-After up to whole seconds, at least one', () => {
    expect([0, 1, 999, 1000, 1001, 4200].map(retryAfterSeconds)).toEqual([1, 1, 1, 1, 2, 5]);
  });

  it('names the upstream, its failures and when it is tried again', () => {
    expect(markedDownMessage('site chu-val-de-saone', { retryAfterMs: 5000, failures: 3, lastFailure: 'connection refused (ECONNREFUSED)', probing: false })).toBe(
      'site chu-val-de-saone is marked down after 3 consecutive failures (connection refused (ECONNREFUSED)); retrying in 5 s',
    );
    expect(markedDownMessage('identity service', { retryAfterMs: 1000, failures: 4, lastFailure: 'HTTP 503', probing: true })).toBe(
      'identity service is marked down after 4 consecutive failures (HTTP 503); a probe request is checking it now',
    );
    expect(busyMessage('site cgfl', 8, 7999.6)).toBe('site cgfl is busy: all 8 of its request slots stayed in use for 8000 ms');
  });
});
