import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { PublicConfig, PublicSite } from '../domain/config/publicConfig.ts';
import { asStudyUid, type StudyUid } from '../domain/dicom/identifiers.ts';
import { seriesFramesQuery, studySeriesQuery } from './studyStackQueries.ts';
import { seriesOpeningQuery } from './largeSeriesQueries.ts';
import { isLargeSeries } from '../domain/viewer/largeSeries.ts';
import { isReportSeries } from '../domain/reports/studyReports.ts';
import { ReportPanel } from './reports/ReportPanel.tsx';
import { ReportToggle } from './reports/ReportToggle.tsx';
import { ViewportPlaceholder } from './ViewportPlaceholder.tsx';
import { useReportOpen } from './reports/useReportOpen.ts';
import type { SeriesSummary } from '../domain/viewer/seriesChoice.ts';
import type { WorkspacePlan } from './workspacePlan.ts';
import { ComparisonBar } from './comparison/ComparisonBar.tsx';
import { useHangingProtocol } from './comparison/useHangingProtocol.ts';
import { failureReason } from '../shell/siteTroubleText.ts';
import './viewer.css';

/** Cornerstone3D comes with this chunk only: the worklist never loads it. */
const loadWorkspace = () => import('./StudyWorkspace.tsx');
const StudyWorkspace = lazy(() => loadWorkspace().then((module) => ({ default: module.StudyWorkspace })));

/** The viewer route: receives the study, its site and the patient group it was opened from. */
export function ViewerPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  // The viewer's code (Cornerstone3D, its codecs' loader) is fetched at once, alongside the study's series list,
  // not after it: it is most of the time to the first image.
  useEffect(() => {
    void loadWorkspace();
  }, []);
  const { siteId = '', studyUid = '' } = useParams();
  const [params] = useSearchParams();
  const site = config.sites.find((candidate) => candidate.id === siteId);
  const uid = asStudyUid(studyUid, 'archive');
  return (
    <section className="viewer-page" data-testid="viewer-page" data-study-uid={studyUid} data-site-id={siteId} data-patient-key={params.get('patient') ?? ''}>
      <div className="viewer-bar">
        <h1>{t('viewer.heading')}</h1>
        <Link to="/">{t('viewer.back')}</Link>
        {site && uid && <ReportToggle />}
      </div>
      {!site ? (
        <Stage>
          <ViewportPlaceholder siteId={siteId} studyUid={studyUid} message={t('viewer.unknownSite', { siteId })} />
        </Stage>
      ) : !uid ? (
        <Stage>
          <ViewportPlaceholder siteId={siteId} studyUid={studyUid} message={t('viewer.invalidStudyUid', { studyUid })} />
        </Stage>
      ) : (
        <StudyView config={config} site={site} studyUid={uid} />
      )}
    </section>
  );
}

const NO_SERIES: readonly SeriesSummary[] = [];

/**
 * The metadata of the series a hanging protocol places is asked for as soon as the plan is known (as TanStack's
 * `usePrefetchQuery` does, during render), not once each viewport has mounted: mounting a viewport waits for the
 * main thread, which is busy drawing the first one.
 */
function usePlanMetadata(plan: WorkspacePlan | undefined) {
  const client = useQueryClient();
  for (const content of plan?.viewports ?? []) {
    const options = seriesFramesQuery(content.site, content.studyUid, content.seriesUid);
    if (!client.getQueryState(options.queryKey)) void client.prefetchQuery(options);
  }
}

function Stage({ children }: { children: ReactNode }) {
  return <div className="viewer-stage single">{children}</div>;
}

/**
 * The study's series, then the workspace. The first series' metadata is asked for here, alongside the
 * workspace's code, so that neither waits for the other.
 */
function StudyView({ config, site, studyUid }: { config: PublicConfig; site: PublicSite; studyUid: StudyUid }) {
  const { t } = useTranslation();
  const series = useQuery(studySeriesQuery(site, studyUid));
  const first = series.data?.first;
  useQuery({ ...seriesFramesQuery(site, studyUid, first?.seriesUid ?? ('' as never)), enabled: first !== undefined });
  useQuery({ ...seriesOpeningQuery(site, studyUid, first?.seriesUid ?? ('' as never), first?.instanceCount ?? 0), enabled: isLargeSeries(first?.instanceCount) });
  const protocol = useHangingProtocol(config, site, studyUid, series.data?.series ?? NO_SERIES);
  usePlanMetadata(protocol.plan);
  const [, setReportOpen] = useReportOpen();
  const wantsReport = protocol.selection?.protocol.reportPanel === true;
  useEffect(() => {
    if (wantsReport) setReportOpen(true);
  }, [wantsReport, setReportOpen]);
  const placeholder = (message?: string) => (
    <Stage>
      <ViewportPlaceholder siteId={site.id} studyUid={studyUid} seriesUid={first?.seriesUid} message={message} />
    </Stage>
  );

  if (series.isError) return placeholder(t('viewer.seriesFailed', { site: site.name, reason: failureReason(t, site.name, series.error) }));
  if (series.data && !first && series.data.series.some(isReportSeries)) {
    return (
      <div className="viewer-stage single report-only">
        <ReportPanel site={site} studyUid={studyUid} />
      </div>
    );
  }
  if (series.data && !first) return placeholder(t('viewer.noImageSeries'));
  if (!series.data || !first) return placeholder();
  return (
    <Suspense fallback={placeholder()}>
      <StudyWorkspace site={site} studyUid={studyUid} series={series.data.series} first={first} plan={protocol.plan} placing={protocol.placing}>
        <ComparisonBar config={config} state={protocol} />
      </StudyWorkspace>
    </Suspense>
  );
}
