/**
 * Keeps the viewports of a sync group in step with the active one: scrolling by patient position along the slice
 * normal (the nearest slice, whatever the slice counts and thicknesses; see `sliceSync.ts`), and the window.
 * Only the active viewport drives: a viewport moved by synchronisation does not drive back. Studies in different
 * frames of reference start from their recorded positions; "re-align" takes the two displayed slices as the same
 * anatomy and remembers that offset for the pair of series (for the browser tab's life).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { automaticOffset } from '../../domain/viewer/automaticAlignment.ts';
import { alignmentOffset, nearestSlice } from '../../domain/viewer/sliceSync.ts';
import type { StackFrame } from '../../domain/viewer/stackFrames.ts';
import type { VoiWindow } from '../../domain/viewer/voiPresets.ts';
import type { ViewportControls } from '../StackViewer.tsx';
import type { ViewZoomPan } from '../cornerstone/stackViewportAdapter.ts';
import type { ViewportContent, ViewportSyncGroup } from '../workspacePlan.ts';
import { keepReaderOffset, readerOffset } from './alignmentMemory.ts';

export type SyncKind = 'scroll' | 'voi' | 'zoomPan';
export type SyncSwitches = Record<SyncKind, boolean>;

export interface ViewportSync {
  onImageShown(viewportIndex: number, imageIndex: number): void;
  onVoiChanged(viewportIndex: number, voi: VoiWindow): void;
  onPresentationChanged(viewportIndex: number, presentation: ViewZoomPan): void;
  /** The kinds of synchronisation acting on a viewport now (empty when none). */
  badge(viewportIndex: number): SyncKind[];
  switches: SyncSwitches;
  toggle(kind: SyncKind): void;
  /** Whether the active viewport has a scroll partner to re-align with. */
  canRealign: boolean;
  /** Takes the slices displayed now in the active viewport and its scroll partners as the same anatomy. */
  realign(): void;
}

const KINDS: readonly SyncKind[] = ['scroll', 'voi', 'zoomPan'];

/** The automatic offset of a pair of stacks, computed once per pair rather than on every scroll step. */
const automaticOffsets = new WeakMap<readonly StackFrame[], WeakMap<readonly StackFrame[], number | undefined>>();
function cachedAutomaticOffset(source: readonly StackFrame[], target: readonly StackFrame[]): number | undefined {
  let byTarget = automaticOffsets.get(source);
  if (!byTarget) automaticOffsets.set(source, (byTarget = new WeakMap()));
  if (!byTarget.has(target)) byTarget.set(target, automaticOffset(source, target));
  return byTarget.get(target);
}

function partners(groups: readonly ViewportSyncGroup[], viewportIndex: number, kind: SyncKind): number[] {
  const found = new Set<number>();
  for (const group of groups) {
    if (!group[kind] || !group.viewports.includes(viewportIndex)) continue;
    for (const other of group.viewports) if (other !== viewportIndex) found.add(other);
  }
  return [...found];
}

export function useViewportSync(
  controls: RefObject<Map<number, ViewportControls>>,
  groups: readonly ViewportSyncGroup[],
  active: number,
  contents: readonly ViewportContent[],
): ViewportSync {
  const [switches, setSwitches] = useState<SyncSwitches>({ scroll: true, voi: true, zoomPan: false });
  const state = useRef({ groups, active, contents, switches });
  useEffect(() => {
    state.current = { groups, active, contents, switches };
  }, [groups, active, contents, switches]);

  /** The reader's re-alignment of the pair if any, else the automatic one (see `automaticAlignment.ts`). */
  const offsetBetween = useCallback((source: number, target: number): number => {
    const { contents: shown } = state.current;
    const from = shown[source];
    const to = shown[target];
    const remembered = from && to ? readerOffset(from, to) : undefined;
    if (remembered !== undefined) return remembered;
    const sourceFrames = controls.current?.get(source)?.frames;
    const targetFrames = controls.current?.get(target)?.frames;
    return (sourceFrames && targetFrames && cachedAutomaticOffset(sourceFrames, targetFrames)) ?? 0;
  }, [controls]);

  const onImageShown = useCallback(
    (viewportIndex: number, imageIndex: number) => {
      const { groups: current, active: driver, switches: on } = state.current;
      if (viewportIndex !== driver || !on.scroll) return;
      const source = controls.current?.get(viewportIndex);
      if (!source) return;
      for (const other of partners(current, viewportIndex, 'scroll')) {
        const target = controls.current?.get(other);
        if (!target) continue;
        const nearest = nearestSlice(source.frames, imageIndex, target.frames, offsetBetween(viewportIndex, other));
        if (nearest !== undefined && nearest.index !== target.targetIndex()) target.showImage(nearest.index);
      }
    },
    [controls, offsetBetween],
  );

  const onVoiChanged = useCallback(
    (viewportIndex: number, voi: VoiWindow) => {
      const { groups: current, active: driver, switches: on } = state.current;
      if (viewportIndex !== driver || !on.voi) return;
      for (const other of partners(current, viewportIndex, 'voi')) controls.current?.get(other)?.setVoi(voi);
    },
    [controls],
  );

  const onPresentationChanged = useCallback(
    (viewportIndex: number, presentation: ViewZoomPan) => {
      const { groups: current, active: driver, switches: on } = state.current;
      if (viewportIndex !== driver || !on.zoomPan) return;
      for (const other of partners(current, viewportIndex, 'zoomPan')) controls.current?.get(other)?.setPresentation(presentation);
    },
    [controls],
  );

  const realign = useCallback(() => {
    const { groups: current, active: driver, contents: shown } = state.current;
    const source = controls.current?.get(driver);
    const from = shown[driver];
    if (!source || !from) return;
    for (const other of partners(current, driver, 'scroll')) {
      const target = controls.current?.get(other);
      const to = shown[other];
      const sourceFrame = source.frames[source.targetIndex()];
      const targetFrame = target?.frames[target.targetIndex()];
      if (!to || !sourceFrame || !targetFrame) continue;
      const offset = alignmentOffset(sourceFrame, targetFrame);
      if (offset !== undefined) keepReaderOffset(from, to, offset);
    }
  }, [controls]);

  const badge = (viewportIndex: number) => KINDS.filter((kind) => switches[kind] && partners(groups, viewportIndex, kind).length > 0);
  return {
    onImageShown,
    onVoiChanged,
    onPresentationChanged,
    badge,
    switches,
    toggle: (kind) => setSwitches((current) => ({ ...current, [kind]: !current[kind] })),
    canRealign: partners(groups, active, 'scroll').length > 0,
    realign,
  };
}
