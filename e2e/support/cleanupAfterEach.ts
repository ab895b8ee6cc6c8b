/** What a test started beyond the shared test bed (a gateway of its own, a server), stopped after it, last first. */
import { test } from '@playwright/test';

export type Cleanup = () => Promise<void> | void;

/** Registers the `afterEach` of the calling spec file and returns the list its tests push their cleanups to. */
export function cleanupAfterEach(): Cleanup[] {
  const cleanups: Cleanup[] = [];
  test.afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await Promise.resolve()
        .then(cleanup)
        .catch(() => undefined);
    }
  });
  return cleanups;
}
