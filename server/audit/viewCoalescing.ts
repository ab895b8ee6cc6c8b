/**
 * One `study-view` record per viewing, not per frame: a user's first access to a study at a site opens a viewing,
 * and further accesses within `windowMs` of the previous one belong to it; a pause longer than that makes the next
 * access a new viewing, and a new record. Pure: the caller passes the time.
 *
 * Each gateway instance keeps its own viewings, so behind a load balancer a viewing split across instances may give
 * one record per instance; never fewer than one.
 */

/** Fifteen minutes: a radiologist's reading of one study, pauses for dictation included, stays one viewing. */
export const DEFAULT_VIEWING_WINDOW_MS = 15 * 60_000;

export interface ViewAccess {
  userId: string;
  siteId: string;
  studyUid: string;
  at: Date;
}

export interface ViewCoalescer {
  /** True when this access opens a viewing (record it), false when it continues one. */
  opensViewing(access: ViewAccess): boolean;
  /** Viewings currently open (for tests and metrics). */
  openCount(): number;
}

export function createViewCoalescer(options: { windowMs?: number; sweepEvery?: number } = {}): ViewCoalescer {
  const windowMs = options.windowMs ?? DEFAULT_VIEWING_WINDOW_MS;
  const sweepEvery = options.sweepEvery ?? 1000;
  const lastAccess = new Map<string, number>();
  let sinceSweep = 0;
  const sweep = (now: number) => {
    for (const [key, at] of lastAccess) if (now - at > windowMs) lastAccess.delete(key);
  };
  return {
    opensViewing(access) {
      const now = access.at.getTime();
      // JSON of an array: no separator can be forged by a user id or UID containing one.
      const key = JSON.stringify([access.userId, access.siteId, access.studyUid]);
      sinceSweep += 1;
      if (sinceSweep >= sweepEvery) {
        sinceSweep = 0;
        sweep(now);
      }
      const previous = lastAccess.get(key);
      lastAccess.set(key, Math.max(now, previous ?? now));
      return previous === undefined || now - previous > windowMs;
    },
    openCount: () => lastAccess.size,
  };
}
