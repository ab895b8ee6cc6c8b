/**
 * What an archive adapter implements: a QIDO-RS study search (PS3.18 §10.6) whose every ending — answer,
 * partial answer, error, timeout — is a typed value, never a rejected promise nor an `undefined` swallowed by
 * `Promise.allSettled`.
 */
import type { SiteId } from '../dicom/identifiers.ts';
import type { SiteState } from './siteState.ts';
import type { StudySummary } from './studySummary.ts';
import type { StudySearchFilters } from './searchFilters.ts';

/** The state a site's search ended in (deployment contract §4, `data-state`, less `loading`). */
export type SiteOutcomeStatus = Exclude<SiteState, 'loading' | 'not-searched'>;

/** Studies a site returned that were left out, and why (reported, never silently dropped). */
export interface LeftOutStudies {
  reason: 'issuer-mismatch' | 'patient-id-mismatch' | 'name-mismatch' | 'no-study-uid' | 'no-patient-id' | 'not-a-dataset';
  count: number;
}

/** The outcome of searching one site. */
export interface SiteOutcome {
  siteId: SiteId;
  /** `ok`; `partial` when some results are missing (unreadable, or more than the page); `error`; `timeout`. */
  status: SiteOutcomeStatus;
  studies: StudySummary[];
  /** What went wrong, in words, for any status but `ok`. */
  error?: string;
  /** Round-trip time, in milliseconds. */
  ms: number;
  /** The site holds more matching studies than were returned. */
  truncated?: boolean;
  /** Results filtered out on reading them. */
  leftOut?: LeftOutStudies[];
}

/** Options of a site search: `signal` cancels it (the outcome is then an `error` saying so). */
export interface SearchOptions {
  signal?: AbortSignal;
}

/** An archive of one site, as the worklist uses it. `searchStudies` resolves, always: a failure is an outcome. */
export interface Archive {
  readonly siteId: SiteId;
  searchStudies(filters: StudySearchFilters, options: SearchOptions): Promise<SiteOutcome>;
}
