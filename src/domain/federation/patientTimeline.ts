/**
 * A patient's timeline: the studies of one person across sites, newest first, each marked when it holds a
 * report — a Structured Report or an encapsulated document (modality SR or DOC, PS3.3 §C.7.3.1.1.1), in the
 * study's Modalities in Study or in one of its series.
 */
import { REPORT_MODALITIES, type StudySummary } from './studySummary.ts';
import { studiesNewestFirst } from './studyOrder.ts';

/** One row of a timeline. */
export interface TimelineEntry {
  study: StudySummary;
  hasReport: boolean;
}

/** Whether a modality code is a report's (SR, DOC). */
export function isReportModality(modality: string): boolean {
  return REPORT_MODALITIES.has(modality.trim().toUpperCase());
}

/**
 * Whether a study holds a report: it says so (`hasReport`), its modalities include SR or DOC, or one of the
 * series modalities given (from a series-level query, when known) is SR or DOC.
 */
export function studyHasReport(study: StudySummary, seriesModalities: readonly string[] = []): boolean {
  return study.hasReport === true || study.modalities.some(isReportModality) || seriesModalities.some(isReportModality);
}

/**
 * The timeline of a patient's studies, newest first. `seriesModalities` maps a Study Instance UID to the
 * modalities of its series, when a series-level query has been made.
 */
export function patientTimeline(
  studies: readonly StudySummary[],
  seriesModalities: ReadonlyMap<string, readonly string[]> = new Map(),
): TimelineEntry[] {
  return studiesNewestFirst(studies).map((study) => ({ study, hasReport: studyHasReport(study, seriesModalities.get(study.studyUid)) }));
}
