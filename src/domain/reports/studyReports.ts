/**
 * The reports of a study, from QIDO-RS instance searches (PS3.18 §10.6) of its SR and DOC series: Structured
 * Reports (SR Storage SOP Classes, PS3.4 §B.5, `1.2.840.10008.5.1.4.1.1.88.*`) and encapsulated documents
 * (PS3.3 §A.45 PDF, §A.85 CDA…), newest first.
 */
import { numberValue, stringValue } from '../dicom/dicomJson.ts';
import { asSopInstanceUid, type SeriesUid, type SopInstanceUid } from '../dicom/identifiers.ts';

/** Modalities of series holding reports (PS3.3 §C.7.3.1.1.1). */
export const REPORT_MODALITIES: ReadonlySet<string> = new Set(['SR', 'DOC']);

const SR_CLASS_PREFIX = '1.2.840.10008.5.1.4.1.1.88.';
/** Encapsulated PDF Storage (PS3.4 §B.5). */
export const ENCAPSULATED_PDF_CLASS = '1.2.840.10008.5.1.4.1.1.104.1';
/** Key Object Selection (PS3.3 §A.35.4): an SR class, but a list of flagged images, not a report. */
const KEY_OBJECT_SELECTION_CLASS = '1.2.840.10008.5.1.4.1.1.88.59';

/** What is known of a series from the study's QIDO-RS series search (as `SeriesSummary` of the viewer). */
export interface ReportSeriesSummary {
  seriesUid: SeriesUid;
  modality: string;
  description: string;
  number: number | undefined;
}

/** How a report is shown. */
export type ReportFormat = 'sr' | 'pdf' | 'unsupported';

/** One report of a study. */
export interface StudyReport {
  seriesUid: SeriesUid;
  sopInstanceUid: SopInstanceUid;
  sopClassUid: string;
  format: ReportFormat;
  /** Document Title (0042,0010), else the series description. */
  title: string;
  /** Content Date (0008,0023), DA. */
  contentDate: string | undefined;
  /** Content Time (0008,0033), TM. */
  contentTime: string | undefined;
  seriesNumber: number | undefined;
}

/** The QIDO-RS fields asked for each report instance. */
export const REPORT_INSTANCE_FIELDS = ['00080023', '00080033', '00420010', '00420012'];

/** Whether a series of the study may hold reports. */
export function isReportSeries(series: ReportSeriesSummary): boolean {
  return REPORT_MODALITIES.has(series.modality);
}

/** How an instance of this SOP Class is shown. */
export function reportFormat(sopClassUid: string, mimeType: string | undefined): ReportFormat {
  if (sopClassUid.startsWith(SR_CLASS_PREFIX) && sopClassUid !== KEY_OBJECT_SELECTION_CLASS) return 'sr';
  if (sopClassUid === ENCAPSULATED_PDF_CLASS || mimeType?.toLowerCase() === 'application/pdf') return 'pdf';
  return 'unsupported';
}

/** The reports of one series from its QIDO-RS instance search result; malformed entries left out. */
export function seriesReports(series: ReportSeriesSummary, qidoInstances: unknown): StudyReport[] {
  if (!Array.isArray(qidoInstances)) return [];
  return qidoInstances.slice(0, 1000).flatMap((dataset): StudyReport[] => {
    const sopInstanceUid = asSopInstanceUid(stringValue(dataset, '00080018'), 'archive');
    const sopClassUid = stringValue(dataset, '00080016') ?? '';
    if (sopInstanceUid === undefined) return [];
    if (sopClassUid === KEY_OBJECT_SELECTION_CLASS) return [];
    return [
      {
        seriesUid: series.seriesUid,
        sopInstanceUid,
        sopClassUid,
        format: reportFormat(sopClassUid, stringValue(dataset, '00420012')),
        title: stringValue(dataset, '00420010') ?? series.description,
        contentDate: stringValue(dataset, '00080023'),
        contentTime: stringValue(dataset, '00080033'),
        seriesNumber: series.number ?? numberValue(dataset, '00200011'),
      },
    ];
  });
}

function sortKey(report: StudyReport): string {
  const date = /^\d{8}$/.test(report.contentDate ?? '') ? report.contentDate : '00000000';
  const time = (report.contentTime ?? '').replace(/[^0-9]/g, '').padEnd(6, '0').slice(0, 6);
  return `${date}${time}`;
}

/** Newest first, by Content Date and Time, then by Series Number (highest first). */
export function newestReportsFirst(reports: readonly StudyReport[]): StudyReport[] {
  return [...reports].sort((a, b) => {
    const byDate = sortKey(b).localeCompare(sortKey(a));
    return byDate !== 0 ? byDate : (b.seriesNumber ?? -1) - (a.seriesNumber ?? -1);
  });
}
