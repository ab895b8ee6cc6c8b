/**
 * How long a session lives: it ends after an idle time without requests (default 30 minutes) and, whatever the
 * activity, a fixed time after sign-in (default 12 hours, a long clinical shift), as OWASP's session management
 * cheat sheet recommends. The provider's access token is refreshed when it expires; when that fails the session ends.
 */
import type { AuthConfig } from '../../src/domain/config/runtimeConfig.ts';

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_IDLE_MINUTES = 30;
export const DEFAULT_MAX_HOURS = 12;

/** A session seen less than this ago is not written again: the idle timeout is this precise. */
export const TOUCH_INTERVAL_MS = 15_000;

/** Refresh this long before the access token's expiry, so no request runs on a token about to lapse. */
export const REFRESH_MARGIN_MS = 30_000;

export function sessionTimeouts(auth: Pick<AuthConfig, 'session'> | undefined): SessionTimeouts {
  return {
    idleMs: (auth?.session?.idleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000,
    absoluteMs: (auth?.session?.maxHours ?? DEFAULT_MAX_HOURS) * 3_600_000,
  };
}

/** When a session created at `createdAt` and last seen at `lastSeenAt` ends. */
export function sessionExpiry(createdAt: Date, lastSeenAt: Date, timeouts: SessionTimeouts): Date {
  return new Date(Math.min(createdAt.getTime() + timeouts.absoluteMs, lastSeenAt.getTime() + timeouts.idleMs));
}

/** Whether a request at `now` should record the session as seen (and push its idle expiry on). */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}

/** What to do about the access token (expiry in ms since the epoch, when the provider said) at `now`. */
export function accessTokenState(expiresAtMs: number | undefined, hasRefreshToken: boolean, now: Date): 'valid' | 'refresh' | 'ended' {
  if (expiresAtMs === undefined || now.getTime() < expiresAtMs - REFRESH_MARGIN_MS) return 'valid';
  return hasRefreshToken ? 'refresh' : 'ended';
}
