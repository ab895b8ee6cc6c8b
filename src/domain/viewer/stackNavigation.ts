/** Keyboard navigation in a stack: which image a key leads to. */

/** The step of PageUp/PageDown: a tenth of the stack, at least one image. */
export function pageStep(count: number): number {
  return Math.max(1, Math.round(count / 10));
}

/**
 * The index a key leads to from `current` in a stack of `count` images (clamped to the stack), or `undefined`
 * when the key does not navigate: ArrowUp/ArrowLeft previous, ArrowDown/ArrowRight next, PageUp/PageDown a
 * tenth of the stack, Home first, End last.
 */
export function indexAfterKey(key: string, current: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  const clamp = (index: number) => Math.min(count - 1, Math.max(0, index));
  switch (key) {
    case 'ArrowUp':
    case 'ArrowLeft':
      return clamp(current - 1);
    case 'ArrowDown':
    case 'ArrowRight':
      return clamp(current + 1);
    case 'PageUp':
      return clamp(current - pageStep(count));
    case 'PageDown':
      return clamp(current + pageStep(count));
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
