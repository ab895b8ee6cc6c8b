import { describe, expect, it } from 'vitest';
import type { SeriesUid } from '../domain/dicom/identifiers.ts';
import { assignViewports } from './assignViewports.ts';
import { BUILT_IN_PROTOCOLS, priorComparisonProtocol, singleStudyProtocol } from './builtInProtocols.ts';
import { relevantPrior } from './relevantPrior.ts';
import { protocolContext, selectProtocol } from './selectProtocol.ts';
import type { ProtocolSeries } from './seriesMatch.ts';
import { currentThorax, person1Studies, priorTap, priorThorax } from './testStudies.ts';

const ct = (uid: string, description: string, instanceCount: number): ProtocolSeries => ({
  seriesUid: uid as SeriesUid,
  modality: 'CT',
  description,
  number: 2,
  instanceCount,
});

const seriesOf = new Map([
  [currentThorax.studyUid, [ct('2.25.1001.2', 'Thorax 2,5 mm injecté', 120)]],
  [priorThorax.studyUid, [ct('2.25.1002.2', 'Thorax 3 mm', 100)]],
  [priorTap.studyUid, [ct('2.25.2001.2', 'TAP 5 mm', 80)]],
]);

describe('built-in protocols on the demo patient', () => {
  it('opens the current chest CT beside the CGFL chest-abdomen-pelvis CT, scrolling and windowing together', () => {
    const found = relevantPrior(currentThorax, { studies: person1Studies });
    if (!found.prior) throw new Error(`no prior: ${found.reason}`);
    const selection = selectProtocol(BUILT_IN_PROTOCOLS, protocolContext(currentThorax, { hasPrior: true, role: 'radiologist' }));
    expect(selection?.protocol).toBe(priorComparisonProtocol);
    const [stage] = priorComparisonProtocol.stages;
    if (!stage) throw new Error('no stage');
    const priors = found.ranked.filter((prior) => prior.relevant).map((prior) => ({ study: prior.study, series: seriesOf.get(prior.study.studyUid) ?? [] }));
    const assignment = assignViewports(priorComparisonProtocol, stage, { current: { study: currentThorax, series: seriesOf.get(currentThorax.studyUid) ?? [] }, priors });
    expect(assignment.viewports.map((viewport) => viewport.kind === 'series' && `${viewport.study.siteId} ${viewport.series.description}`)).toEqual([
      'chu-val-de-saone Thorax 2,5 mm injecté',
      'cgfl-bourgogne TAP 5 mm',
    ]);
    expect(assignment.syncGroups).toEqual([{ kinds: ['scroll', 'voi'], viewports: [0, 1] }]);
  });

  it('keeps the single study as the last protocol, with distinct ids', () => {
    expect(BUILT_IN_PROTOCOLS[BUILT_IN_PROTOCOLS.length - 1]).toBe(singleStudyProtocol);
    expect(new Set(BUILT_IN_PROTOCOLS.map((protocol) => protocol.id)).size).toBe(BUILT_IN_PROTOCOLS.length);
    expect(BUILT_IN_PROTOCOLS.every((protocol) => protocol.name.startsWith('hangingProtocols.'))).toBe(true);
  });
});
