/** The Cornerstone3D lifecycle of one stack viewport, for React: created with its element, destroyed with it. */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import { publicConfigQuery } from '../../adapters/fetchPublicConfig.ts';
import { setRenderPathSetting, startCornerstone } from './cornerstoneSetup.ts';
import { setImageCacheLimit } from './imageCache.ts';
import { setSiteTimeouts } from './archiveSafeFrames.ts';
import type { PrimaryTool } from './viewportTools.ts';
import type { ViewCommand } from './viewPresentation.ts';
import { createStackViewport, type MetadataReading, type StackImage, type StackViewportAdapter, type StackViewportSnapshot, type ViewZoomPan } from './stackViewportAdapter.ts';

const idle: StackViewportSnapshot = { state: 'loading', imageIndex: 0, imageCount: 0, voi: undefined, error: undefined, trouble: undefined, zoom: undefined, markers: undefined, presentation: undefined };
const noSubscription = () => () => undefined;

// Cornerstone3D starts when this chunk is evaluated, not when the first viewport mounts: its decode workers load
// while React renders the workspace.
startCornerstone();

/**
 * A stack viewport on `elementRef` showing `images`; recreated when `images` changes (another series).
 * `timeoutMs`: the site's time limit; `metadataReading`: the background reading of a large series' metadata,
 * which follows the displayed image.
 */
export function useStackViewport(elementRef: RefObject<HTMLDivElement | null>, images: readonly StackImage[], primaryTool: PrimaryTool, timeoutMs: number, metadataReading?: MetadataReading) {
  const [adapter, setAdapter] = useState<StackViewportAdapter | undefined>(undefined);
  const primaryRef = useRef(primaryTool);
  const publicConfig = useQuery(publicConfigQuery).data;
  const viewerConfig = publicConfig?.viewer;
  const imageCacheMB = viewerConfig?.imageCacheMB;
  const renderPathSetting = viewerConfig?.renderPath;

  useEffect(() => {
    // Before the viewport below is created: effects run in order.
    setImageCacheLimit(imageCacheMB);
    setRenderPathSetting(renderPathSetting);
    if (publicConfig) setSiteTimeouts(publicConfig.sites);
  }, [imageCacheMB, renderPathSetting, publicConfig]);

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return undefined;
    const created = createStackViewport(element, images, primaryRef.current, { timeoutMs, ...(metadataReading ? { metadataReading } : {}) });
    setAdapter(created);
    return () => {
      setAdapter(undefined);
      created.destroy();
    };
  }, [elementRef, images, timeoutMs, metadataReading]);

  useEffect(() => {
    primaryRef.current = primaryTool;
    adapter?.setPrimaryTool(primaryTool);
  }, [adapter, primaryTool]);

  const waiting = useMemo(() => ({ ...idle, imageCount: images.length }), [images.length]);
  const snapshot = useSyncExternalStore(adapter ? adapter.subscribe : noSubscription, adapter ? adapter.getSnapshot : () => waiting);
  const showImage = useCallback((index: number) => adapter?.showImage(index), [adapter]);
  const targetIndex = useCallback(() => adapter?.targetIndex() ?? 0, [adapter]);
  const setVoi = useCallback((window: Parameters<StackViewportAdapter['setVoi']>[0]) => adapter?.setVoi(window), [adapter]);
  const command = useCallback((name: ViewCommand) => adapter?.command(name), [adapter]);
  const setPresentation = useCallback((presentation: ViewZoomPan) => adapter?.setPresentation(presentation), [adapter]);
  return { snapshot, showImage, setVoi, targetIndex, command, setPresentation };
}
