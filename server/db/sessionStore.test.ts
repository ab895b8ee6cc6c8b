/** Sessions against a real PostgreSQL server (two handles, as two gateway instances) and against PGlite. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../scripts/testbed/testDatabase.ts';
import { openDatabase, type OpenDatabase } from './openDatabase.ts';
import { createSession, deleteExpiredSessions, deleteSession, findLiveSession, readLiveSession, touchSession, updateSessionTokens, updateSessionUser } from './sessionStore.ts';

const now = new Date('2026-06-01T10:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const user = { sub: 'radiologue', name: 'Dr Martin', roles: ['clinician'] };

function describeSessions(label: string, open: () => Promise<{ first: OpenDatabase; second: OpenDatabase; cleanUp(): Promise<void> }>) {
  describe(`sessions (${label})`, () => {
    let handles: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      handles = await open();
    });
    afterAll(() => handles?.cleanUp());

    it('finds a session created by another handle until it expires, and marks it seen', async () => {
      await createSession(handles.first.db, { id: 'session-a', user, sealedTokens: Buffer.from([1, 2, 3]), now, expiresAt: later(60) });
      const found = await findLiveSession(handles.second.db, 'session-a', later(5));
      expect(found).toMatchObject({ id: 'session-a', user, lastSeenAt: later(5), expiresAt: later(60) });
      expect([...(found?.sealedTokens ?? [])]).toEqual([1, 2, 3]);
      expect(await findLiveSession(handles.second.db, 'session-a', later(61))).toBeUndefined();
      expect(await findLiveSession(handles.second.db, 'no-such-session', later(5))).toBeUndefined();
    });

    it('reads a live session without marking it seen, moves its expiry when touched, and replaces its user', async () => {
      await createSession(handles.first.db, { id: 'session-t', user, sealedTokens: null, now, expiresAt: later(30) });
      expect(await readLiveSession(handles.second.db, 'session-t', later(10))).toMatchObject({ lastSeenAt: now, expiresAt: later(30) });
      expect(await touchSession(handles.second.db, 'session-t', later(10), later(40))).toBe(true);
      expect(await readLiveSession(handles.first.db, 'session-t', later(35))).toMatchObject({ lastSeenAt: later(10), expiresAt: later(40) });
      expect(await touchSession(handles.second.db, 'session-t', later(41), later(71))).toBe(false);
      expect(await readLiveSession(handles.first.db, 'session-t', later(41))).toBeUndefined();
      await updateSessionUser(handles.first.db, 'session-t', { ...user, roles: ['auditor'] });
      expect((await readLiveSession(handles.first.db, 'session-t', later(39)))?.user).toEqual({ ...user, roles: ['auditor'] });
      await deleteSession(handles.first.db, 'session-t');
    });

    it('replaces tokens and expiry, forgets a signed-out session and the expired ones', async () => {
      expect(await updateSessionTokens(handles.first.db, 'session-a', Buffer.from([9]), later(120))).toBe(true);
      expect(await findLiveSession(handles.first.db, 'session-a', later(90))).toMatchObject({ expiresAt: later(120) });
      await createSession(handles.first.db, { id: 'session-b', user, sealedTokens: null, now, expiresAt: later(10) });
      await createSession(handles.first.db, { id: 'session-c', user, sealedTokens: null, now, expiresAt: later(200) });
      expect(await deleteExpiredSessions(handles.first.db, later(150))).toBe(2);
      await deleteSession(handles.first.db, 'session-c');
      expect(await findLiveSession(handles.first.db, 'session-c', later(150))).toBeUndefined();
    });
  });
}

describeSessions('PostgreSQL server, two instances', async () => {
  const database = await createTestDatabase(inject('postgresAdminUrl'), 'sessions');
  const first = await openDatabase({ kind: 'server', url: database.appUrl });
  const second = await openDatabase({ kind: 'server', url: database.appUrl });
  return {
    first,
    second,
    cleanUp: async () => {
      await Promise.all([first.close(), second.close()]);
      await database.drop();
    },
  };
});

describeSessions('embedded PGlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-pglite-'));
  const only = await openDatabase({ kind: 'embedded', dataDir });
  return {
    first: only,
    second: only,
    cleanUp: async () => {
      await only.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
