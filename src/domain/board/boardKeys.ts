/**
 * The board's keys: N or Ctrl+→ for the next item, P or Ctrl+← for the previous. The viewer keeps the plain
 * arrows, PageUp/PageDown, Home/End for the slices of the shown series, and its letters (I, R, H, V, C, O, A)
 * and digits for its tools, so the two never compete.
 */

/** The key's step through the board's items (+1, -1), or 0 when it is not a board key. */
export function boardStepOfKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): number {
  if (event.altKey || event.metaKey) return 0;
  if (event.ctrlKey) return event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
  const key = event.key.toLowerCase();
  return key === 'n' ? 1 : key === 'p' ? -1 : 0;
}
