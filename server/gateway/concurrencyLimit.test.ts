import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit, type SlotWait, type Timers } from './concurrencyLimit.ts';

/** Timers driven by the test: `advance` fires what falls due, in order. */
function manualTimers() {
  let time = 0;
  let nextId = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    now: () => time,
    set: (callback, ms) => {
      nextId += 1;
      pending.set(nextId, { at: time + ms, callback });
      return nextId;
    },
    clear: (handle) => pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    time += ms;
    for (const [id, entry] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (entry.at <= time) {
        pending.delete(id);
        entry.callback();
      }
    }
  };
  return { timers, advance, pending: () => pending.size };
}

const granted = (wait: SlotWait) => {
  if (!wait.granted) throw new Error(`not granted: ${wait.reason}`);
  return wait.slot;
};

describe('concurrency limit', () => {
  it('grants up to the limit at once, then queues in arrival order', async () => {
    const { timers } = manualTimers();
    const limit = createConcurrencyLimit({ maxConcurrent: 2, maxWaitMs: 1000, timers });
    const first = granted(await limit.acquire());
    granted(await limit.acquire());
    const order: number[] = [];
    const third = limit.acquire().then((wait) => (order.push(3), wait));
    const fourth = limit.acquire().then((wait) => (order.push(4), wait));
    expect(limit.load()).toEqual({ active: 2, waiting: 2 });
    first.release();
    const thirdSlot = granted(await third);
    expect(order).toEqual([3]);
    expect(limit.load()).toEqual({ active: 2, waiting: 1 });
    thirdSlot.release();
    granted(await fourth);
    expect(order).toEqual([3, 4]);
  });

  it('releases each slot once, however many times it is released', async () => {
    const { timers } = manualTimers();
    const limit = createConcurrencyLimit({ maxConcurrent: 1, maxWaitMs: 1000, timers });
    const slot = granted(await limit.acquire());
    const second = limit.acquire();
    const third = limit.acquire();
    slot.release();
    slot.release();
    slot.release();
    granted(await second);
    expect(limit.load()).toEqual({ active: 1, waiting: 1 });
    let thirdSettled = false;
    void third.then(() => (thirdSettled = true));
    await Promise.resolve();
    expect(thirdSettled).toBe(false);
  });

  it('refuses a request that waited longer than the bound, and leaves the queue', async () => {
    const clock = manualTimers();
    const limit = createConcurrencyLimit({ maxConcurrent: 1, maxWaitMs: 1000, timers: clock.timers });
    const slot = granted(await limit.acquire());
    const waiting = limit.acquire();
    clock.advance(999);
    expect(limit.load().waiting).toBe(1);
    clock.advance(1);
    expect(await waiting).toEqual({ granted: false, reason: 'wait-too-long', waitedMs: 1000 });
    expect(limit.load()).toEqual({ active: 1, waiting: 0 });
    slot.release();
    expect(limit.load()).toEqual({ active: 0, waiting: 0 });
  });

  it('takes a request whose client went away out of the queue without using a slot', async () => {
    const clock = manualTimers();
    const limit = createConcurrencyLimit({ maxConcurrent: 1, maxWaitMs: 1000, timers: clock.timers });
    const slot = granted(await limit.acquire());
    const controller = new AbortController();
    const gone = limit.acquire(controller.signal);
    const next = limit.acquire();
    controller.abort();
    expect(await gone).toMatchObject({ granted: false, reason: 'cancelled' });
    expect(clock.pending()).toBe(1);
    slot.release();
    const nextSlot = granted(await next);
    nextSlot.release();
    expect(limit.load()).toEqual({ active: 0, waiting: 0 });
    expect(clock.pending()).toBe(0);
  });

  it('refuses at once a request whose client is already gone', async () => {
    const limit = createConcurrencyLimit({ maxConcurrent: 1, maxWaitMs: 1000, timers: manualTimers().timers });
    expect(await limit.acquire(AbortSignal.abort())).toMatchObject({ granted: false, reason: 'cancelled' });
    expect(limit.load()).toEqual({ active: 0, waiting: 0 });
  });

  it('never has more slots in use than the limit under a burst', async () => {
    const limit = createConcurrencyLimit({ maxConcurrent: 4, maxWaitMs: 10_000, timers: manualTimers().timers });
    let inUse = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const slot = granted(await limit.acquire());
        inUse += 1;
        most = Math.max(most, inUse);
        for (let tick = 0; tick < index % 5; tick += 1) await Promise.resolve();
        inUse -= 1;
        slot.release();
      }),
    );
    expect(most).toBe(4);
    expect(limit.load()).toEqual({ active: 0, waiting: 0 });
  });
});
