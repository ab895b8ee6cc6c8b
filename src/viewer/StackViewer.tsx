/**
 * One stack viewport on a series: the Cornerstone3D canvas, its overlays, keyboard navigation and window
 * presets. Loaded lazily with Cornerstone3D, so that the worklist does not carry it.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SeriesUid, StudyUid } from '../domain/dicom/identifiers.ts';
import { overlayText } from '../domain/viewer/overlayText.ts';
import { framePath, type StackFrame } from '../domain/viewer/stackFrames.ts';
import { indexAfterKey } from '../domain/viewer/stackNavigation.ts';
import { formatImagePosition, formatVoi } from '../domain/viewer/viewportText.ts';
import { headerWindow, voiPresetForKey } from '../domain/viewer/voiPresets.ts';
import { useStackViewport } from './cornerstone/useStackViewport.ts';
import type { StackImage } from './cornerstone/stackViewportAdapter.ts';
import { ViewportOverlay } from './ViewportOverlay.tsx';

export interface StackViewerProps {
  site: PublicSite;
  studyUid: StudyUid;
  seriesUid: SeriesUid;
  frames: readonly StackFrame[];
  viewportIndex: number;
}

function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function StackViewer({ site, studyUid, seriesUid, frames, viewportIndex }: StackViewerProps) {
  const { t, i18n } = useTranslation();
  const canvasRef = useRef<HTMLDivElement>(null);
  const images = useMemo(
    (): StackImage[] =>
      frames.map((frame) => ({
        imageId: `wadors:${window.location.origin}${framePath(site.dicomweb, studyUid, seriesUid, frame)}`,
        instance: frame.instance,
        frameNumber: frame.frameNumber,
      })),
    [frames, site.dicomweb, studyUid, seriesUid],
  );
  const { snapshot, showImage, setVoi, targetIndex } = useStackViewport(canvasRef, images);
  const { state, imageIndex, imageCount, voi, error } = snapshot;
  const frame = frames[imageIndex];
  const text = useMemo(() => overlayText(frames[0]?.instance, i18n.language), [frames, i18n.language]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTextEntry(event.target)) return;
      const next = indexAfterKey(event.key, targetIndex(), imageCount);
      if (next !== undefined) {
        event.preventDefault();
        showImage(next);
        return;
      }
      const shown = frames[imageIndex]?.instance;
      const preset = voiPresetForKey(event.key, text.modality, headerWindow(shown));
      if (preset) {
        event.preventDefault();
        setVoi(preset.window);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [imageIndex, imageCount, frames, text.modality, showImage, setVoi, targetIndex]);

  return (
    <div
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
      tabIndex={0}
      aria-label={t('viewer.viewportLabel', { defaultValue: 'Images of {{series}}', series: text.seriesDescription })}
      onContextMenu={(event) => event.preventDefault()}
    >
      <div className="viewport-canvas" ref={canvasRef} />
      <ViewportOverlay text={text} siteName={site.name} imageIndex={imageIndex} imageCount={imageCount} voi={voi} />
      {state === 'loading' && <p className="viewport-message">{t('viewer.loadingImage', { defaultValue: 'Loading image…' })}</p>}
      {state === 'error' && (
        <p className="viewport-message error" role="alert" data-testid="viewport-error">
          {t('viewer.imageFailed', { defaultValue: 'Image {{number}} cannot be displayed: {{reason}}', number: imageIndex + 1, reason: error ?? '' })}
        </p>
      )}
    </div>
  );
}
