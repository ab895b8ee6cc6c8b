import { useMemo, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { loadedRuns } from '../domain/viewer/loadProgress.ts';
import { useLoadedFlags } from './cornerstone/imageLoadTracker.ts';

const percent = (value: number) => `${(value * 100).toFixed(3)}%`;

/**
 * The stack's scroll bar at the right edge of a viewport: which slices are loaded (light runs) and the current
 * one (marker); a click or drag moves to the slice under the pointer. The loaded runs are worked out again only when
 * the loaded count changes (at most once an animation frame), not at each slice shown.
 */
export function SliceScrollBar({ imageIds, current, onPick }: { imageIds: readonly string[]; current: number; onPick: (index: number) => void }) {
  const { t } = useTranslation();
  const { flags, loadedCount: loaded } = useLoadedFlags(imageIds);
  const runs = useMemo(() => loadedRuns(flags), [flags]);
  const count = imageIds.length;
  if (count < 2) return null;
  const pick = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const fraction = (event.clientY - box.top) / Math.max(1, box.height);
    onPick(Math.min(count - 1, Math.max(0, Math.floor(fraction * count))));
  };
  return (
    <div
      className="slice-scrollbar"
      data-testid="slice-scrollbar"
      data-loaded={loaded}
      title={t('viewer.scrollbar', { number: current + 1, count, loaded })}
      onPointerDown={(event) => {
        event.stopPropagation();
        event.currentTarget.setPointerCapture(event.pointerId);
        pick(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) pick(event);
      }}
    >
      {runs.map((run) => (
        <div key={run.start} className="slice-scrollbar-loaded" style={{ top: percent(run.start / count), height: percent((run.end - run.start) / count) }} />
      ))}
      <div className="slice-scrollbar-current" style={{ top: percent(current / count), height: `max(3px, ${percent(1 / count)})` }} />
    </div>
  );
}
