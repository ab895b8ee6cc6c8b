/** How a viewport's state is written for people (overlays) and automation (contract §4 `data-*` attributes). */
import type { VoiWindow } from './voiPresets.ts';

function decimal(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Image Position (Patient) as `x\y\z` (mm, at most three decimals), `''` when unknown. */
export function formatImagePosition(position: readonly number[] | undefined): string {
  if (!position || position.length < 3 || !position.slice(0, 3).every(Number.isFinite)) return '';
  return position.slice(0, 3).map(decimal).join('\\');
}

/** A window as `center,width`, rounded to integers, `''` when unknown. */
export function formatVoi(window: VoiWindow | undefined): string {
  if (!window || !Number.isFinite(window.center) || !Number.isFinite(window.width)) return '';
  return `${decimal(Math.round(window.center))},${decimal(Math.round(window.width))}`;
}
