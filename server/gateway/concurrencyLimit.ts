/**
 * A first-in, first-out bound on the requests in flight towards one upstream, so that however many viewports and
 * users ask at once, the archive never sees more than `maxConcurrent` of Passerelle's requests. A request waits
 * for a free slot at most `maxWaitMs` (the upstream's timeout), then is refused rather than left hanging.
 *
 * Each slot is released exactly once: `release()` may be called from every way a request ends (answer sent,
 * connection closed, error) and counts only the first time.
 */

export interface ConcurrencySlot {
  /** Gives the slot to the next waiting request; later calls do nothing. */
  release(): void;
}

export type SlotWait =
  | { granted: true; slot: ConcurrencySlot; waitedMs: number }
  | { granted: false; reason: 'wait-too-long'; waitedMs: number }
  | { granted: false; reason: 'cancelled'; waitedMs: number };

export interface ConcurrencyLimit {
  /** Waits for a slot; aborting `signal` while waiting takes the request out of the queue. */
  acquire(signal?: AbortSignal): Promise<SlotWait>;
  /** Slots in use and requests waiting, now. */
  load(): { active: number; waiting: number };
}

export interface Timers {
  now(): number;
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => performance.now(),
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Waiter {
  grant(): void;
}

export function createConcurrencyLimit(options: { maxConcurrent: number; maxWaitMs: number; timers?: Timers }): ConcurrencyLimit {
  const timers = options.timers ?? realTimers;
  let active = 0;
  const queue: Waiter[] = [];

  const slot = (): ConcurrencySlot => {
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        const next = queue.shift();
        // The slot passes straight to the next in line: `active` stays as it is.
        if (next) next.grant();
        else active -= 1;
      },
    };
  };

  return {
    acquire(signal) {
      const started = timers.now();
      const waited = () => timers.now() - started;
      if (signal?.aborted) return Promise.resolve({ granted: false, reason: 'cancelled', waitedMs: 0 });
      if (active < options.maxConcurrent && queue.length === 0) {
        active += 1;
        return Promise.resolve({ granted: true, slot: slot(), waitedMs: 0 });
      }
      return new Promise<SlotWait>((resolve) => {
        const leave = (reason: 'wait-too-long' | 'cancelled') => {
          const index = queue.indexOf(waiter);
          if (index === -1) return;
          queue.splice(index, 1);
          timers.clear(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve({ granted: false, reason, waitedMs: waited() });
        };
        const onAbort = () => leave('cancelled');
        const waiter: Waiter = {
          grant() {
            timers.clear(timer);
            signal?.removeEventListener('abort', onAbort);
            resolve({ granted: true, slot: slot(), waitedMs: waited() });
          },
        };
        const timer = timers.set(() => leave('wait-too-long'), options.maxWaitMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
      });
    },
    load: () => ({ active, waiting: queue.length }),
  };
}
