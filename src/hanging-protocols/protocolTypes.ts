/**
 * Hanging protocols as data (after the DICOM Hanging Protocol model, PS3.3 §A.38 / PS3.4 Annex T, and OHIF's
 * protocols): weighted matching rules on the current study, display sets choosing a study (current or a
 * relevant prior) and a series in it, and stages, each a viewport layout filled with display sets or the
 * report, with synchronisation groups. Protocols are plain JSON so a deployment can configure its own
 * (`hangingProtocols` in the runtime configuration, validated by `protocolSchema.ts`).
 */
import type { LayoutId } from '../domain/viewer/viewportLayouts.ts';
import type { BodyRegion } from './bodyRegions.ts';

/** Who reads: a radiologist compares images, a referring physician reads the report first. */
export type ReaderRole = 'radiologist' | 'referring';
export const READER_ROLES = ['radiologist', 'referring'] as const;

/** What a matching rule looks at in the {@link ProtocolContext}. */
export const MATCH_ATTRIBUTES = ['modality', 'description', 'bodyRegion', 'hasReport', 'hasPrior', 'role', 'site'] as const;
export type MatchAttribute = (typeof MATCH_ATTRIBUTES)[number];

/**
 * How a rule compares: `equals` one value, `oneOf` several, `containsAny` keywords (whole words, case and
 * accents folded). For list attributes (modality, bodyRegion) a rule holds when any element matches.
 */
export type MatchConstraint = { equals: string | boolean } | { oneOf: string[] } | { containsAny: string[] };

export interface MatchingRule {
  attribute: MatchAttribute;
  constraint: MatchConstraint;
  /** Added to the protocol's score when the rule holds. */
  weight: number;
  /** A required rule that does not hold excludes the protocol. */
  required: boolean;
}

export type PlaneOrientation = 'axial' | 'sagittal' | 'coronal';

/** Which series of the chosen study a display set shows; every criterion given must hold. */
export interface SeriesSelector {
  /** Modality (0008,0060), any of. */
  modality?: string[];
  /** Series Description keywords, any of (French and English variants listed by the protocol). */
  keywords?: string[];
  /** Series Description keywords that exclude a series. */
  excludeKeywords?: string[];
  orientation?: PlaneOrientation;
  /** Slice Thickness (0018,0050) range in mm; a series of unknown thickness passes. */
  sliceThicknessMm?: { min?: number; max?: number };
  /** At least this many images. */
  minImages?: number;
  /** Prefer the series most like the one shown by this display set (same modality, closest thickness, same orientation). */
  like?: string;
}

/** `current`, or the `n`-th relevant prior (0: the most relevant). */
export type StudyChoice = 'current' | { prior: number };

export interface DisplaySet {
  id: string;
  study: StudyChoice;
  series: SeriesSelector;
  /** Which of the matching series, best first (0: the best; 1: the second best …). */
  rank?: number;
}

/** A viewport shows a display set, or the report. */
export type ViewportSpec = { displaySet: string } | { report: true };

export const SYNC_KINDS = ['scroll', 'voi', 'zoomPan'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

/** Viewports (indices in the stage's viewport list) kept in step for the given kinds. */
export interface SyncGroup {
  kinds: SyncKind[];
  viewports: number[];
}

export interface ProtocolStage {
  id: string;
  /** i18n key or plain label. */
  name: string;
  layout: LayoutId;
  /** Row by row from the top left; at most the layout's viewport count. */
  viewports: ViewportSpec[];
  syncGroups: SyncGroup[];
}

export interface HangingProtocol {
  id: string;
  /** i18n key (`hangingProtocols.*`) or plain label from a deployment's configuration. */
  name: string;
  matchingRules: MatchingRule[];
  displaySets: DisplaySet[];
  stages: ProtocolStage[];
  /** Applies only when the current study has a relevant prior. */
  requiresPrior?: boolean;
  /** Opens the report panel beside the images. */
  reportPanel?: boolean;
}

/** What rules are matched against: the current study, as the viewer knows it. */
export interface ProtocolContext {
  /** Modalities in Study, upper case. */
  modalities: readonly string[];
  description: string;
  bodyRegions: ReadonlySet<BodyRegion>;
  hasReport: boolean;
  hasPrior: boolean;
  role: ReaderRole;
  siteId: string;
}

/** One rule that held, for the UI to say why a protocol was chosen (e.g. `{ code: 'modality', value: 'CT' }`). */
export type MatchReason = { code: MatchAttribute; value: string | boolean } | { code: 'fallback' };

export interface ProtocolSelection {
  protocol: HangingProtocol;
  score: number;
  why: MatchReason[];
}
