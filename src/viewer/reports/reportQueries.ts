/**
 * Retrieval of a study's reports through the site's same-origin DICOMweb root: the report instances (QIDO-RS,
 * PS3.18 §10.6) of its SR and DOC series, a Structured Report's content (WADO-RS metadata, §10.4, which carries
 * the whole content tree inline) and an encapsulated document's bytes (WADO-RS bulk data, §10.4.1.1.5).
 */
import { queryOptions } from '@tanstack/react-query';
import { describeHttpFailure } from '../../adapters/describeHttpFailure.ts';
import { getWithRetry } from '../../adapters/getWithRetry.ts';
import { getBulkData } from '../../adapters/getBulkData.ts';
import type { PublicSite } from '../../domain/config/publicConfig.ts';
import type { StudyUid } from '../../domain/dicom/identifiers.ts';
import { documentBytes, encapsulatedDocumentSource } from '../../domain/reports/encapsulatedDocument.ts';
import { readStructuredReport, type StructuredReport } from '../../domain/reports/structuredReport.ts';
import {
  isReportSeries, newestReportsFirst, REPORT_INSTANCE_FIELDS, seriesReports, type StudyReport,
} from '../../domain/reports/studyReports.ts';
import { studySeriesQuery } from '../studyStackQueries.ts';

/** Largest document shown (a report PDF is a few hundred kilobytes at most). */
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

async function get(url: string, accept: string, deadlineMs: number, signal: AbortSignal): Promise<Response> {
  const answer = await getWithRetry(url, { headers: { Accept: accept }, signal, deadlineMs });
  if (answer.kind === 'timeout') throw new Error(`no answer within ${Math.round(deadlineMs / 1000)} s`);
  if (answer.kind === 'network-error') throw new Error(answer.message);
  if (answer.kind === 'aborted') throw new Error('cancelled');
  if (!answer.response.ok) throw new Error(await describeHttpFailure(answer.response));
  return answer.response;
}

async function getDicomJson(url: string, deadlineMs: number, signal: AbortSignal): Promise<unknown> {
  const response = await get(url, 'application/dicom+json', deadlineMs, signal);
  return response.status === 204 ? [] : response.json();
}

function instancePath(site: PublicSite, studyUid: StudyUid, report: StudyReport): string {
  return `${site.dicomweb}/studies/${studyUid}/series/${report.seriesUid}/instances/${report.sopInstanceUid}`;
}

/** The study's reports, newest first (from the study's series list, asked for once and shared with the viewer). */
export const studyReportsQuery = (site: PublicSite, studyUid: StudyUid) =>
  queryOptions({
    queryKey: ['reports', 'list', site.id, studyUid],
    queryFn: async ({ signal, client }): Promise<StudyReport[]> => {
      const { series } = await client.ensureQueryData(studySeriesQuery(site, studyUid));
      const fields = REPORT_INSTANCE_FIELDS.map((field) => `includefield=${field}`).join('&');
      const lists = await Promise.all(
        series.filter(isReportSeries).map(async (entry) =>
          seriesReports(entry, await getDicomJson(`${site.dicomweb}/studies/${studyUid}/series/${entry.seriesUid}/instances?${fields}`, site.timeoutMs, signal)),
        ),
      );
      return newestReportsFirst(lists.flat());
    },
    staleTime: 5 * 60_000,
    retry: false,
  });

/** A Structured Report's readable document. */
export const structuredReportQuery = (site: PublicSite, studyUid: StudyUid, report: StudyReport) =>
  queryOptions({
    queryKey: ['reports', 'sr', site.id, studyUid, report.sopInstanceUid],
    queryFn: async ({ signal }): Promise<StructuredReport> =>
      readStructuredReport(await getDicomJson(`${instancePath(site, studyUid, report)}/metadata`, site.timeoutMs * 2, signal)),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** An encapsulated document: its MIME type and bytes, from the metadata's inline binary or bulk data URI. */
export const reportDocumentQuery = (site: PublicSite, studyUid: StudyUid, report: StudyReport) =>
  queryOptions({
    queryKey: ['reports', 'document', site.id, studyUid, report.sopInstanceUid],
    queryFn: async ({ signal }): Promise<{ mimeType: string; bytes: Uint8Array }> => {
      const path = instancePath(site, studyUid, report);
      const metadata = await getDicomJson(`${path}/metadata`, site.timeoutMs, signal);
      const source = encapsulatedDocumentSource(metadata, site.dicomweb, { studyUid, seriesUid: report.seriesUid, sopInstanceUid: report.sopInstanceUid });
      if (source.kind === 'missing') throw new Error('no encapsulated document in the instance');
      if (source.kind === 'inline') return { mimeType: source.mimeType, bytes: documentBytes(source.bytes, source.length) };
      const body = await getBulkData(source.path, { deadlineMs: site.timeoutMs * 2, signal, maxBytes: MAX_DOCUMENT_BYTES });
      return { mimeType: source.mimeType, bytes: documentBytes(body, source.length) };
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
