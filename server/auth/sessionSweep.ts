/** Forgets expired sessions every ten minutes (a live session never depends on it: expiry is checked on each request). */
import type { AppDatabase } from '../db/databaseSchema.ts';
import { deleteExpiredSessions } from '../db/sessionStore.ts';

export function startSessionSweep(db: AppDatabase, intervalMs = 10 * 60_000): { stop(): void } {
  const timer = setInterval(() => {
    deleteExpiredSessions(db, new Date()).catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
