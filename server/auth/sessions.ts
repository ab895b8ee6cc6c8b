/**
 * Signed-in sessions, kept in the database (server/db/sessionStore.ts) so that every gateway instance sharing it
 * knows them: the browser holds only the random id. Tokens are sealed with the session id as context; the access
 * token is refreshed when it expires, and a session whose refresh fails ends.
 */
import type { AppDatabase, JsonObject } from '../db/databaseSchema.ts';
import { createSession, deleteSession, readLiveSession, touchSession, updateSessionTokens } from '../db/sessionStore.ts';
import type { OidcClient, StoredTokens } from './oidcClient.ts';
import { ALL_ROLES, type RequestUser, type Role } from './requestUser.ts';
import type { Claims } from './roleMapping.ts';
import { randomSessionId, seal, unseal } from './sealing.ts';
import { accessTokenState, sessionExpiry, shouldTouch, type SessionTimeouts } from './sessionLifetime.ts';

export interface SessionService {
  /** Stores a new session for this user and returns its id (for the cookie). */
  create(user: RequestUser, tokens: StoredTokens): Promise<string>;
  /** The user of a live session, after any refresh; undefined when the id is unknown, expired or ended. */
  resolve(id: string): Promise<RequestUser | undefined>;
  /** Ends the session; returns its tokens (the ID token is the logout hint). */
  end(id: string): Promise<StoredTokens | undefined>;
}

export interface SessionServiceOptions {
  db: AppDatabase;
  sealingKey: Buffer;
  client: Pick<OidcClient, 'refresh'>;
  timeouts: SessionTimeouts;
  userFromClaims: (claims: Claims) => RequestUser;
  now?: () => number;
  log?: (line: string) => void;
}

/** How long a refresh's outcome answers the requests that saw the tokens it replaced. */
const REFRESH_SHARED_MS = 60_000;

export function createSessionService(options: SessionServiceOptions): SessionService {
  const { db, sealingKey, timeouts } = options;
  const clock = () => new Date((options.now ?? Date.now)());
  const refreshing = new Map<string, Promise<RequestUser | undefined>>();

  const sealTokens = (id: string, tokens: StoredTokens) => seal(sealingKey, JSON.stringify(tokens), `session:${id}`);
  const openTokens = (id: string, sealed: Uint8Array | null): StoredTokens | undefined => {
    if (!sealed) return undefined;
    const text = unseal(sealingKey, sealed, `session:${id}`);
    return text === undefined ? undefined : (JSON.parse(text) as StoredTokens);
  };

  const refresh = async (id: string, tokens: StoredTokens, user: RequestUser, expiresAt: Date): Promise<RequestUser | undefined> => {
    try {
      const refreshed = await options.client.refresh(tokens);
      const updated = refreshed.claims ? options.userFromClaims(refreshed.claims) : user;
      await updateSessionTokens(db, id, sealTokens(id, refreshed.tokens), expiresAt, refreshed.claims ? userJson(updated) : undefined);
      return updated;
    } catch (error) {
      options.log?.(`sign-in: a session ended, its tokens could not be refreshed (${(error as Error).name})`);
      await deleteSession(db, id);
      return undefined;
    }
  };

  return {
    async create(user, tokens) {
      const id = randomSessionId();
      const now = clock();
      await createSession(db, { id, user: userJson(user), sealedTokens: sealTokens(id, tokens), now, expiresAt: sessionExpiry(now, now, timeouts) });
      return id;
    },

    async resolve(id) {
      const now = clock();
      const row = await readLiveSession(db, id, now);
      if (!row) return undefined;
      const user = userOf(row.user);
      const tokens = openTokens(id, row.sealedTokens);
      if (!user || !tokens) {
        // Sealed under another key (the client secret changed) or not a session of ours: it cannot be used.
        await deleteSession(db, id);
        return undefined;
      }
      if (shouldTouch(row.lastSeenAt, now)) {
        if (!(await touchSession(db, id, now, sessionExpiry(row.createdAt, now, timeouts)))) return undefined;
      }
      const state = accessTokenState(tokens.expiresAt, tokens.refreshToken !== undefined, now);
      if (state === 'ended') {
        await deleteSession(db, id);
        return undefined;
      }
      if (state === 'valid') return user;
      // One refresh per refresh token in this instance: parallel image requests all share it, including one that read
      // the row before the refreshed tokens were written and answers after the refresh ended (it would otherwise spend
      // the old refresh token again, which a provider that rotates them refuses, ending the session).
      const key = `${id}\u0000${tokens.refreshToken ?? ''}`;
      let pending = refreshing.get(key);
      if (!pending) {
        pending = refresh(id, tokens, user, sessionExpiry(row.createdAt, now, timeouts));
        refreshing.set(key, pending);
        const forget = setTimeout(() => refreshing.delete(key), REFRESH_SHARED_MS);
        forget.unref?.();
      }
      return pending;
    },

    async end(id) {
      const row = await readLiveSession(db, id, clock());
      await deleteSession(db, id);
      return row ? openTokens(id, row.sealedTokens) : undefined;
    },
  };
}

function userJson(user: RequestUser): JsonObject {
  return {
    id: user.id,
    ...(user.name !== undefined ? { name: user.name } : {}),
    roles: [...user.roles],
    ...(user.organisation !== undefined ? { organisation: user.organisation } : {}),
  };
}

function userOf(json: JsonObject): RequestUser | undefined {
  if (typeof json.id !== 'string' || !Array.isArray(json.roles)) return undefined;
  const roles = json.roles.filter((role): role is Role => typeof role === 'string' && (ALL_ROLES as readonly string[]).includes(role));
  return {
    id: json.id,
    ...(typeof json.name === 'string' ? { name: json.name } : {}),
    roles,
    ...(typeof json.organisation === 'string' ? { organisation: json.organisation } : {}),
    signedIn: true,
  };
}
