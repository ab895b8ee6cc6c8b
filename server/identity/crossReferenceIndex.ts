/**
 * The manager's cross-reference table (crossReferenceTable.ts) kept in memory and brought up to date, before each
 * ITI-83 answer, with one indexed read of the records changed since it last looked (migration 0006's change
 * numbers). Concurrent look-ups share a read, but never one that began before they arrived: a look-up that starts
 * after a change committed, at this gateway or another on the same database, always sees it (an unlink by an
 * identity officer takes effect at once). Under 50 look-ups in flight this is one or two reads, where each look-up
 * reading its person itself queued 50 reads on the database's connection (`npm run bench:identity:feed`).
 */
import { recordsChangedSince, type IdentityDb } from '../db/identityStore.ts';
import { CrossReferenceTable } from './crossReferenceTable.ts';

export interface CrossReferenceIndex {
  /** The table, with every change committed before this call applied. */
  current(): Promise<CrossReferenceTable>;
}

export function createCrossReferenceIndex(db: IdentityDb): CrossReferenceIndex {
  const table = new CrossReferenceTable();
  let seen = '0';
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;

  const readChanges = async () => {
    const changes = await recordsChangedSince(db, seen);
    for (const change of changes) table.apply(change);
    const last = changes.at(-1);
    if (last) seen = last.changedSeq;
  };

  const sync = (): Promise<void> => {
    if (!running) {
      running = readChanges().finally(() => {
        running = undefined;
      });
      return running;
    }
    // The read under way may have begun before a change this caller must see: wait for it, then read again.
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return sync();
      });
    return next;
  };

  return {
    async current() {
      await sync();
      return table;
    },
  };
}
