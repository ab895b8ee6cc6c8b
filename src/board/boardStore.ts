/**
 * The tumour-board session kept in the browser's localStorage, so that every window of the same origin (the
 * presenter's, another monitor's) sees the same agenda; a change in one window reaches the others through the
 * `storage` event. React reads it through `useSyncExternalStore`.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { BOARD_STORAGE_KEY, parseBoardSession, serializeBoardSession, type StoredBoardSession } from '../domain/board/boardStorage.ts';
import type { BoardSession } from '../domain/board/boardSession.ts';

const listeners = new Set<() => void>();
let cached: { raw: string | null; read: StoredBoardSession } | undefined;

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(BOARD_STORAGE_KEY);
  } catch {
    return null;
  }
}

function snapshot(): StoredBoardSession {
  const raw = readRaw();
  if (!cached || cached.raw !== raw) cached = { raw, read: parseBoardSession(raw) };
  return cached.read;
}

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === BOARD_STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Stores a new session (a stored one that was unreadable is replaced). */
export function saveBoardSession(session: BoardSession): void {
  try {
    window.localStorage.setItem(BOARD_STORAGE_KEY, serializeBoardSession(session));
  } catch {
    // Storage full or refused (private mode): the session stays as it was.
  }
  notify();
}

/** The stored session (and why it was emptied, if it was), and a function to change it. */
export function useBoardSession(): [StoredBoardSession, (change: (session: BoardSession) => BoardSession) => void] {
  const read = useSyncExternalStore(subscribe, snapshot, snapshot);
  const update = useCallback((change: (session: BoardSession) => BoardSession) => saveBoardSession(change(snapshot().session)), []);
  return [read, update];
}
