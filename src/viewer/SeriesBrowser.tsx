/**
 * The study's series beside the viewports: thumbnail (the middle image decoded in the browser, a text tile when it
 * cannot be had), modality, description, image count and how much of it is loaded. An image series goes into the
 * active viewport on click, Enter or Space, or into any viewport by drag and drop; a report or document opens
 * the report panel instead.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SeriesUid, StudyUid } from '../domain/dicom/identifiers.ts';
import { loadFraction } from '../domain/viewer/loadProgress.ts';
import { isImageSeries, type SeriesSummary } from '../domain/viewer/seriesChoice.ts';
import { useSeriesLoadedCount } from './cornerstone/imageLoadTracker.ts';
import { drawThumbnail } from './cornerstone/drawThumbnail.ts';
import { frameImageId } from './frameImageId.ts';
import { seriesFramesQuery, seriesThumbnailQuery } from './studyStackQueries.ts';
import { useReportOpen } from './reports/useReportOpen.ts';

/** The drag-and-drop type carrying a Series Instance UID. */
export const SERIES_DRAG_TYPE = 'application/x-passerelle-series';

interface SeriesBrowserProps {
  site: PublicSite;
  studyUid: StudyUid;
  series: readonly SeriesSummary[];
  activeSeriesUid: SeriesUid | undefined;
  thumbnailsAllowed: boolean;
  onPick: (seriesUid: SeriesUid) => void;
}

export function SeriesBrowser({ site, studyUid, series, activeSeriesUid, thumbnailsAllowed, onPick }: SeriesBrowserProps) {
  const { t } = useTranslation();
  const [, openReport] = useReportOpen();
  const sorted = [...series].sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER));
  return (
    <nav className="series-browser" aria-label={t('viewer.series.heading')} data-testid="series-browser">
      <ul>
        {sorted.map((entry) => {
          const image = isImageSeries(entry);
          const label = [entry.number !== undefined ? `#${entry.number}` : '', entry.modality, entry.description].filter(Boolean).join(' ');
          const body = (
            <>
              {image ? <SeriesThumbnail site={site} studyUid={studyUid} series={entry} allowed={thumbnailsAllowed} /> : <span className="series-thumbnail text">{entry.modality}</span>}
              <span className="series-text">
                <span className="series-title">
                  <strong>{entry.modality}</strong> {entry.number !== undefined && `#${entry.number}`}
                </span>
                <span className="series-description">{entry.description}</span>
                <span className="series-count">
                  {image
                    ? t('viewer.series.images', { number: entry.instanceCount })
                    : t('viewer.series.document')}
                </span>
                {image && <SeriesProgress seriesUid={entry.seriesUid} instanceCount={entry.instanceCount} />}
              </span>
            </>
          );
          return (
            <li key={entry.seriesUid} data-testid="series-tile" data-series-uid={entry.seriesUid} data-modality={entry.modality} data-kind={image ? 'image' : 'document'}>
              {image ? (
                <button
                  type="button"
                  className={entry.seriesUid === activeSeriesUid ? 'series-entry shown' : 'series-entry'}
                  aria-pressed={entry.seriesUid === activeSeriesUid}
                  title={t('viewer.series.open', { series: label })}
                  draggable
                  onDragStart={(event) => {
                    event.dataTransfer.setData(SERIES_DRAG_TYPE, entry.seriesUid);
                    event.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onPick(entry.seriesUid)}
                >
                  {body}
                </button>
              ) : (
                <button type="button" className="series-entry document" title={t('reports.toggleHint')} onClick={() => openReport(true)}>
                  {body}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** How much of a series is decoded and cached; re-rendered on its own as images arrive, not with the list. */
function SeriesProgress({ seriesUid, instanceCount }: { seriesUid: SeriesUid; instanceCount: number }) {
  const { t } = useTranslation();
  const fraction = loadFraction(useSeriesLoadedCount(seriesUid), instanceCount);
  return (
    <progress
      className="series-progress"
      data-progress={fraction.toFixed(2)}
      max={1}
      value={fraction}
      aria-label={t('viewer.series.loaded', { percent: Math.round(fraction * 100) })}
    />
  );
}

/**
 * The middle image of a series, asked for only once the first viewport's first image is under way: the decoded
 * frame of the displayed series' middle image when it has been shown, else the middle instance's first frame,
 * decoded here the same way (the archive never renders or converts it).
 */
function SeriesThumbnail({ site, studyUid, series, allowed }: { site: PublicSite; studyUid: StudyUid; series: SeriesSummary; allowed: boolean }) {
  const frames = useQuery({ ...seriesFramesQuery(site, studyUid, series.seriesUid), enabled: false });
  const middle = frames.data?.[Math.floor((frames.data.length - 1) / 2)];
  const picked = useQuery({ ...seriesThumbnailQuery(site, studyUid, series.seriesUid), enabled: allowed && !frames.data });
  const frame = middle ?? picked.data;
  const imageId = allowed && frame ? frameImageId(site, studyUid, series.seriesUid, frame) : undefined;
  if (imageId && frame) return <DecodedThumbnail imageId={imageId} instance={frame.instance} fallback={series.modality} />;
  return <span className="series-thumbnail text">{series.modality}</span>;
}

function DecodedThumbnail({ imageId, instance, fallback }: { imageId: string; instance: object; fallback: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    drawThumbnail(canvas, imageId, instance).catch(() => setFailed(true));
  }, [imageId, instance]);
  if (failed) return <span className="series-thumbnail text">{fallback}</span>;
  return <canvas ref={canvasRef} className="series-thumbnail" data-testid="series-thumbnail" width={64} height={64} />;
}
