/**
 * The hanging protocol of the study on screen: its relevant prior across the patient's sites, the protocol that
 * matches (or the one the reader picked), the stage shown, and the plan of the viewport grid. The current study's
 * first viewport never waits for any of this: the plan arrives when the patient's timeline and the prior's series
 * are known.
 */
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { PublicConfig, PublicSite } from '../../domain/config/publicConfig.ts';
import type { StudyUid } from '../../domain/dicom/identifiers.ts';
import type { StudySummary } from '../../domain/federation/studySummary.ts';
import type { SeriesSummary } from '../../domain/viewer/seriesChoice.ts';
import { assignViewports } from '../../hanging-protocols/assignViewports.ts';
import { protocolsWithBuiltIns } from '../../hanging-protocols/builtInProtocols.ts';
import type { HangingProtocol, ProtocolSelection } from '../../hanging-protocols/protocolTypes.ts';
import { rankPriors, relevantPrior, type NoPriorReason, type RankedPrior } from '../../hanging-protocols/relevantPrior.ts';
import { protocolContext, scoreProtocol, selectProtocol } from '../../hanging-protocols/selectProtocol.ts';
import { studySeriesQuery } from '../studyStackQueries.ts';
import type { WorkspacePlan } from '../workspacePlan.ts';
import { planKey, workspacePlan } from './comparisonPlan.ts';
import { usePatientTimeline, type PatientTimeline } from './usePatientTimeline.ts';

/** The viewer URL's parameter naming the hanging protocol to open with. */
export const PROTOCOL_PARAMETER = 'protocol';

/**
 * How long the choice of the prior waits for sites still answering. Choosing among the studies found so far would
 * hang a prior that the next answer replaces: the reader would see one study, then another.
 */
export const PRIOR_PATIENCE_MS = 3000;

/** `siteId/studyUid` of a study: the value of the "compare with" choice. */
export const studyChoiceKey = (study: Pick<StudySummary, 'siteId' | 'studyUid'>) => `${study.siteId}/${study.studyUid}`;

export interface HangingProtocolState {
  timeline: PatientTimeline;
  /** The prior shown, and why: chosen by relevance, or by the reader. */
  prior: { ranked: RankedPrior; chosenByReader: boolean } | undefined;
  /** Why there is no relevant prior (when the timeline is known). */
  noPrior: NoPriorReason | undefined;
  /** The patient's other studies the reader can compare with, newest first. */
  candidates: StudySummary[];
  compareWith(key: string): void;
  protocols: { protocol: HangingProtocol; applicable: boolean }[];
  selection: ProtocolSelection | undefined;
  chooseProtocol(id: string): void;
  stageIndex: number;
  stepStage(delta: number): void;
  plan: WorkspacePlan | undefined;
  /** The protocol may still hang a prior: the patient's sites or the prior's series are still being read. */
  placing: boolean;
  /** The prior's series could not be read: the reason, with its site. */
  priorProblem: string | undefined;
}

export function useHangingProtocol(config: PublicConfig, site: PublicSite, studyUid: StudyUid, currentSeries: readonly SeriesSummary[]): HangingProtocolState {
  const timeline = usePatientTimeline(config, site, studyUid);
  const [chosenPrior, setChosenPrior] = useState<string | undefined>(undefined);
  const protocols = useMemo(() => protocolsWithBuiltIns(config.hangingProtocols), [config.hangingProtocols]);
  // `protocol=<id>` in a launch link picks one of the known protocols (a display choice, like `report=1`).
  const [params] = useSearchParams();
  const [chosenProtocol, setChosenProtocol] = useState<string | undefined>(() => {
    const asked = params.get(PROTOCOL_PARAMETER);
    return protocols.some((protocol) => protocol.id === asked) ? (asked ?? undefined) : undefined;
  });
  const [stageIndex, setStageIndex] = useState(0);

  const current = timeline.state === 'ready' ? timeline.current : undefined;
  const groupStudies = timeline.state === 'ready' ? timeline.group?.studies : undefined;
  const bodyPartExamined = useMemo(() => currentSeries.flatMap((series) => (series.bodyPartExamined ? [series.bodyPartExamined] : [])), [currentSeries]);

  const settled = useSettled(timeline);
  const relevance = useMemo(
    () => (current && groupStudies && settled ? relevantPrior(current, { studies: groupStudies }) : undefined),
    [current, groupStudies, settled],
  );
  const candidates = useMemo(
    () => (current && groupStudies ? groupStudies.filter((study) => !(study.studyUid === current.studyUid && study.siteId === current.siteId)) : []),
    [current, groupStudies],
  );
  const prior = useMemo((): HangingProtocolState['prior'] => {
    if (!current || !groupStudies) return undefined;
    const picked = chosenPrior === undefined ? undefined : candidates.find((study) => studyChoiceKey(study) === chosenPrior);
    if (picked) {
      const ranked = rankPriors(current, [current, picked])[0] ?? { study: picked, score: 0, relevant: false, reasons: [] };
      return { ranked, chosenByReader: true };
    }
    return relevance?.prior ? { ranked: relevance.prior, chosenByReader: false } : undefined;
  }, [current, groupStudies, chosenPrior, candidates, relevance]);

  const priorSite = prior ? config.sites.find((candidate) => candidate.id === prior.ranked.study.siteId) : undefined;
  const priorSeries = useQuery({
    ...studySeriesQuery(priorSite ?? site, prior?.ranked.study.studyUid ?? studyUid),
    enabled: prior !== undefined && priorSite !== undefined,
  });

  const context = useMemo(
    () => (current ? protocolContext(current, { hasPrior: prior !== undefined, role: 'radiologist', bodyPartExamined }) : undefined),
    [current, prior, bodyPartExamined],
  );
  const selection = useMemo((): ProtocolSelection | undefined => {
    if (!context) return undefined;
    const picked = protocols.find((protocol) => protocol.id === chosenProtocol);
    if (picked) return scoreProtocol(picked, context) ?? { protocol: picked, score: 0, why: [] };
    return selectProtocol(protocols, context);
  }, [context, protocols, chosenProtocol]);

  const stages = selection?.protocol.stages ?? [];
  const stage = stages[Math.min(stageIndex, Math.max(0, stages.length - 1))];
  const priorReady = prior === undefined || priorSeries.data !== undefined || priorSeries.isError;
  const computed = useMemo((): WorkspacePlan | undefined => {
    if (!current || !selection || !stage || !priorReady) return undefined;
    if (selection.protocol.id === 'single-study' && chosenProtocol === undefined) return undefined;
    const priors = prior && priorSeries.data ? [{ study: prior.ranked.study, series: priorSeries.data.series }] : [];
    const assignment = assignViewports(selection.protocol, stage, { current: { study: current, series: currentSeries }, priors });
    const origin = chosenProtocol !== undefined || chosenPrior !== undefined || stageIndex > 0 ? 'reader' : 'automatic';
    return workspacePlan(stage, assignment, config.sites, origin);
  }, [current, selection, stage, priorReady, prior, priorSeries.data, currentSeries, config.sites, chosenProtocol, chosenPrior, stageIndex]);

  // The same plan again (the patient's groups are rebuilt on every answer) is the same object: the workspace
  // applies each plan once, and the reader's own changes stay until the plan really changes.
  const key = computed ? planKey(computed) : undefined;
  const [kept, setKept] = useState<{ key: string; plan: WorkspacePlan } | undefined>(undefined);
  if (computed && key !== undefined && key !== kept?.key) setKept({ key, plan: computed });
  const plan = kept !== undefined && kept.key === key ? kept.plan : undefined;

  const chosen = protocols.find((protocol) => protocol.id === chosenProtocol);
  const mayHangPrior = chosen === undefined || chosen.displaySets.some((set) => set.study !== 'current');
  const placing =
    plan === undefined &&
    mayHangPrior &&
    (timeline.state === 'resolving' || (timeline.state === 'ready' && (!settled || (prior !== undefined && priorSite !== undefined && !priorReady))));

  return {
    timeline,
    prior,
    noPrior: relevance && !relevance.prior ? relevance.reason : undefined,
    candidates,
    compareWith: (key) => {
      setChosenPrior(key);
      setStageIndex(0);
    },
    protocols: protocols.map((protocol) => ({ protocol, applicable: context !== undefined && scoreProtocol(protocol, context) !== undefined })),
    selection,
    chooseProtocol: (id) => {
      setChosenProtocol(id);
      setStageIndex(0);
    },
    stageIndex: Math.min(stageIndex, Math.max(0, stages.length - 1)),
    stepStage: (delta) => setStageIndex((index) => Math.max(0, Math.min(stages.length - 1, index + delta))),
    plan,
    placing,
    priorProblem: priorSeries.isError && priorSite ? `${priorSite.name}: ${priorSeries.error.message}` : undefined,
  };
}

/** Every site and the identity service have answered, or they have been waited for long enough. */
function useSettled(timeline: PatientTimeline): boolean {
  const partial = timeline.state === 'ready' && timeline.partial;
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (!partial || waited) return undefined;
    const timer = setTimeout(() => setWaited(true), PRIOR_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, [partial, waited]);
  return timeline.state === 'ready' && (!partial || waited);
}
