/**
 * The study's reports beside the images: the newest first, the others one click away. A Structured Report is
 * shown as headed text, an encapsulated PDF as drawn pages (pdf.js, loaded only then). Every failure is shown in
 * the panel, naming the site.
 */
import { lazy, Suspense, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PublicSite } from '../../domain/config/publicConfig.ts';
import type { StudyUid } from '../../domain/dicom/identifiers.ts';
import { formatDicomDateText } from '../../domain/dicom/dicomDate.ts';
import type { StudyReport } from '../../domain/reports/studyReports.ts';
import { displayLocale } from '../../i18n/i18n.ts';
import { reportDocumentQuery, structuredReportQuery, studyReportsQuery } from './reportQueries.ts';
import { StructuredReportView } from './StructuredReportView.tsx';

/** pdf.js comes with this chunk only. */
const PdfDocumentView = lazy(() => import('./PdfDocumentView.tsx').then((module) => ({ default: module.PdfDocumentView })));

interface ReportPanelProps {
  site: PublicSite;
  studyUid: StudyUid;
}

/** `[data-testid=report]` (contract §4): the study's reports. */
export function ReportPanel({ site, studyUid }: ReportPanelProps) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.resolvedLanguage);
  const reports = useQuery(studyReportsQuery(site, studyUid));
  const [chosen, setChosen] = useState<string | undefined>();
  const list = reports.data ?? [];
  const shown = list.find((report) => report.sopInstanceUid === chosen) ?? list[0];

  return (
    <aside className="report-panel" data-testid="report" data-study-uid={studyUid} data-site-id={site.id} aria-label={t('reports.panel')} aria-busy={reports.isPending}>
      {list.length > 1 && (
        <nav className="report-list" aria-label={t('reports.choose')}>
          {list.map((report) => (
            <button
              key={report.sopInstanceUid}
              type="button"
              aria-pressed={report === shown}
              data-testid="report-choice"
              data-sop-instance-uid={report.sopInstanceUid}
              onClick={() => setChosen(report.sopInstanceUid)}
            >
              {report.title || t('reports.untitled')}
              {report.contentDate && <span className="muted"> {formatDicomDateText(report.contentDate, locale)}</span>}
            </button>
          ))}
        </nav>
      )}
      {reports.isError ? (
        <p className="report-error" role="alert" data-testid="report-error">
          {t('reports.listFailed', { site: site.name, reason: reports.error.message })}
        </p>
      ) : reports.isPending ? (
        <p className="report-loading">{t('reports.loadingList')}</p>
      ) : !shown ? (
        <p className="report-empty">{t('reports.none')}</p>
      ) : (
        <ReportBody key={shown.sopInstanceUid} site={site} studyUid={studyUid} report={shown} />
      )}
    </aside>
  );
}

function ReportBody({ site, studyUid, report }: { site: PublicSite; studyUid: StudyUid; report: StudyReport }) {
  const { t } = useTranslation();
  const sr = useQuery({ ...structuredReportQuery(site, studyUid, report), enabled: report.format === 'sr' });
  const document = useQuery({ ...reportDocumentQuery(site, studyUid, report), enabled: report.format === 'pdf' });
  const loading = <p className="report-loading">{t('reports.loading')}</p>;
  const failed = (reason: string) => (
    <p className="report-error" role="alert" data-testid="report-error">
      {t('reports.failed', { site: site.name, reason })}
    </p>
  );

  if (report.format === 'unsupported') return <p className="report-empty">{t('reports.unsupported', { format: report.sopClassUid })}</p>;
  if (report.format === 'sr') {
    if (sr.isError) return failed(sr.error.message);
    return sr.data ? <StructuredReportView report={sr.data} /> : loading;
  }
  if (document.isError) return failed(document.error.message);
  if (!document.data) return loading;
  return (
    <section className="report-document">
      <h2>{report.title || t('reports.untitled')}</h2>
      <Suspense fallback={loading}>
        <PdfDocumentView bytes={document.data.bytes} siteName={site.name} />
      </Suspense>
    </section>
  );
}
