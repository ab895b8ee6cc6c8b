/**
 * Filling a protocol stage's viewports: for each viewport, the study (current or the n-th relevant prior)
 * and the series its display set selects, the report, or nothing with the reason, plus the stage's
 * synchronisation groups reduced to the viewports that show images. Priors are given most relevant first
 * (see `rankPriors` in `relevantPrior.ts`).
 */
import type { StudySummary } from '../domain/federation/studySummary.ts';
import type { DisplaySet, HangingProtocol, ProtocolStage, SyncGroup } from './protocolTypes.ts';
import { rankSeries, type ProtocolSeries } from './seriesMatch.ts';

/** A study with its series. */
export interface StudyWithSeries {
  study: StudySummary;
  series: readonly ProtocolSeries[];
}

export interface AssignmentInput {
  current: StudyWithSeries;
  /** Relevant priors, most relevant first: the `relevant` entries of `rankPriors`, with their series. */
  priors: readonly StudyWithSeries[];
}

/** Why a viewport stays empty. */
export type EmptyReason = 'unknown-display-set' | 'no-prior' | 'no-matching-series';

export type ViewportAssignment =
  | { kind: 'series'; displaySetId: string; study: StudySummary; series: ProtocolSeries; prior: number | undefined }
  | { kind: 'report'; study: StudySummary }
  | { kind: 'empty'; displaySetId: string | undefined; reason: EmptyReason };

export interface StageAssignment {
  stageId: string;
  viewports: ViewportAssignment[];
  /** The stage's groups keeping only viewports showing series; groups left with fewer than two are dropped. */
  syncGroups: SyncGroup[];
}

type Resolved = { study: StudyWithSeries; series: ProtocolSeries; prior: number | undefined } | { reason: EmptyReason };

function resolver(protocol: HangingProtocol, input: AssignmentInput): (id: string) => Resolved {
  const cache = new Map<string, Resolved>();
  const visiting = new Set<string>();
  const resolve = (id: string): Resolved => {
    const known = cache.get(id);
    if (known) return known;
    const displaySet: DisplaySet | undefined = protocol.displaySets.find((candidate) => candidate.id === id);
    if (!displaySet || visiting.has(id)) return { reason: 'unknown-display-set' };
    visiting.add(id);
    const prior = displaySet.study === 'current' ? undefined : displaySet.study.prior;
    const study = prior === undefined ? input.current : input.priors[prior];
    let result: Resolved;
    if (!study) {
      result = { reason: 'no-prior' };
    } else {
      const like = displaySet.series.like;
      const reference = like === undefined ? undefined : resolve(like);
      const ranked = rankSeries(study.series, displaySet.series, reference && 'series' in reference ? reference.series : undefined);
      const series = ranked[displaySet.rank ?? 0];
      result = series ? { study, series, prior } : { reason: 'no-matching-series' };
    }
    visiting.delete(id);
    cache.set(id, result);
    return result;
  };
  return resolve;
}

/**
 * What each viewport of `stage` (a stage of `protocol`) shows for these studies. A display set with `like`
 * takes the series most like the one its reference display set shows; a `rank` of 1 takes the second best
 * matching series; the report viewport shows the current study's report.
 */
export function assignViewports(protocol: HangingProtocol, stage: ProtocolStage, input: AssignmentInput): StageAssignment {
  const resolve = resolver(protocol, input);
  const viewports = stage.viewports.map((spec): ViewportAssignment => {
    if ('report' in spec) return { kind: 'report', study: input.current.study };
    const resolved = resolve(spec.displaySet);
    if ('reason' in resolved) return { kind: 'empty', displaySetId: spec.displaySet, reason: resolved.reason };
    return { kind: 'series', displaySetId: spec.displaySet, study: resolved.study.study, series: resolved.series, prior: resolved.prior };
  });
  const syncGroups = stage.syncGroups
    .map((group) => ({ kinds: [...group.kinds], viewports: group.viewports.filter((index) => viewports[index]?.kind === 'series') }))
    .filter((group) => group.viewports.length >= 2 && group.kinds.length > 0);
  return { stageId: stage.id, viewports, syncGroups };
}
