import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { PublicConfig, PublicSite } from '../domain/config/publicConfig.ts';
import { asStudyUid, type StudyUid } from '../domain/dicom/identifiers.ts';
import { seriesFramesQuery, studySeriesQuery } from './studyStackQueries.ts';
import './viewer.css';

/** Cornerstone3D comes with this chunk only: the worklist never loads it. */
const StackViewer = lazy(() => import('./StackViewer.tsx').then((module) => ({ default: module.StackViewer })));

/** The viewer route: receives the study, its site and the patient group it was opened from. */
export function ViewerPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const { siteId = '', studyUid = '' } = useParams();
  const [params] = useSearchParams();
  const site = config.sites.find((candidate) => candidate.id === siteId);
  const uid = asStudyUid(studyUid, 'archive');
  return (
    <section className="viewer-page" data-testid="viewer-page" data-study-uid={studyUid} data-site-id={siteId} data-patient-key={params.get('patient') ?? ''}>
      <div className="viewer-bar">
        <h1>{t('viewer.heading')}</h1>
        <Link to="/">{t('viewer.back')}</Link>
      </div>
      <div className="viewer-stage">
        {!site ? (
          <ViewportPlaceholder siteId={siteId} studyUid={studyUid} message={t('viewer.unknownSite', { defaultValue: 'Unknown site “{{siteId}}”.', siteId })} />
        ) : !uid ? (
          <ViewportPlaceholder siteId={siteId} studyUid={studyUid} message={t('viewer.invalidStudyUid', { defaultValue: '“{{studyUid}}” is not a Study Instance UID.', studyUid })} />
        ) : (
          <StudyStack site={site} studyUid={uid} />
        )}
      </div>
    </section>
  );
}

/** The first image series of the study in one stack viewport. */
function StudyStack({ site, studyUid }: { site: PublicSite; studyUid: StudyUid }) {
  const { t } = useTranslation();
  const series = useQuery(studySeriesQuery(site, studyUid));
  const chosen = series.data?.first;
  const frames = useQuery({ ...seriesFramesQuery(site, studyUid, chosen?.seriesUid ?? ('' as never)), enabled: chosen !== undefined });
  const placeholder = (message?: string) => (
    <ViewportPlaceholder siteId={site.id} studyUid={studyUid} seriesUid={chosen?.seriesUid} message={message} />
  );

  if (series.isError) return placeholder(t('viewer.seriesFailed', { defaultValue: 'The series of this study could not be read from {{site}}: {{reason}}', site: site.name, reason: series.error.message }));
  if (series.data && !chosen) return placeholder(t('viewer.noImageSeries', { defaultValue: 'This study has no image series.' }));
  if (frames.isError) return placeholder(t('viewer.metadataFailed', { defaultValue: 'The images of this series could not be described by {{site}}: {{reason}}', site: site.name, reason: frames.error.message }));
  if (frames.data && frames.data.length === 0) return placeholder(t('viewer.noImageSeries', { defaultValue: 'This study has no image series.' }));
  if (!chosen || !frames.data) return placeholder();
  return (
    <Suspense fallback={placeholder()}>
      <StackViewer site={site} studyUid={studyUid} seriesUid={chosen.seriesUid} frames={frames.data} viewportIndex={0} />
    </Suspense>
  );
}

/** The viewport before its images can be shown: loading, or the reason they cannot be (contract §4 states). */
function ViewportPlaceholder({ siteId, studyUid, seriesUid, message }: { siteId: string; studyUid: string; seriesUid?: string; message?: string }) {
  const { t } = useTranslation();
  return (
    <div className="viewport" data-testid="viewport" data-viewport-index={0} data-study-uid={studyUid} data-series-uid={seriesUid ?? ''} data-site-id={siteId} data-state={message ? 'error' : 'loading'}>
      {message ? (
        <p className="viewport-message error" role="alert" data-testid="viewport-error">
          {message}
        </p>
      ) : (
        <p className="viewport-message" role="status">
          {t('viewer.loadingStudy', { defaultValue: 'Loading the study…' })}
        </p>
      )}
    </div>
  );
}
