/**
 * One stack viewport on a series: the Cornerstone3D canvas, its overlays, orientation markers, slice scroll
 * bar, cine, keyboard navigation and window presets. Loaded lazily with Cornerstone3D, so that the worklist does
 * not carry it.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { displayLocale } from '../i18n/i18n.ts';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SeriesUid, StudyUid } from '../domain/dicom/identifiers.ts';
import { imageOverlayText, overlayText } from '../domain/viewer/overlayText.ts';
import { frameInstance, type StackFrame } from '../domain/viewer/stackFrames.ts';
import { frameImageId } from './frameImageId.ts';
import { imageFailureText } from './imageFailureText.ts';
import { indexAfterKey } from '../domain/viewer/stackNavigation.ts';
import { formatImagePosition, formatVoi } from '../domain/viewer/viewportText.ts';
import { headerWindow, voiPresetForKey, type VoiWindow } from '../domain/viewer/voiPresets.ts';
import { useStackViewport } from './cornerstone/useStackViewport.ts';
import { useLoadedCountAttribute } from './cornerstone/imageLoadTracker.ts';
import type { StackImage, ViewZoomPan } from './cornerstone/stackViewportAdapter.ts';
import type { ViewCommand } from './cornerstone/viewPresentation.ts';
import type { PrimaryTool } from './cornerstone/viewportTools.ts';
import { OrientationMarkerLabels } from './OrientationMarkerLabels.tsx';
import { SliceScrollBar } from './SliceScrollBar.tsx';
import { ViewportOverlay } from './ViewportOverlay.tsx';
import { isTextEntry } from '../shell/isTextEntry.ts';
import { siteTroubleText } from '../shell/siteTroubleText.ts';

/** What the toolbar and the synchronisation of viewports can ask of a viewport. */
export interface ViewportControls {
  command(command: ViewCommand): void;
  showImage(index: number): void;
  setVoi(window: VoiWindow): void;
  /** The image shown or last asked for (0-based display order). */
  targetIndex(): number;
  setPresentation(presentation: ViewZoomPan): void;
  /** The stack's frames in display order (positions for synchronisation). */
  frames: readonly StackFrame[];
}

export interface StackViewerProps {
  site: PublicSite;
  studyUid: StudyUid;
  seriesUid: SeriesUid;
  frames: readonly StackFrame[];
  viewportIndex: number;
  active: boolean;
  primaryTool: PrimaryTool;
  showOverlays: boolean;
  playing: boolean;
  frameRate: number;
  onStateChange?: (index: number, state: 'loading' | 'ready' | 'error') => void;
  registerControls: (index: number, controls: ViewportControls | undefined) => void;
  /** The displayed image changed (0-based display order). */
  onImageShown?: (viewportIndex: number, imageIndex: number) => void;
  /** The window changed, by the user or a preset. */
  onVoiChanged?: (viewportIndex: number, voi: VoiWindow) => void;
  /** The zoom or pan changed. */
  onPresentationChanged?: (viewportIndex: number, presentation: ViewZoomPan) => void;
  /** What keeps this viewport in step with others (`scroll`, `voi`, `zoomPan`), shown on it. */
  syncBadge?: readonly string[];
  /** The series' image count while `frames` holds only its opening image (a large series whose order is on its way). */
  seriesImageCount?: number;
}

const NO_SYNC: readonly string[] = [];

export function StackViewer(props: StackViewerProps) {
  const { site, studyUid, seriesUid, frames, viewportIndex, active, primaryTool, showOverlays, playing, frameRate, onStateChange, registerControls, onImageShown, onVoiChanged, onPresentationChanged, syncBadge = NO_SYNC, seriesImageCount } = props;
  const { t, i18n } = useTranslation();
  const canvasRef = useRef<HTMLDivElement>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const images = useMemo(
    (): StackImage[] =>
      frames.map((frame) => {
        const { deferred, sopInstanceUid } = frame;
        const known = deferred?.known(sopInstanceUid);
        return {
          imageId: frameImageId(site, studyUid, seriesUid, frame),
          instance: known ?? frame.instance,
          frameNumber: frame.frameNumber,
          ...(deferred && !known ? { readMetadata: () => deferred.read(sopInstanceUid) } : {}),
        };
      }),
    [frames, site, studyUid, seriesUid],
  );
  const metadataReading = frames[0]?.deferred;
  const imageIds = useMemo(() => images.map((image) => image.imageId), [images]);
  useLoadedCountAttribute(viewportRef, imageIds);
  const { snapshot, showImage, setVoi, targetIndex, command, setPresentation } = useStackViewport(canvasRef, images, primaryTool, site.timeoutMs, metadataReading);
  const { state, imageIndex, voi, error, trouble, zoom, markers, presentation } = snapshot;
  const imageCount = seriesImageCount ?? snapshot.imageCount;
  const frame = frames[imageIndex];
  // The displayed image's metadata is read before its frame: once shown, it is known.
  const shownInstance = frame && frameInstance(frame);
  const locale = displayLocale(i18n.resolvedLanguage);
  const text = useMemo(() => overlayText(frames[0]?.instance, locale), [frames, locale]);
  const imageText = useMemo(() => imageOverlayText(shownInstance), [shownInstance]);
  const hasOrientation = shownInstance?.['00200037'] !== undefined;

  useEffect(() => {
    onStateChange?.(viewportIndex, state);
  }, [onStateChange, viewportIndex, state]);

  useEffect(() => {
    registerControls(viewportIndex, { command, showImage, setVoi, targetIndex, setPresentation, frames });
    return () => registerControls(viewportIndex, undefined);
  }, [registerControls, viewportIndex, command, showImage, setVoi, targetIndex, setPresentation, frames]);

  useEffect(() => {
    if (presentation) onPresentationChanged?.(viewportIndex, presentation);
  }, [onPresentationChanged, viewportIndex, presentation]);

  useEffect(() => {
    onImageShown?.(viewportIndex, imageIndex);
  }, [onImageShown, viewportIndex, imageIndex]);

  useEffect(() => {
    if (voi) onVoiChanged?.(viewportIndex, voi);
  }, [onVoiChanged, viewportIndex, voi]);

  useEffect(() => {
    if (!playing || imageCount < 2) return undefined;
    const timer = window.setInterval(() => showImage((targetIndex() + 1) % imageCount), 1000 / Math.max(1, frameRate));
    return () => window.clearInterval(timer);
  }, [playing, frameRate, imageCount, showImage, targetIndex]);

  useEffect(() => {
    if (!active) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTextEntry(event.target)) return;
      const next = indexAfterKey(event.key, targetIndex(), imageCount);
      if (next !== undefined) {
        event.preventDefault();
        showImage(next);
        return;
      }
      const preset = voiPresetForKey(event.key, text.modality, headerWindow(shownInstance));
      if (preset) {
        event.preventDefault();
        setVoi(preset.window);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, imageCount, shownInstance, text.modality, showImage, setVoi, targetIndex]);

  return (
    <div
      ref={viewportRef}
      className="viewport"
      data-testid="viewport"
      data-viewport-index={viewportIndex}
      data-study-uid={studyUid}
      data-series-uid={seriesUid}
      data-site-id={site.id}
      data-image-index={imageIndex}
      data-image-count={imageCount}
      data-image-position={formatImagePosition(frame?.position)}
      data-voi={formatVoi(voi)}
      data-state={state}
      data-sync={syncBadge.join(' ')}
      data-active={active}
      tabIndex={0}
      aria-label={t('viewer.viewportLabel', { series: text.seriesDescription })}
      onContextMenu={(event) => event.preventDefault()}
    >
      <div className="viewport-canvas" ref={canvasRef} />
      {showOverlays && (
        <>
          <ViewportOverlay text={text} imageText={imageText} siteName={site.name} imageIndex={imageIndex} imageCount={imageCount} voi={voi} zoom={zoom} />
          {hasOrientation && markers && state === 'ready' && <OrientationMarkerLabels markers={markers} />}
        </>
      )}
      {syncBadge.length > 0 && (
        <p className="viewport-sync" data-testid="viewport-sync">
          {t('viewer.sync.badge', { kinds: syncBadge.map((kind) => t(`viewer.sync.kinds.${kind}`)).join(' · ') })}
        </p>
      )}
      <SliceScrollBar imageIds={imageIds} current={imageIndex} onPick={showImage} />
      {state === 'loading' && <p className="viewport-message">{t('viewer.loadingImage')}</p>}
      {state === 'error' && (
        <p className="viewport-message error" role="alert" data-testid="viewport-error">
          {t('viewer.imageFailed', { number: imageIndex + 1, reason: trouble ? siteTroubleText(t, site.name, trouble) : imageFailureText(t, error, site.name) })}
        </p>
      )}
    </div>
  );
}
