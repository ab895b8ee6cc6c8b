/**
 * Sessions of signed-in users in the database, so that every gateway instance behind a load balancer finds them.
 * The caller (server/auth) chooses the id (a random value it also sets in the cookie) and seals the tokens before
 * they come here; this file stores, finds live sessions, and forgets expired ones.
 */
import type { AppDatabase, JsonObject } from './databaseSchema.ts';

export interface StoredSession {
  id: string;
  user: JsonObject;
  sealedTokens: Uint8Array | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function createSession(
  db: AppDatabase,
  session: { id: string; user: JsonObject; sealedTokens: Uint8Array | null; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      id: session.id,
      user_info: JSON.stringify(session.user),
      sealed_tokens: session.sealedTokens,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The session with this id if it has not expired at `now`, marked as seen then. */
export async function findLiveSession(db: AppDatabase, id: string, now: Date): Promise<StoredSession | undefined> {
  const row = await db
    .updateTable('session')
    .set({ last_seen_at: now })
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, user: row.user_info, sealedTokens: row.sealed_tokens, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
}

/** The session with this id if it has not expired at `now`, without marking it seen (see `touchSession`). */
export async function readLiveSession(db: AppDatabase, id: string, now: Date): Promise<StoredSession | undefined> {
  const row = await db.selectFrom('session').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, user: row.user_info, sealedTokens: row.sealed_tokens, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
}

/** Marks a live session seen at `now` with its new expiry (an idle timeout moves on with each use); false when it is gone. */
export async function touchSession(db: AppDatabase, id: string, now: Date, expiresAt: Date): Promise<boolean> {
  const result = await db
    .updateTable('session')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Replaces the user (roles may change when tokens are refreshed). */
export async function updateSessionUser(db: AppDatabase, id: string, user: JsonObject): Promise<void> {
  await db.updateTable('session').set({ user_info: JSON.stringify(user) }).where('id', '=', id).execute();
}

/**
 * Replaces the sealed tokens (after a refresh) and the expiry of a session, and its user when the refresh brought new
 * claims: one statement, so that a request reading the row meanwhile sees the new tokens with the new roles, never
 * the new tokens with the old roles.
 */
export async function updateSessionTokens(db: AppDatabase, id: string, sealedTokens: Uint8Array | null, expiresAt: Date, user?: JsonObject): Promise<boolean> {
  const result = await db
    .updateTable('session')
    .set({ sealed_tokens: sealedTokens, expires_at: expiresAt, ...(user ? { user_info: JSON.stringify(user) } : {}) })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteSession(db: AppDatabase, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Forgets the sessions expired at `now`; returns how many. */
export async function deleteExpiredSessions(db: AppDatabase, now: Date): Promise<number> {
  const result = await db.deleteFrom('session').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
