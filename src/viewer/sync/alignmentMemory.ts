/**
 * The re-alignments the reader made, per ordered pair of series (see `sliceSync.ts`), kept for the browser tab's
 * life (sessionStorage: gone when the tab closes, never sent anywhere).
 */
import { EMPTY_OFFSET_MEMORY, rememberedOffset, rememberOffset, type OffsetMemory, type SeriesRef } from '../../domain/viewer/sliceSync.ts';

const KEY = 'passerelle.alignments';

function load(): OffsetMemory {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return EMPTY_OFFSET_MEMORY;
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1])));
  } catch {
    return EMPTY_OFFSET_MEMORY;
  }
}

/** The reader's offset from `from` to `to`, if they re-aligned that pair. */
export function readerOffset(from: SeriesRef, to: SeriesRef): number | undefined {
  return rememberedOffset(load(), from, to);
}

export function keepReaderOffset(from: SeriesRef, to: SeriesRef, offsetMm: number): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(rememberOffset(load(), from, to, offsetMm)));
  } catch {
    // Storage refused (private mode, quota): the alignment holds until the viewports change.
  }
}
