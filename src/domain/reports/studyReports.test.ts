import { describe, expect, it } from 'vitest';
import type { SeriesUid } from '../dicom/identifiers.ts';
import { ENCAPSULATED_PDF_CLASS, type ReportSeriesSummary, isReportSeries, newestReportsFirst, reportFormat, seriesReports } from './studyReports.ts';

const series = (modality: string, number: number): ReportSeriesSummary => ({ seriesUid: `1.9.${number}` as SeriesUid, modality, description: `Série ${number}`, number });
const instance = (uid: string, sopClass: string, date?: string, time?: string, title?: string) => ({
  '00080018': { vr: 'UI', Value: [uid] },
  '00080016': { vr: 'UI', Value: [sopClass] },
  ...(date ? { '00080023': { vr: 'DA', Value: [date] } } : {}),
  ...(time ? { '00080033': { vr: 'TM', Value: [time] } } : {}),
  ...(title ? { '00420010': { vr: 'ST', Value: [title] } } : {}),
});

describe('studyReports', () => {
  it('knows report series and formats', () => {
    expect(isReportSeries(series('SR', 90))).toBe(true);
    expect(isReportSeries(series('DOC', 99))).toBe(true);
    expect(isReportSeries(series('CT', 2))).toBe(false);
    expect(reportFormat('1.2.840.10008.5.1.4.1.1.88.11', undefined)).toBe('sr');
    expect(reportFormat('1.2.840.10008.5.1.4.1.1.88.33', undefined)).toBe('sr');
    expect(reportFormat(ENCAPSULATED_PDF_CLASS, undefined)).toBe('pdf');
    expect(reportFormat('1.2.840.10008.5.1.4.1.1.104.2', 'text/XML')).toBe('unsupported');
  });

  it('reads QIDO instances, titles falling back to the series description, malformed ones left out', () => {
    const reports = seriesReports(series('DOC', 99), [
      instance('1.2.1', ENCAPSULATED_PDF_CLASS, '20260630', '162000', 'Compte rendu TAP'),
      instance('1.2.2', '1.2.840.10008.5.1.4.1.1.88.59'),
      { '00080018': { vr: 'UI', Value: [42] } },
      null,
      instance('1.2.3', '1.2.840.10008.5.1.4.1.1.88.22'),
    ]);
    expect(reports.map((report) => [report.sopInstanceUid, report.format, report.title])).toEqual([
      ['1.2.1', 'pdf', 'Compte rendu TAP'],
      ['1.2.3', 'sr', 'Série 99'],
    ]);
    expect(seriesReports(series('SR', 1), 'nope')).toEqual([]);
  });

  it('orders newest first by content date and time, then by series number', () => {
    const older = seriesReports(series('SR', 90), [instance('1.1', '1.2.840.10008.5.1.4.1.1.88.11', '20261118', '1130')])[0]!;
    const newer = seriesReports(series('SR', 91), [instance('1.2', '1.2.840.10008.5.1.4.1.1.88.11', '20261118', '153000')])[0]!;
    const undated = seriesReports(series('SR', 95), [instance('1.3', '1.2.840.10008.5.1.4.1.1.88.11')])[0]!;
    expect(newestReportsFirst([older, undated, newer]).map((report) => report.sopInstanceUid)).toEqual(['1.2', '1.1', '1.3']);
  });
});
