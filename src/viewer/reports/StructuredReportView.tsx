/**
 * A Structured Report (PS3.3 §C.17) as headed text: title, status, observers, date, then its content tree with
 * one heading level per CONTAINER. Every DICOM string is untrusted and goes into React text nodes only: markup
 * shows as text, and links are neither made nor followed.
 */
import { useTranslation } from 'react-i18next';
import { formatDicomDateText } from '../../domain/dicom/dicomDate.ts';
import { formatDicomTimeText } from '../../domain/dicom/dicomTime.ts';
import type { ReportNode, StructuredReport } from '../../domain/reports/structuredReport.ts';
import { displayLocale } from '../../i18n/i18n.ts';

type HeadingLevel = 3 | 4 | 5 | 6;

function dateTimeText(value: string, locale: string): string {
  const date = formatDicomDateText(value.slice(0, 8), locale);
  const time = value.length > 8 ? formatDicomTimeText(value.slice(8, 14), locale) : '';
  return [date, time].filter(Boolean).join(' ');
}

/** The report's header and content tree. */
export function StructuredReportView({ report }: { report: StructuredReport }) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.resolvedLanguage);
  const status = [
    report.completion === 'COMPLETE' ? t('reports.complete') : report.completion === 'PARTIAL' ? t('reports.partial') : undefined,
    report.verification === 'VERIFIED' ? t('reports.verified') : report.verification === 'UNVERIFIED' ? t('reports.unverified') : undefined,
  ].filter(Boolean);
  const written = report.contentDate ? dateTimeText(`${report.contentDate}${report.contentTime ?? ''}`, locale) : '';
  return (
    <article className="report-sr" data-testid="report-sr">
      <header className="report-sr-header">
        <h2>{report.title ?? t('reports.untitled')}</h2>
        {status.length > 0 && <p className="report-status">{status.join(' · ')}</p>}
        {written && <p className="report-date">{t('reports.contentDate', { date: written })}</p>}
        {report.observers.length > 0 && (
          <ul className="report-observers" data-testid="report-observers">
            {report.observers.map((observer, index) => (
              <li key={index}>
                {t(`reports.observer.${observer.role}`, { name: observer.name })}
                {observer.organization && <> {t('reports.organization', { organization: observer.organization })}</>}
              </li>
            ))}
          </ul>
        )}
      </header>
      <ReportNodes nodes={report.content} level={3} locale={locale} />
      {report.truncated && <p className="report-truncated" role="note">{t('reports.truncated')}</p>}
    </article>
  );
}

function ReportNodes({ nodes, level, locale, parentHeading }: { nodes: readonly ReportNode[]; level: HeadingLevel; locale: string; parentHeading?: string | undefined }) {
  return (
    <>
      {nodes.map((node, index) => (
        <ReportNodeView key={index} node={node} level={level} locale={locale} parentHeading={parentHeading} />
      ))}
    </>
  );
}

function ReportNodeView({ node, level, locale, parentHeading }: { node: ReportNode; level: HeadingLevel; locale: string; parentHeading: string | undefined }) {
  const { t } = useTranslation();
  if (node.kind === 'section') {
    const Heading = `h${level}` as const;
    const next = Math.min(6, level + 1) as HeadingLevel;
    return (
      <section className="report-section">
        {node.heading && <Heading>{node.heading}</Heading>}
        <ReportNodes nodes={node.children} level={next} locale={locale} parentHeading={node.heading} />
      </section>
    );
  }
  const value =
    node.kind === 'text'
      ? node.text
      : node.kind === 'date'
        ? formatDicomDateText(node.value, locale)
        : node.kind === 'time'
          ? formatDicomTimeText(node.value, locale)
          : node.kind === 'datetime'
            ? dateTimeText(node.value, locale)
            : node.kind === 'reference'
              ? t('reports.imageReference')
              : t('reports.coordinates');
  // Basic Text SR names each paragraph with its section's heading: the label is left out when it repeats it.
  const label = node.concept && node.concept !== parentHeading ? node.concept : undefined;
  return (
    <p className={`report-item ${node.kind}`}>
      {label && <span className="report-concept">{label}</span>}
      {value}
    </p>
  );
}
