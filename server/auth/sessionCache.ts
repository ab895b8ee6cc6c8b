/**
 * A short memory of resolved sessions in front of the database, so that the hundreds of image requests of one
 * viewing do not each read and unseal the same session row: the per-request cost measured at about 1.3 ms per frame
 * (`npm run bench:sign-in`). Parallel requests of one session share one read. A session ended here (sign-out) is
 * forgotten at once, and a read racing the sign-out cannot bring it back; one ended at another gateway instance is refused here at most `ttlMs` later (2 s by default),
 * as are an idle or absolute expiry and a refresh, which the database read after the entry lapses applies.
 */
import type { RequestUser } from './requestUser.ts';
import type { SessionService } from './sessions.ts';

export const DEFAULT_SESSION_CACHE_MS = 2000;
const MAX_ENTRIES = 10_000;

interface Entry {
  user: Promise<RequestUser | undefined>;
  until: number;
}

export function cachedSessions(inner: SessionService, options: { ttlMs?: number; now?: () => number } = {}): SessionService {
  const ttlMs = options.ttlMs ?? DEFAULT_SESSION_CACHE_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return {
    create: (user, tokens) => inner.create(user, tokens),
    resolve(id) {
      const at = now();
      const known = entries.get(id);
      if (known && at < known.until) return known.user;
      entries.delete(id);
      const user = inner.resolve(id);
      // Oldest first out: Map keeps insertion order.
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(id, { user, until: at + ttlMs });
      // An unknown, ended or failing session is not remembered: the next request asks the database again.
      user.then(
        (resolved) => resolved === undefined && entries.get(id)?.user === user && entries.delete(id),
        () => entries.get(id)?.user === user && entries.delete(id),
      );
      return user;
    },
    end(id) {
      // Until the row is gone, a read would still find it: answer "no session" from here instead, so that a request
      // arriving during the sign-out (the viewer's frames keep coming) cannot put the session back for `ttlMs`.
      const ended: Entry = { user: Promise.resolve(undefined), until: Number.POSITIVE_INFINITY };
      entries.set(id, ended);
      const release = () => entries.get(id) === ended && entries.delete(id);
      return inner.end(id).then(
        (tokens) => (release(), tokens),
        (error: unknown) => {
          release();
          throw error;
        },
      );
    },
  };
}
