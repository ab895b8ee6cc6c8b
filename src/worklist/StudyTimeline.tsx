import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { displayLocale } from '../i18n/i18n.ts';
import { formatDicomDate } from '../domain/dicom/dicomDate.ts';
import { formatDicomTime } from '../domain/dicom/dicomTime.ts';
import { patientTimeline } from '../domain/federation/patientTimeline.ts';
import type { StudySummary } from '../domain/federation/studySummary.ts';
import { boardItemOf } from '../domain/board/boardItemOf.ts';
import { asPatientKey } from '../domain/dicom/patientKey.ts';
import { BoardToggle } from '../board/BoardToggle.tsx';

/** A patient's studies from every site, newest first; each row opens the study in the viewer. */
export function StudyTimeline({ config, studies, patientKey }: { config: PublicConfig; studies: readonly StudySummary[]; patientKey: string }) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.resolvedLanguage);
  const siteName = (siteId: string) => config.sites.find((site) => site.id === siteId)?.name ?? siteId;
  const boardKey = asPatientKey(patientKey);
  return (
    <table className="timeline">
      <thead>
        <tr>
          <th scope="col">{t('worklist.columns.date')}</th>
          <th scope="col">{t('worklist.columns.modality')}</th>
          <th scope="col">{t('worklist.columns.description')}</th>
          <th scope="col">{t('worklist.columns.site')}</th>
          <th scope="col">{t('worklist.columns.foundUnder')}</th>
          <th scope="col">{t('worklist.columns.counts')}</th>
          <th scope="col">{t('worklist.columns.report')}</th>
          <th scope="col">{t('board.column')}</th>
        </tr>
      </thead>
      <tbody>
        {patientTimeline(studies).map(({ study, hasReport }) => {
          const date = study.studyDate ? formatDicomDate(study.studyDate, locale, 'medium') : t('worklist.unknown');
          const description = study.description || study.modalities.join('/') || t('worklist.unknown');
          const href = `/viewer/${encodeURIComponent(study.siteId)}/${encodeURIComponent(study.studyUid)}?patient=${encodeURIComponent(patientKey)}`;
          return (
            <tr key={`${study.siteId}/${study.studyUid}`} data-testid="study-row" data-study-uid={study.studyUid} data-site-id={study.siteId}>
              <td>
                {date}
                {study.studyTime && <span className="muted"> {formatDicomTime(study.studyTime, locale)}</span>}
              </td>
              <td>{study.modalities.join(', ') || t('worklist.unknown')}</td>
              <td>
                <Link to={href} aria-label={t('worklist.open', { description, date })}>
                  {description}
                </Link>
                {study.accessionNumber && <span className="muted"> · {study.accessionNumber}</span>}
              </td>
              <td>{siteName(study.siteId)}</td>
              <td>
                {study.patientId} <span className="muted">({study.issuerOfPatientId ?? t('worklist.noIssuer')})</span>
              </td>
              <td>{t('worklist.counts', { series: study.seriesCount ?? '?', instances: study.instanceCount ?? '?' })}</td>
              <td>
                {hasReport && (
                  <Link className="report-marker" data-testid="report-marker" to={`${href}&report=1`} title={t('reports.toggleHint')}>
                    {t('worklist.reportAvailable')}
                  </Link>
                )}
              </td>
              <td>{boardKey && <BoardToggle item={boardItemOf(study, boardKey, siteName(study.siteId))} label={t('board.studyLabel', { description, date })} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
