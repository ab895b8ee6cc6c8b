/**
 * Relevant priors of a study: the patient's earlier examinations that a reader compares with it, taken only
 * from the patient's group (studies joined across sites by the identity service, IHE PIXm ITI-83), never
 * from an equal Patient ID string. A prior is relevant when it is of the same modality family, covers an
 * overlapping body region on the same side, and was acquired before the current study; among those, the
 * most recent comes first. Every score comes with structured reasons the UI can put in words, e.g.
 * "CT TAP 30/06/2026 at CGFL: same modality, chest region, most recent".
 */
import { compareDicomDates, type DicomDate } from '../domain/dicom/dicomDate.ts';
import { timeOfDayMicroseconds } from '../domain/dicom/dicomTime.ts';
import type { SiteId } from '../domain/dicom/identifiers.ts';
import type { StudySummary } from '../domain/federation/studySummary.ts';
import { bodyRegions, lateralitiesConflict, laterality, sharedRegions, type BodyRegion, type Laterality } from './bodyRegions.ts';
import { imageModalities, modalityFamily } from './modalityFamily.ts';

/** Why a study was scored as it was; `code` is stable, the rest are parameters for the sentence. */
export type PriorReason =
  | { code: 'same-modality'; modality: string }
  | { code: 'other-modality'; modalities: string[] }
  | { code: 'region'; regions: BodyRegion[] }
  | { code: 'region-unknown' }
  | { code: 'other-region' }
  | { code: 'most-recent' }
  | { code: 'days-before'; days: number }
  | { code: 'other-site'; siteId: SiteId };

/** Why a study of the group can never be a prior of the current one. */
export type PriorExclusion = 'current-study' | 'no-images' | 'undated' | 'not-before' | 'other-side';

/** A candidate prior with its score (higher is more relevant) and reasons. */
export interface RankedPrior {
  study: StudySummary;
  score: number;
  /** Same modality family and an overlapping (or unknown) body region on a compatible side. */
  relevant: boolean;
  reasons: PriorReason[];
}

/** What is known of a study beyond its summary (e.g. read from its series): Body Part Examined, Laterality. */
export interface StudyDetails {
  bodyPartExamined?: string | readonly string[];
  laterality?: string;
}

export interface PriorOptions {
  /** Details of a study, when the caller has them. */
  detailsOf?: (study: StudySummary) => StudyDetails | undefined;
}

/** Why no relevant prior was found. */
export type NoPriorReason = 'current-not-in-group' | 'no-other-study' | 'no-earlier-image-study' | 'no-same-modality' | 'no-overlapping-region';

export type RelevantPriorResult = { prior: RankedPrior; ranked: RankedPrior[] } | { prior: undefined; reason: NoPriorReason; ranked: RankedPrior[] };

const SAME_MODALITY = 50;
const SAME_REGION = 30;
const UNKNOWN_REGION = 10;
const RECENCY = 20;
/** Recency halves every this many days. */
const RECENCY_HALF_LIFE_DAYS = 365;

function dayNumber(date: DicomDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

/** Whether `prior` was acquired strictly before `current` (date, then time when both have one). */
function acquiredBefore(prior: StudySummary, current: StudySummary): boolean | 'undated' {
  if (!prior.studyDate || !current.studyDate) return 'undated';
  const byDate = compareDicomDates(prior.studyDate, current.studyDate);
  if (byDate !== 0) return byDate < 0;
  if (!prior.studyTime || !current.studyTime) return false;
  return timeOfDayMicroseconds(prior.studyTime) < timeOfDayMicroseconds(current.studyTime);
}

const sameStudy = (a: StudySummary, b: StudySummary) => a.studyUid === b.studyUid && a.siteId === b.siteId;

function regionsOf(study: StudySummary, options: PriorOptions): { regions: Set<BodyRegion>; side: Laterality | undefined } {
  const details = options.detailsOf?.(study);
  return { regions: bodyRegions(study.description, details?.bodyPartExamined), side: laterality(study.description, details?.laterality) };
}

/** Why `candidate` can never be a prior of `current`, or `undefined` when it can. */
export function priorExclusion(current: StudySummary, candidate: StudySummary, options: PriorOptions = {}): PriorExclusion | undefined {
  if (sameStudy(current, candidate)) return 'current-study';
  if (imageModalities(candidate.modalities).length === 0) return 'no-images';
  const before = acquiredBefore(candidate, current);
  if (before === 'undated') return 'undated';
  if (!before) return 'not-before';
  if (lateralitiesConflict(regionsOf(current, options).side, regionsOf(candidate, options).side)) return 'other-side';
  return undefined;
}

function scorePrior(current: StudySummary, candidate: StudySummary, options: PriorOptions): RankedPrior {
  const reasons: PriorReason[] = [];
  let score = 0;
  const currentModalities = imageModalities(current.modalities);
  const currentFamilies = new Set(currentModalities.map(modalityFamily));
  const shared = imageModalities(candidate.modalities).find((modality) => currentFamilies.has(modalityFamily(modality)));
  if (shared !== undefined) {
    score += SAME_MODALITY;
    reasons.push({ code: 'same-modality', modality: shared });
  } else {
    reasons.push({ code: 'other-modality', modalities: imageModalities(candidate.modalities) });
  }
  const here = regionsOf(current, options).regions;
  const there = regionsOf(candidate, options).regions;
  const regions = sharedRegions(here, there);
  let regionOk = true;
  if (regions.length > 0) {
    score += SAME_REGION;
    reasons.push({ code: 'region', regions });
  } else if (here.size === 0 || there.size === 0) {
    score += UNKNOWN_REGION;
    reasons.push({ code: 'region-unknown' });
  } else {
    regionOk = false;
    reasons.push({ code: 'other-region' });
  }
  const days = current.studyDate && candidate.studyDate ? dayNumber(current.studyDate) - dayNumber(candidate.studyDate) : 0;
  score += RECENCY * Math.pow(0.5, Math.max(0, days) / RECENCY_HALF_LIFE_DAYS);
  reasons.push({ code: 'days-before', days });
  if (candidate.siteId !== current.siteId) reasons.push({ code: 'other-site', siteId: candidate.siteId });
  return { study: candidate, score, relevant: shared !== undefined && regionOk, reasons };
}

/**
 * The possible priors of `current` among the group's studies, most relevant first (relevant ones first,
 * then by score, then newest first). Left out: the current study itself, studies holding no images (only
 * SR or DOC), undated studies, studies not acquired before the current one, and the other side's studies.
 * The first relevant prior carries a `most-recent` reason when no relevant prior is more recent.
 */
export function rankPriors(current: StudySummary, groupStudies: readonly StudySummary[], options: PriorOptions = {}): RankedPrior[] {
  const ranked = groupStudies
    .filter((candidate) => priorExclusion(current, candidate, options) === undefined)
    .map((candidate) => scorePrior(current, candidate, options))
    .sort((a, b) => Number(b.relevant) - Number(a.relevant) || b.score - a.score || compareByDateDesc(a.study, b.study));
  const best = ranked[0];
  if (best?.relevant) {
    const newer = ranked.some((other) => other !== best && other.relevant && compareByDateDesc(other.study, best.study) < 0);
    if (!newer) best.reasons.splice(best.reasons.findIndex((reason) => reason.code === 'days-before'), 0, { code: 'most-recent' });
  }
  return ranked;
}

function compareByDateDesc(a: StudySummary, b: StudySummary): number {
  if (!a.studyDate || !b.studyDate) return 0;
  const byDate = compareDicomDates(b.studyDate, a.studyDate);
  if (byDate !== 0) return byDate;
  return (b.studyTime ? timeOfDayMicroseconds(b.studyTime) : -1) - (a.studyTime ? timeOfDayMicroseconds(a.studyTime) : -1);
}

/**
 * The relevant prior of `current` within its patient group, or why there is none. The group must hold the
 * current study: a study of another group (another person, even one with an equal Patient ID at another
 * site) never supplies a prior.
 */
export function relevantPrior(current: StudySummary, group: { studies: readonly StudySummary[] }, options: PriorOptions = {}): RelevantPriorResult {
  if (!group.studies.some((study) => sameStudy(study, current))) return { prior: undefined, reason: 'current-not-in-group', ranked: [] };
  const others = group.studies.filter((study) => !sameStudy(study, current));
  const ranked = rankPriors(current, group.studies, options);
  const best = ranked[0];
  if (best?.relevant) return { prior: best, ranked };
  if (others.length === 0) return { prior: undefined, reason: 'no-other-study', ranked };
  if (ranked.length === 0) return { prior: undefined, reason: 'no-earlier-image-study', ranked };
  const sameModality = ranked.some((candidate) => candidate.reasons.some((reason) => reason.code === 'same-modality'));
  return { prior: undefined, reason: sameModality ? 'no-overlapping-region' : 'no-same-modality', ranked };
}
