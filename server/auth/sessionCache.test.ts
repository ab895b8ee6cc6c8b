import { describe, expect, it } from 'vitest';
import type { RequestUser } from './requestUser.ts';
import { cachedSessions } from './sessionCache.ts';
import type { SessionService } from './sessions.ts';

const user: RequestUser = { id: 'u1', roles: ['clinician'], signedIn: true };

function counting(answer: () => RequestUser | undefined) {
  const calls = { resolve: 0, end: 0 };
  const inner: SessionService = {
    create: () => Promise.resolve('id'),
    resolve: () => {
      calls.resolve += 1;
      return Promise.resolve(answer());
    },
    end: () => {
      calls.end += 1;
      return Promise.resolve(undefined);
    },
  };
  return { inner, calls };
}

describe('cachedSessions', () => {
  it('reads a session once for parallel and close requests, and again once the entry lapses', async () => {
    let clock = 0;
    const { inner, calls } = counting(() => user);
    const sessions = cachedSessions(inner, { ttlMs: 2000, now: () => clock });
    await Promise.all([sessions.resolve('s'), sessions.resolve('s'), sessions.resolve('s')]);
    clock = 1999;
    expect(await sessions.resolve('s')).toEqual(user);
    expect(calls.resolve).toBe(1);
    clock = 2000;
    await sessions.resolve('s');
    expect(calls.resolve).toBe(2);
  });

  it('forgets a session at sign-out at once, and never remembers an unknown one', async () => {
    let known = true;
    const { inner, calls } = counting(() => (known ? user : undefined));
    const sessions = cachedSessions(inner, { ttlMs: 60_000, now: () => 0 });
    await sessions.resolve('s');
    await sessions.end('s');
    known = false;
    expect(await sessions.resolve('s')).toBeUndefined();
    expect(await sessions.resolve('s')).toBeUndefined();
    expect(calls.resolve).toBe(3);
  });

  it('does not remember a session read while its sign-out is being written', async () => {
    // The viewer's image requests keep coming while the reader signs out: a read that starts after the sign-out
    // began, but answers from the row not yet deleted, must not keep the session alive for the entry's lifetime.
    let rowDeleted = false;
    let finishEnd: () => void = () => undefined;
    const inner: SessionService = {
      create: () => Promise.resolve('id'),
      resolve: () => Promise.resolve(rowDeleted ? undefined : user),
      end: () => new Promise((done) => (finishEnd = () => ((rowDeleted = true), done(undefined)))),
    };
    const sessions = cachedSessions(inner, { ttlMs: 60_000, now: () => 0 });
    expect(await sessions.resolve('s')).toEqual(user);
    const ending = sessions.end('s');
    expect(await sessions.resolve('s')).toBeUndefined();
    finishEnd();
    await ending;
    expect(await sessions.resolve('s')).toBeUndefined();
  });
});
