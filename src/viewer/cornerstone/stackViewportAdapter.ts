/**
 * A stack viewport on one element: enables it, binds the tools (see viewportTools.ts), loads the stack (the
 * displayed image alone first), prefetches its other images around the displayed one once it is shown (see
 * stackPrefetcher.ts), keeps its displayed neighbourhood in the image cache, and keeps a snapshot of what is
 * displayed for the page.
 */
import { cache, Enums, eventTarget, type StackViewport, type Types } from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import { failureOfException, type ImageFailure } from '../../domain/viewer/imageFailure.ts';
import { ImageLoadFailure } from './storedInstance.ts';
import { rangeToWindow, windowToRange, type VoiWindow } from '../../domain/viewer/voiPresets.ts';
import type { UpstreamTrouble } from '../../domain/federation/upstreamTrouble.ts';
import { troubleOf } from '../../adapters/siteTrouble.ts';
import type { OrientationMarkers } from '../../domain/viewer/orientationMarkers.ts';
import { neighbourhood, prefetchCapacity } from '../../domain/viewer/imageCacheBudget.ts';
import { imageCacheLimit, protectImages, viewportsUsingCache } from './imageCache.ts';
import { deferInstanceMetadata, registerInstanceMetadata } from './metadataGate.ts';
import { awaitFirstImage, createStackPrefetcher } from './stackPrefetcher.ts';
import { sharedRenderingEngine, startCornerstone } from './cornerstoneSetup.ts';
import { applyViewCommand, cornerstoneZoom, currentMarkers, currentZoom, type ViewCommand } from './viewPresentation.ts';
import { createViewportTools, setPrimaryTool, type PrimaryTool } from './viewportTools.ts';

/** One image of the stack: its `wadors:` image id and its instance's WADO-RS metadata. */
export interface StackImage {
  imageId: string;
  instance: object;
  /** 1-based frame number in its instance: metadata is registered once per instance, on frame 1. */
  frameNumber: number;
  /** Where `instance` is not the full metadata (a large series): reads it, before the frame is requested. */
  readMetadata?: () => Promise<object>;
}

/** The background reading of a large series' metadata, kept around the displayed image. */
export interface MetadataReading {
  centre(index: number, window: number): void;
  pause(): void;
}

export interface StackViewportSnapshot {
  state: 'loading' | 'ready' | 'error';
  /** The image shown, or asked for when it failed (0-based display order). */
  imageIndex: number;
  imageCount: number;
  voi: VoiWindow | undefined;
  /** Why the current image is not shown, when `state` is `error`. */
  error: ImageFailure | undefined;
  /** When the image failed because the gateway could not get it from its site: what happened to the site. */
  trouble: UpstreamTrouble | undefined;
  /** Magnification relative to fitting the image. */
  zoom: number | undefined;
  /** Patient directions at the edges, from the camera. */
  markers: OrientationMarkers | undefined;
  /** Zoom and pan as Cornerstone's view presentation (relative to the fitted image), for zoom/pan synchronisation. */
  presentation: ViewZoomPan | undefined;
}

/** Zoom relative to fit, and pan relative to the viewport's size. */
export interface ViewZoomPan {
  zoom: number;
  pan: readonly [number, number];
}

export interface StackViewportAdapter {
  subscribe(listener: () => void): () => void;
  getSnapshot(): StackViewportSnapshot;
  /** The image last asked for (shown, loading or failed): keys held down step from it, not from the last shown. */
  targetIndex(): number;
  showImage(index: number): void;
  setVoi(window: VoiWindow): void;
  command(command: ViewCommand): void;
  setPrimaryTool(tool: PrimaryTool): void;
  /** Applies another viewport's zoom and pan. */
  setPresentation(presentation: ViewZoomPan): void;
  destroy(): void;
}

let sequence = 0;

/** Zoom 1 and no pan: the image as fitted. */
function isFitted(presentation: ViewZoomPan | undefined): boolean {
  return presentation === undefined || (Math.abs(presentation.zoom - 1) < 0.01 && Math.hypot(presentation.pan[0], presentation.pan[1]) < 0.01);
}

/** Pan is Cornerstone's, normalised by its own zoom; `zoom` is relative to the fitted image (currentZoom). */
function zoomPan(viewport: StackViewport, zoom: number | undefined): ViewZoomPan | undefined {
  const { pan } = viewport.getViewPresentation({ pan: true });
  if (zoom === undefined || pan === undefined) return undefined;
  return { zoom, pan: [pan[0], pan[1]] };
}

/** Registers the images' metadata, or defers it to their read; the returned function forgets the deferred ones. */
function registerMetadata(images: readonly StackImage[]): () => void {
  const forget: (() => void)[] = [];
  for (const image of images) {
    if (image.readMetadata) forget.push(deferInstanceMetadata(image.imageId, image.readMetadata));
    else if (image.frameNumber === 1) registerInstanceMetadata(image.imageId, image.instance);
  }
  return () => {
    for (const undo of forget) undo();
  };
}

function failureOf(error: unknown): ImageFailure {
  return error instanceof ImageLoadFailure ? error.failure : failureOfException(error);
}

export interface StackViewportOptions {
  /** The site's time limit for one request: an image neither shown nor failed well after it is said late. */
  timeoutMs: number;
  initialIndex?: number;
  /** For a large series: the reading of its metadata, kept around the displayed image with the prefetch window. */
  metadataReading?: MetadataReading;
}

/**
 * How long an image may take before its slice says so: a frame request, then possibly the stored instance
 * (archiveSafeFrames.ts), each within the site's limit, and the decoding.
 */
export function imageDeadlineMs(timeoutMs: number): number {
  return 2 * timeoutMs + 2000;
}

/** Enables `element` as a stack viewport showing `images` from `options.initialIndex`. */
export function createStackViewport(element: HTMLDivElement, images: readonly StackImage[], primaryTool: PrimaryTool, options: StackViewportOptions): StackViewportAdapter {
  const initialIndex = options.initialIndex ?? 0;
  const { metadataReading } = options;
  startCornerstone();
  sequence += 1;
  const viewportId = `passerelle-stack-${sequence}`;
  const toolGroupId = `passerelle-tools-${sequence}`;
  const imageIds = images.map((image) => image.imageId);
  const forgetDeferred = registerMetadata(images);

  let snapshot: StackViewportSnapshot = { state: 'loading', imageIndex: initialIndex, imageCount: images.length, voi: undefined, error: undefined, trouble: undefined, zoom: undefined, markers: undefined, presentation: undefined };
  const listeners = new Set<() => void>();
  const update = (change: Partial<StackViewportSnapshot>) => {
    const next = { ...snapshot, ...change };
    const same = (Object.keys(next) as (keyof StackViewportSnapshot)[]).every((key) =>
      key === 'voi'
        ? next.voi?.center === snapshot.voi?.center && next.voi?.width === snapshot.voi?.width
        : key === 'markers' || key === 'presentation'
          ? JSON.stringify(next[key]) === JSON.stringify(snapshot[key])
          : next[key] === snapshot[key],
    );
    if (same) return;
    snapshot = next;
    for (const listener of listeners) listener();
  };

  const renderingEngine = sharedRenderingEngine();
  const renderingEngineId = renderingEngine.id;
  renderingEngine.enableElement({ viewportId, type: Enums.ViewportType.STACK, element, defaultOptions: { background: [0, 0, 0] as Types.Point3 } });
  const viewport = renderingEngine.getViewport(viewportId) as StackViewport;

  const toolGroup = createViewportTools(toolGroupId, primaryTool);
  toolGroup.addViewport(viewportId, renderingEngineId);

  /** The index last asked for: a failure of any other (an older request) is not the displayed image's. */
  let wanted = initialIndex;
  /** The wanted index whose load failed, until it is asked for again. */
  let failedIndex = -1;
  const prefetcher = createStackPrefetcher(imageIds);
  const firstImageShown = awaitFirstImage(viewportId);
  const kept = (index: number) => neighbourhood(index, imageIds.length).map((near) => imageIds[near] ?? '');
  const unprotect = protectImages(() => (wanted === snapshot.imageIndex ? kept(wanted) : [...kept(wanted), ...kept(snapshot.imageIndex)]));
  /** Images besides the displayed one this viewport may keep ready: its share of the cache. */
  const capacity = () => prefetchCapacity(imageCacheLimit(), viewport.getCornerstoneImage()?.sizeInBytes ?? 0, viewportsUsingCache());

  /** Ends a wait that nothing answers (a request or a decoder that never settles) as a failure of that slice. */
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const watch = (index: number) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (index !== wanted || (snapshot.state === 'ready' && snapshot.imageIndex === index)) return;
      failedIndex = index;
      firstImageShown();
      update({ state: 'error', imageIndex: index, error: { kind: 'timeout', seconds: Math.round(imageDeadlineMs(options.timeoutMs) / 1000) } });
    }, imageDeadlineMs(options.timeoutMs));
  };

  const onNewImage = (event: Event) => {
    const { imageIdIndex } = (event as CustomEvent<{ imageIdIndex: number }>).detail;
    wanted = imageIdIndex;
    update({ imageIndex: imageIdIndex });
  };
  const onRendered = () => {
    const range = viewport.getProperties().voiRange;
    const index = viewport.getCurrentImageIdIndex();
    if (index !== wanted) return;
    // A render before the wanted image has arrived (the CPU path draws the empty viewport once it is enabled)
    // does not show it either.
    if (viewport.getCornerstoneImage()?.imageId !== imageIds[index]) return;
    // A render after the wanted image failed to load (the canvas is blank) does not show it.
    if (index === failedIndex) return;
    const zoom = currentZoom(viewport);
    clearTimeout(watchdog);
    update({
      state: 'ready',
      imageIndex: index,
      error: undefined,
      trouble: undefined,
      voi: range ? rangeToWindow(range) : undefined,
      zoom,
      markers: currentMarkers(viewport),
      presentation: zoomPan(viewport, zoom),
    });
    firstImageShown();
    const window = capacity();
    metadataReading?.centre(index, window);
    prefetcher.centre(index, window);
  };
  const onVoi = (event: Event) => {
    const range = (event as CustomEvent<{ range?: { lower: number; upper: number } }>).detail.range;
    if (range) update({ voi: rangeToWindow(range) });
  };
  const onPreNewImage = (event: Event) => {
    const { imageIdIndex, imageId } = (event as CustomEvent<{ imageIdIndex: number; imageId: string }>).detail;
    wanted = imageIdIndex;
    failedIndex = -1;
    watch(imageIdIndex);
    if (!cache.isLoaded(imageId)) prefetcher.hold();
  };
  const onLoadError = (event: Event) => {
    const detail = (event as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
    const index = detail.imageId === undefined ? -1 : imageIds.indexOf(detail.imageId);
    if (index === -1 || index !== wanted) return;
    clearTimeout(watchdog);
    failedIndex = index;
    firstImageShown();
    update({ state: 'error', imageIndex: index, error: failureOf(detail.error), trouble: troubleOf(detail.error) });
  };
  element.addEventListener(Enums.Events.PRE_STACK_NEW_IMAGE, onPreNewImage);
  element.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
  element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
  element.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);
  eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);

  // A viewport that was fitted stays fitted when its size changes (a new layout); one the reader zoomed or panned
  // keeps its camera.
  const resizeObserver = new ResizeObserver(() => {
    const fitted = isFitted(snapshot.presentation);
    renderingEngine.resize(true, true);
    if (fitted && snapshot.state === 'ready') {
      viewport.resetCamera({ resetPan: true, resetZoom: true });
      viewport.render();
    }
  });
  resizeObserver.observe(element);

  const failed = (index: number) => (error: unknown) => {
    if (index === wanted) {
      failedIndex = index;
      clearTimeout(watchdog);
    }
    firstImageShown();
    if (index === wanted) update({ state: 'error', imageIndex: index, error: failureOf(error), trouble: troubleOf(error) });
  };
  if (images.length === 0) {
    firstImageShown();
    update({ state: 'error', error: { kind: 'no-images' } });
  } else {
    watch(initialIndex);
    viewport.setStack(imageIds, initialIndex).catch(failed(initialIndex));
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    targetIndex: () => wanted,
    showImage(index) {
      if (index < 0 || index >= imageIds.length || index === wanted) return;
      wanted = index;
      viewport.setImageIdIndex(index).catch(failed(index));
    },
    setVoi(window) {
      viewport.setProperties({ voiRange: windowToRange(window) });
      viewport.render();
    },
    command(command) {
      if (snapshot.state === 'loading') return;
      applyViewCommand(viewport, command);
    },
    setPrimaryTool(tool) {
      setPrimaryTool(toolGroup, tool);
    },
    setPresentation(presentation) {
      if (snapshot.state === 'loading') return;
      viewport.setViewPresentation({ zoom: cornerstoneZoom(viewport, presentation.zoom), pan: [presentation.pan[0], presentation.pan[1]] });
      viewport.render();
    },
    destroy() {
      clearTimeout(watchdog);
      firstImageShown();
      prefetcher.destroy();
      metadataReading?.pause();
      forgetDeferred();
      unprotect();
      resizeObserver.disconnect();
      element.removeEventListener(Enums.Events.PRE_STACK_NEW_IMAGE, onPreNewImage);
      element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
      element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      element.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
      ToolGroupManager.destroyToolGroup(toolGroupId);
      renderingEngine.disableElement(viewportId);
      listeners.clear();
    },
  };
}
