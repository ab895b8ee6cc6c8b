/** One cell of the viewport grid: its series' metadata, then a stack viewer; a drop target for series. */
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SeriesUid, StudyUid } from '../domain/dicom/identifiers.ts';
import { SERIES_DRAG_TYPE } from './SeriesBrowser.tsx';
import { StackViewer, type StackViewerProps } from './StackViewer.tsx';
import { seriesFramesQuery, studySeriesQuery } from './studyStackQueries.ts';
import { seriesOpeningQuery } from './largeSeriesQueries.ts';
import { isLargeSeries } from '../domain/viewer/largeSeries.ts';
import { ViewportPlaceholder } from './ViewportPlaceholder.tsx';
import { usePrefetchHold } from './cornerstone/usePrefetchHold.ts';
import { failureReason } from '../shell/siteTroubleText.ts';

type SlotProps = Omit<StackViewerProps, 'frames' | 'seriesUid'> & {
  site: PublicSite;
  studyUid: StudyUid;
  seriesUid: SeriesUid;
  onActivate: (index: number) => void;
  onDropSeries: (index: number, seriesUid: SeriesUid) => void;
};

export function ViewportSlot(props: SlotProps) {
  const { site, studyUid, seriesUid, viewportIndex, active, onActivate, onDropSeries, onStateChange } = props;
  const { t } = useTranslation();
  const frames = useQuery(seriesFramesQuery(site, studyUid, seriesUid));
  // A large series shows its opening image while its order and metadata are on their way.
  const instanceCount = useQuery(studySeriesQuery(site, studyUid)).data?.series.find((series) => series.seriesUid === seriesUid)?.instanceCount ?? 0;
  const large = isLargeSeries(instanceCount);
  const opening = useQuery({ ...seriesOpeningQuery(site, studyUid, seriesUid, instanceCount), enabled: large && !frames.data });
  const openingFrames = useMemo(() => (opening.data ? [opening.data.frame] : undefined), [opening.data]);
  // From the slot's opening to its first image (metadata included), other viewports' series wait.
  const [firstShown, setFirstShown] = useState(false);
  usePrefetchHold(!firstShown && !frames.isError && frames.data?.length !== 0);
  const onViewerState = useCallback(
    (index: number, state: 'loading' | 'ready' | 'error') => {
      if (state !== 'loading') setFirstShown(true);
      onStateChange?.(index, state);
    },
    [onStateChange],
  );
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes(SERIES_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const dropped = event.dataTransfer.getData(SERIES_DRAG_TYPE);
    if (!dropped) return;
    event.preventDefault();
    onActivate(viewportIndex);
    onDropSeries(viewportIndex, dropped as SeriesUid);
  };
  const placeholder = (message?: string) => <ViewportPlaceholder siteId={site.id} studyUid={studyUid} seriesUid={seriesUid} viewportIndex={viewportIndex} message={message} />;
  let content;
  if (frames.isError) {
    content = placeholder(t('viewer.metadataFailed', { site: site.name, reason: failureReason(t, site.name, frames.error) }));
  } else if (frames.data && frames.data.length === 0) {
    content = placeholder(t('viewer.noImageSeries'));
  } else if (!frames.data && openingFrames) {
    content = <StackViewer {...props} frames={openingFrames} seriesImageCount={instanceCount} onStateChange={onViewerState} />;
  } else if (!frames.data) {
    content = placeholder();
  } else {
    content = <StackViewer {...props} frames={frames.data} onStateChange={onViewerState} />;
  }
  return (
    <div
      className={active ? 'viewport-slot active' : 'viewport-slot'}
      onPointerDownCapture={() => onActivate(viewportIndex)}
      onWheelCapture={() => onActivate(viewportIndex)}
      onFocusCapture={() => onActivate(viewportIndex)}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      {content}
    </div>
  );
}
