/**
 * Above the viewports: the hanging protocol (switchable) and its stage (stepped with [ and ]), the prior shown
 * with the reasons it was chosen ("CT TDM TAP 30/06/2026 at CGFL: same modality, chest region, most recent"),
 * and the choice of any other study of the patient's timeline to compare with.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { displayLocale } from '../../i18n/i18n.ts';
import { isTextEntry } from '../../shell/isTextEntry.ts';
import type { PublicConfig } from '../../domain/config/publicConfig.ts';
import { formatDicomDate } from '../../domain/dicom/dicomDate.ts';
import type { StudySummary } from '../../domain/federation/studySummary.ts';
import { imageModalities } from '../../hanging-protocols/modalityFamily.ts';
import type { HangingProtocolState } from './useHangingProtocol.ts';
import { studyChoiceKey } from './useHangingProtocol.ts';
import { noPriorText, priorReasonText } from './priorReasonText.ts';
import { InsBanner } from '../../worklist/InsBanner.tsx';

/** Keys that step the protocol's stages. */
export const STAGE_KEYS = { previous: '[', next: ']' } as const;

export function ComparisonBar({ config, state }: { config: PublicConfig; state: HangingProtocolState }) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.resolvedLanguage);
  const siteName = (siteId: string) => config.sites.find((site) => site.id === siteId)?.name ?? siteId;
  const label = (name: string) => (i18n.exists(name) ? t(name) : name);
  const describe = (study: StudySummary) =>
    [imageModalities(study.modalities).join('/') || study.modalities.join('/'), study.description, study.studyDate ? formatDicomDate(study.studyDate, locale) : undefined]
      .filter(Boolean)
      .join(' ');
  const { timeline, prior, selection } = state;
  const stages = selection?.protocol.stages ?? [];
  const stage = stages[state.stageIndex];
  const { stepStage } = state;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTextEntry(event.target)) return;
      if (event.key === STAGE_KEYS.next) stepStage(1);
      else if (event.key === STAGE_KEYS.previous) stepStage(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stepStage]);

  return (
    <div className="comparison-bar" data-testid="comparison-bar">
      {timeline.state === 'ready' && timeline.ins && <InsBanner config={config} ins={timeline.ins} />}
      {selection && (
        <label>
          {t('viewer.comparison.protocol')}
          <select name="hangingProtocol" value={selection.protocol.id} onChange={(event) => state.chooseProtocol(event.target.value)}>
            {state.protocols.map(({ protocol, applicable }) => (
              <option key={protocol.id} value={protocol.id} disabled={!applicable}>
                {label(protocol.name)}
              </option>
            ))}
          </select>
        </label>
      )}
      {stage && stages.length > 1 && (
        <span className="comparison-stage" role="group" aria-label={t('viewer.comparison.stage')}>
          <button type="button" data-command="previous-stage" disabled={state.stageIndex === 0} onClick={() => state.stepStage(-1)} title={`${t('viewer.comparison.previousStage')} (${STAGE_KEYS.previous})`}>
            ‹
          </button>
          <span data-testid="protocol-stage" data-stage-id={stage.id}>
            {t('viewer.comparison.stageOf', { number: state.stageIndex + 1, count: stages.length, name: label(stage.name) })}
          </span>
          <button type="button" data-command="next-stage" disabled={state.stageIndex >= stages.length - 1} onClick={() => state.stepStage(1)} title={`${t('viewer.comparison.nextStage')} (${STAGE_KEYS.next})`}>
            ›
          </button>
        </span>
      )}
      {timeline.state === 'resolving' || (timeline.state === 'ready' && timeline.partial && !prior) ? (
        <span role="status">{t('viewer.comparison.resolving')}</span>
      ) : timeline.state === 'failed' ? (
        <span className="comparison-problem" role="alert">
          {t('viewer.comparison.failed', { reason: timeline.reason })}
        </span>
      ) : prior ? (
        <span className="prior-reason" data-testid="prior-reason" data-study-uid={prior.ranked.study.studyUid} data-site-id={prior.ranked.study.siteId}>
          {t(prior.chosenByReader ? 'viewer.comparison.priorChosen' : 'viewer.comparison.prior', {
            study: describe(prior.ranked.study),
            site: siteName(prior.ranked.study.siteId),
            reasons: prior.ranked.reasons.filter((reason) => reason.code !== 'other-site' && reason.code !== 'days-before').map((reason) => priorReasonText(reason, t, config.sites)).join(', '),
          })}
        </span>
      ) : (
        state.noPrior && <span className="prior-reason" data-testid="no-prior">{noPriorText(state.noPrior, t)}</span>
      )}
      {state.candidates.length > 0 && (
        <label>
          {t('viewer.comparison.compareWith')}
          <select name="comparisonStudy" value={prior ? studyChoiceKey(prior.ranked.study) : ''} onChange={(event) => state.compareWith(event.target.value)}>
            {!prior && <option value="">{t('viewer.comparison.none')}</option>}
            {state.candidates.map((study) => (
              <option key={studyChoiceKey(study)} value={studyChoiceKey(study)}>
                {`${describe(study)} — ${siteName(study.siteId)}`}
              </option>
            ))}
          </select>
        </label>
      )}
      {timeline.state === 'ready' && timeline.problems.length > 0 && (
        <span className="comparison-problem" role="alert" data-testid="comparison-problems">
          {t('viewer.comparison.incomplete', { problems: timeline.problems.join('; ') })}
        </span>
      )}
      {state.priorProblem && (
        <span className="comparison-problem" role="alert">
          {t('viewer.comparison.priorFailed', { reason: state.priorProblem })}
        </span>
      )}
    </div>
  );
}
