import { describe, expect, it } from 'vitest';
import { accessTokenState, sessionExpiry, sessionTimeouts, shouldTouch } from './sessionLifetime.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 8, 0) + minutes * 60_000);

describe('session lifetime', () => {
  it('defaults to 30 minutes idle and 12 hours in all, and takes the configuration', () => {
    expect(sessionTimeouts(undefined)).toEqual({ idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 });
    expect(sessionTimeouts({ session: { idleMinutes: 5, maxHours: 1 } })).toEqual({ idleMs: 5 * 60_000, absoluteMs: 3_600_000 });
  });

  it('ends idle sessions 30 minutes after the last request', () => {
    const timeouts = sessionTimeouts(undefined);
    expect(sessionExpiry(at(0), at(0), timeouts)).toEqual(at(30));
    expect(sessionExpiry(at(0), at(200), timeouts)).toEqual(at(230));
  });

  it('ends active sessions 12 hours after sign-in whatever the activity', () => {
    const timeouts = sessionTimeouts(undefined);
    expect(sessionExpiry(at(0), at(12 * 60 - 10), timeouts)).toEqual(at(12 * 60));
  });

  it('records activity at most every 15 seconds', () => {
    expect(shouldTouch(at(0), new Date(at(0).getTime() + 14_000))).toBe(false);
    expect(shouldTouch(at(0), new Date(at(0).getTime() + 15_000))).toBe(true);
  });

  it('refreshes the access token shortly before it expires, and ends the session without a refresh token', () => {
    const expiry = at(10).getTime();
    expect(accessTokenState(expiry, true, at(5))).toBe('valid');
    expect(accessTokenState(expiry, true, new Date(expiry - 10_000))).toBe('refresh');
    expect(accessTokenState(expiry, false, at(11))).toBe('ended');
    expect(accessTokenState(undefined, false, at(1000))).toBe('valid');
  });
});
