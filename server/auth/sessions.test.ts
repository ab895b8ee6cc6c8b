/** Sessions on a real PostgreSQL database with a controlled clock and a stand-in for the provider's refresh. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import type { StoredTokens } from './oidcClient.ts';
import type { RequestUser } from './requestUser.ts';
import { userFromClaims } from './roleMapping.ts';
import { deriveAuthKeys } from './sealing.ts';
import { sessionTimeouts } from './sessionLifetime.ts';
import { createSessionService, type SessionServiceOptions } from './sessions.ts';

const start = Date.UTC(2026, 5, 1, 8, 0);
const minutes = (count: number) => count * 60_000;
const user: RequestUser = { id: 'radiologue', name: 'Dr Claire Vautrin', roles: ['clinician'], signedIn: true };
const keys = deriveAuthKeys('a-client-secret-of-some-length');

let database: TestDatabase;
let handle: OpenDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject('postgresAdminUrl'), 'sessions_auth');
  handle = await openDatabase({ kind: 'server', url: database.appUrl });
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

function service(clock: { now: number }, refresh: SessionServiceOptions['client']['refresh'] = async () => ({ tokens: { accessToken: 'never' } })) {
  return createSessionService({
    db: handle.db,
    sealingKey: keys.sealing,
    client: { refresh },
    timeouts: sessionTimeouts(undefined),
    userFromClaims: (claims) => userFromClaims(claims, {}),
    now: () => clock.now,
  });
}

describe('sessions', () => {
  it('end after 30 idle minutes, and live on while used', async () => {
    const clock = { now: start };
    const sessions = service(clock);
    const id = await sessions.create(user, { accessToken: 'at' });
    clock.now = start + minutes(25);
    expect(await sessions.resolve(id)).toEqual(user);
    clock.now = start + minutes(50);
    expect(await sessions.resolve(id)).toEqual(user);
    clock.now = start + minutes(81);
    expect(await sessions.resolve(id)).toBeUndefined();
  });

  it('end 12 hours after sign-in however active', async () => {
    const clock = { now: start };
    const sessions = service(clock);
    const id = await sessions.create(user, { accessToken: 'at' });
    for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
      clock.now = start + minutes(elapsed);
      expect(await sessions.resolve(id), `${elapsed} min`).toEqual(user);
    }
    clock.now = start + minutes(12 * 60 + 1);
    expect(await sessions.resolve(id)).toBeUndefined();
  });

  it('refresh the access token once when it expires, taking the new roles', async () => {
    const clock = { now: start };
    let refreshes = 0;
    const sessions = service(clock, async (tokens: StoredTokens) => {
      refreshes += 1;
      expect(tokens.refreshToken).toBe('rt-1');
      return { tokens: { accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: clock.now + minutes(10) }, claims: { sub: 'radiologue', roles: ['clinician', 'auditor'] } };
    });
    const id = await sessions.create(user, { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: start + minutes(10) });
    clock.now = start + minutes(10);
    const [first, second] = await Promise.all([sessions.resolve(id), sessions.resolve(id)]);
    expect(refreshes).toBe(1);
    expect(first?.roles).toEqual(['clinician', 'auditor']);
    expect(second?.roles).toEqual(['clinician', 'auditor']);
    expect(await sessions.resolve(id)).toMatchObject({ roles: ['clinician', 'auditor'] });
    expect(refreshes).toBe(1);
  });

  it('end when the refresh fails, or when the access token expires without a refresh token', async () => {
    const clock = { now: start };
    const sessions = service(clock, async () => {
      throw new Error('invalid_grant');
    });
    const refreshable = await sessions.create(user, { accessToken: 'at', refreshToken: 'rt', expiresAt: start + minutes(10) });
    const unrefreshable = await sessions.create(user, { accessToken: 'at', expiresAt: start + minutes(10) });
    clock.now = start + minutes(11);
    expect(await sessions.resolve(refreshable)).toBeUndefined();
    expect(await sessions.resolve(unrefreshable)).toBeUndefined();
    clock.now = start + minutes(1);
    expect(await sessions.resolve(refreshable)).toBeUndefined();
  });

  it('are not opened under another key, and sign-out returns the tokens for the logout hint', async () => {
    const clock = { now: start };
    const sessions = service(clock);
    const id = await sessions.create(user, { accessToken: 'at', idToken: 'id-token' });
    const otherKey = createSessionService({
      db: handle.db,
      sealingKey: deriveAuthKeys('another-client-secret-entirely').sealing,
      client: { refresh: async () => ({ tokens: { accessToken: 'x' } }) },
      timeouts: sessionTimeouts(undefined),
      userFromClaims: (claims) => userFromClaims(claims, {}),
      now: () => clock.now,
    });
    const second = await sessions.create(user, { accessToken: 'at', idToken: 'id-token-2' });
    expect(await otherKey.resolve(second)).toBeUndefined();
    expect(await sessions.end(id)).toMatchObject({ idToken: 'id-token' });
    expect(await sessions.resolve(id)).toBeUndefined();
  });
});
