/**
 * One board item on screen: its patient banner over the study's first image series, shown by the viewer's own
 * viewport. The series' metadata must carry the item's Patient ID and Issuer of Patient ID (PS3.3 §C.7.1.1)
 * before any image is shown: otherwise the images are withheld and an error says why. Loaded with
 * Cornerstone3D, lazily.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PublicConfig, PublicSite } from '../domain/config/publicConfig.ts';
import type { PatientBannerStyle } from '../domain/board/bannerColors.ts';
import type { BoardItem } from '../domain/board/boardSession.ts';
import { seriesIdentityMismatch } from '../domain/board/seriesIdentity.ts';
import type { SeriesSummary } from '../domain/viewer/seriesChoice.ts';
import { seriesFramesQuery, studySeriesQuery } from '../viewer/studyStackQueries.ts';
import { frameInstance } from '../domain/viewer/stackFrames.ts';
import { ViewportPlaceholder } from '../viewer/ViewportPlaceholder.tsx';
import { ViewportSlot } from '../viewer/ViewportSlot.tsx';
import { PatientBanner } from './PatientBanner.tsx';

interface BoardViewportProps {
  config: PublicConfig;
  item: BoardItem;
  bannerStyle: PatientBannerStyle;
  viewportIndex: number;
  /** The item navigated to: its viewport takes the keys (slices, windows). */
  current: boolean;
}

export function BoardViewport({ config, item, bannerStyle, viewportIndex, current }: BoardViewportProps) {
  const { t } = useTranslation();
  const site = config.sites.find((candidate) => candidate.id === item.siteId);
  return (
    <section className={current ? 'board-viewport current' : 'board-viewport'} data-testid="board-item" data-index={viewportIndex} data-current={current} data-study-uid={item.studyUid} data-site-id={item.siteId}>
      <PatientBanner item={item} style={bannerStyle} />
      <div className="board-image">
        {site ? (
          <BoardSeries site={site} item={item} viewportIndex={viewportIndex} current={current} />
        ) : (
          <ViewportPlaceholder siteId={item.siteId} studyUid={item.studyUid} viewportIndex={viewportIndex} message={t('board.unknownSite', { siteId: item.siteId })} />
        )}
      </div>
    </section>
  );
}

function BoardSeries({ site, item, viewportIndex, current }: { site: PublicSite; item: BoardItem; viewportIndex: number; current: boolean }) {
  const { t } = useTranslation();
  const series = useQuery(studySeriesQuery(site, item.studyUid));
  const placeholder = (message?: string) => <ViewportPlaceholder siteId={site.id} studyUid={item.studyUid} seriesUid={series.data?.first?.seriesUid} viewportIndex={viewportIndex} message={message} />;
  if (series.isError) return placeholder(t('viewer.seriesFailed', { site: site.name, reason: series.error.message }));
  if (!series.data) return placeholder();
  if (!series.data.first) return placeholder(t('viewer.noImageSeries'));
  return <CheckedSeries site={site} item={item} first={series.data.first} viewportIndex={viewportIndex} current={current} />;
}

const noop = () => undefined;

function CheckedSeries({ site, item, first, viewportIndex, current }: { site: PublicSite; item: BoardItem; first: SeriesSummary; viewportIndex: number; current: boolean }) {
  const { t } = useTranslation();
  const frames = useQuery(seriesFramesQuery(site, item.studyUid, first.seriesUid));
  const placeholder = (message?: string) => <ViewportPlaceholder siteId={site.id} studyUid={item.studyUid} seriesUid={first.seriesUid} viewportIndex={viewportIndex} message={message} />;
  if (frames.isError) return placeholder(t('viewer.metadataFailed', { site: site.name, reason: frames.error.message }));
  if (!frames.data) return placeholder();
  if (frames.data.length === 0) return placeholder(t('viewer.noImageSeries'));
  // A large series' instances carry their search answer, which need not name the issuer: those whose full
  // metadata is read (the opening one at least) are checked.
  const mismatch = seriesIdentityMismatch(item.patient, frames.data.filter((frame) => !frame.deferred || frame.deferred.known(frame.sopInstanceUid)).map(frameInstance));
  if (mismatch) {
    return (
      <div className="viewport board-mismatch" data-testid="viewport" data-viewport-index={viewportIndex} data-study-uid={item.studyUid} data-series-uid={first.seriesUid} data-site-id={site.id} data-state="error">
        <p className="identity-mismatch" role="alert" data-testid="identity-mismatch">
          {t('board.identityMismatch', {
            patientId: mismatch.patientId || t('worklist.unknown'),
            issuer: mismatch.issuerOfPatientId || t('worklist.noIssuer'),
            expected: item.patient.patientId,
            expectedIssuer: item.patient.issuerOfPatientId || t('worklist.noIssuer'),
          })}
        </p>
      </div>
    );
  }
  return (
    <ViewportSlot
      site={site}
      studyUid={item.studyUid}
      seriesUid={first.seriesUid}
      viewportIndex={viewportIndex}
      active={current}
      primaryTool="windowLevel"
      showOverlays
      playing={false}
      frameRate={10}
      registerControls={noop}
      onActivate={noop}
      onDropSeries={noop}
    />
  );
}
