/**
 * What the corpus gallery saw, file by file, and its tally: one line per file on the console and the whole as
 * JSON under `test-results/` for later reading.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CorpusFile } from '../../scripts/testbed/dicomCorpus.ts';

/** What the reader got for one file's study. */
export type Seen =
  /** Every viewport ready and the picture matches the reference (or, without one, is a real picture). */
  | { kind: 'shown'; check: string }
  /** The viewer said why it could not show the study (on a viewport, or on the launch page). */
  | { kind: 'error'; message: string }
  /** Neither: a viewport still loading past the bound, or `ready` with a blank or wrong picture. */
  | { kind: 'silent'; detail: string }
  /** Orthanc refused the file at upload: there is no study to show. */
  | { kind: 'refused'; message: string };

/** One file's outcome. */
export interface FileOutcome {
  file: string;
  transferSyntaxUid: string;
  photometric: string;
  bits: string;
  /** The file has Rows and Columns (an image) and the archive holds it. */
  imageStudy: boolean;
  seen: Seen;
  /** Uncaught exceptions in the page while this study was open, message and first stack frames. */
  pageErrors: string[];
  /** Console errors in the page while this study was open (failed requests included). */
  consoleErrors: string[];
  /** Requests to the archive that failed or answered an error, `STATUS METHOD path`. */
  archiveRequests: string[];
  /** Why Orthanc was found dead after this study, with the requests to the archive that failed. */
  archiveCrash?: string;
  /** The expected outcome, as the table says, and whether it was met. */
  expected: string;
  met: boolean;
  ms: number;
}

/** The per-file label: an archive crash or a page error overrides what was shown. */
export function outcomeLabel(outcome: FileOutcome): string {
  if (outcome.archiveCrash) return `archive crash (${outcome.archiveCrash.split('\n')[0]})`;
  const seen = outcome.seen;
  const base =
    seen.kind === 'shown'
      ? `shown (${seen.check})`
      : seen.kind === 'error'
        ? `error: ${seen.message}`
        : seen.kind === 'silent'
          ? `silent failure: ${seen.detail}`
          : `refused by Orthanc at upload: ${seen.message}`;
  return outcome.pageErrors.length > 0 ? `page error (${outcome.pageErrors[0]!.split('\n')[0]}); ${base}` : base;
}

/** The console line of one file. */
export function outcomeLine(outcome: FileOutcome): string {
  const mark = outcome.met ? 'ok  ' : 'FAIL';
  return `${mark} ${outcome.file} [${outcome.transferSyntaxUid || 'no TS'} ${outcome.photometric || '-'} ${outcome.bits}] ${outcomeLabel(outcome)} (expected ${outcome.expected}; ${outcome.ms} ms)`;
}

export interface Tally {
  imageStudies: number;
  shown: number;
  errors: number;
  silent: number;
  pageErrors: number;
  archiveCrashes: number;
  refused: number;
  notImages: number;
  unmet: number;
}

/** Counts over the image studies (files the archive holds that have Rows and Columns); page errors and crashes over all. */
export function tally(outcomes: readonly FileOutcome[]): Tally {
  const images = outcomes.filter((outcome) => outcome.imageStudy);
  const clean = (outcome: FileOutcome) => !outcome.archiveCrash && outcome.pageErrors.length === 0;
  return {
    imageStudies: images.length,
    shown: images.filter((outcome) => outcome.seen.kind === 'shown' && clean(outcome)).length,
    errors: images.filter((outcome) => outcome.seen.kind === 'error' && clean(outcome)).length,
    silent: images.filter((outcome) => outcome.seen.kind === 'silent' && clean(outcome)).length,
    pageErrors: outcomes.filter((outcome) => outcome.pageErrors.length > 0).length,
    archiveCrashes: outcomes.filter((outcome) => outcome.archiveCrash).length,
    refused: outcomes.filter((outcome) => outcome.seen.kind === 'refused').length,
    notImages: outcomes.filter((outcome) => !outcome.imageStudy && outcome.seen.kind !== 'refused').length,
    unmet: outcomes.filter((outcome) => !outcome.met).length,
  };
}

/** The final line. */
export function tallyLine(counts: Tally): string {
  return (
    `${counts.shown} of ${counts.imageStudies} image studies shown, ${counts.errors} clear errors, ${counts.silent} silent, ` +
    `${counts.pageErrors} page errors, ${counts.archiveCrashes} archive crashes ` +
    `(besides: ${counts.refused} refused by Orthanc at upload, ${counts.notImages} without Rows and Columns; ${counts.unmet} not as expected)`
  );
}

/** `bits` of a file as the lines show it: allocated/stored, samples. */
export function bitsOf(file: CorpusFile): string {
  return `${file.bitsAllocated ?? '?'}/${file.bitsStored ?? '?'} bits${file.samplesPerPixel && file.samplesPerPixel > 1 ? ` x${file.samplesPerPixel}` : ''}`;
}

/** Writes the outcomes and the tally as JSON. */
export function writeReport(file: string, outcomes: readonly FileOutcome[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const counts = tally(outcomes);
  fs.writeFileSync(file, JSON.stringify({ summary: tallyLine(counts), tally: counts, outcomes }, null, 1));
}
