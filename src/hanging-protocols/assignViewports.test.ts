import { describe, expect, it } from 'vitest';
import type { SeriesUid } from '../domain/dicom/identifiers.ts';
import { assignViewports } from './assignViewports.ts';
import { mrMultiSequenceProtocol, priorComparisonProtocol, reportFirstProtocol } from './builtInProtocols.ts';
import type { HangingProtocol } from './protocolTypes.ts';
import { rankSeries, seriesMatches, seriesThicknessMm, type ProtocolSeries } from './seriesMatch.ts';
import { brainMr, currentThorax, priorTap } from './testStudies.ts';

const series = (uid: string, modality: string, description: string, instanceCount: number, extra: Partial<ProtocolSeries> = {}): ProtocolSeries => ({
  seriesUid: uid as SeriesUid,
  modality,
  description,
  number: Number(uid.split('.').pop()),
  instanceCount,
  ...extra,
});

const currentSeries = [
  series('2.25.1001.1', 'CT', 'Topogramme', 1),
  series('2.25.1001.2', 'CT', 'Thorax 2,5 mm injecté', 120, { orientation: 'axial' }),
  series('2.25.1001.3', 'CT', 'Thorax coronal 3 mm', 90, { orientation: 'coronal' }),
  series('2.25.1001.4', 'SR', 'Compte rendu', 1),
];
const tapSeries = [
  series('2.25.2001.1', 'CT', 'TAP coronal 3 mm', 150, { orientation: 'coronal' }),
  series('2.25.2001.2', 'CT', 'TAP 5 mm', 80, { orientation: 'axial' }),
  series('2.25.2001.3', 'CT', 'TAP 1 mm', 400, { orientation: 'axial' }),
  series('2.25.2001.4', 'DOC', 'Compte rendu PDF', 1),
];

describe('series selection', () => {
  it('reads the thickness from Slice Thickness, else from the description', () => {
    expect(seriesThicknessMm(series('1.1', 'CT', 'Thorax 2,5 mm injecté', 1))).toBe(2.5);
    expect(seriesThicknessMm(series('1.2', 'CT', 'Abdomen 3mm', 1))).toBe(3);
    expect(seriesThicknessMm(series('1.3', 'CT', 'Abdomen 3mm', 1, { sliceThicknessMm: 1.25 }))).toBe(1.25);
    expect(seriesThicknessMm(series('1.4', 'CT', 'Abdomen', 1))).toBeUndefined();
  });

  it('applies every criterion of a selector', () => {
    const axial = series('1.1', 'CT', 'Thorax 2,5 mm', 120, { orientation: 'axial' });
    expect(seriesMatches(axial, { modality: ['ct'], keywords: ['thorax'], orientation: 'axial', sliceThicknessMm: { min: 2, max: 3 }, minImages: 10 })).toBe(true);
    expect(seriesMatches(axial, { orientation: 'sagittal' })).toBe(false);
    expect(seriesMatches(axial, { sliceThicknessMm: { max: 2 } })).toBe(false);
    expect(seriesMatches(axial, { minImages: 200 })).toBe(false);
    expect(seriesMatches(axial, { excludeKeywords: ['THORAX'] })).toBe(false);
    expect(seriesMatches(series('1.2', 'SR', 'Report', 1), {})).toBe(false);
  });

  it('prefers, for a prior, the series most like the current one: same plane and closest thickness', () => {
    const reference = currentSeries[1];
    expect(rankSeries(tapSeries, {}, reference).map((entry) => entry.description)).toEqual(['TAP 1 mm', 'TAP 5 mm', 'TAP coronal 3 mm']);
    const thinner = [series('2.1', 'CT', 'TAP 5 mm', 80, { orientation: 'axial' }), series('2.2', 'CT', 'TAP 2 mm', 200, { orientation: 'axial' })];
    expect(rankSeries(thinner, {}, reference)[0]?.description).toBe('TAP 2 mm');
  });
});

describe('assignViewports', () => {
  it('puts the current chest CT beside the prior chest-abdomen-pelvis CT, in step', () => {
    const [sideBySide] = priorComparisonProtocol.stages;
    if (!sideBySide) throw new Error('no stage');
    const assignment = assignViewports(priorComparisonProtocol, sideBySide, { current: { study: currentThorax, series: currentSeries }, priors: [{ study: priorTap, series: tapSeries }] });
    expect(assignment.viewports.map((viewport) => (viewport.kind === 'series' ? [viewport.study.studyUid, viewport.series.description, viewport.prior] : viewport.kind))).toEqual([
      ['2.25.1001', 'Thorax 2,5 mm injecté', undefined],
      ['2.25.2001', 'TAP 1 mm', 0],
    ]);
    expect(assignment.syncGroups).toEqual([{ kinds: ['scroll', 'voi'], viewports: [0, 1] }]);
  });

  it('shows two series of each in the second stage, the second pair matched on the second current series', () => {
    const stage = priorComparisonProtocol.stages[1];
    if (!stage) throw new Error('no stage');
    const assignment = assignViewports(priorComparisonProtocol, stage, { current: { study: currentThorax, series: currentSeries }, priors: [{ study: priorTap, series: tapSeries }] });
    expect(assignment.viewports.map((viewport) => (viewport.kind === 'series' ? viewport.series.description : viewport.kind))).toEqual([
      'Thorax 2,5 mm injecté',
      'TAP 1 mm',
      'Thorax coronal 3 mm',
      'TAP coronal 3 mm',
    ]);
    expect(assignment.syncGroups).toHaveLength(2);
  });

  it('leaves a viewport empty with its reason, and drops sync groups left with one viewport', () => {
    const [sideBySide] = priorComparisonProtocol.stages;
    if (!sideBySide) throw new Error('no stage');
    const assignment = assignViewports(priorComparisonProtocol, sideBySide, { current: { study: currentThorax, series: currentSeries }, priors: [] });
    expect(assignment.viewports[1]).toEqual({ kind: 'empty', displaySetId: 'prior-1', reason: 'no-prior' });
    expect(assignment.syncGroups).toEqual([]);
  });

  it('places MR sequences by their description keywords', () => {
    const mrSeries = [
      series('3.1', 'MR', 'AX FLAIR', 30),
      series('3.2', 'MR', 'Sag T1 MPRAGE', 176),
      series('3.3', 'MR', 'Ax T2 TSE', 30),
      series('3.4', 'MR', 'ep2d diff b1000 TRACE', 30),
      series('3.5', 'MR', 'ADC', 30),
    ];
    const stage = mrMultiSequenceProtocol.stages[0];
    if (!stage) throw new Error('no stage');
    const assignment = assignViewports(mrMultiSequenceProtocol, stage, { current: { study: brainMr, series: mrSeries }, priors: [] });
    expect(assignment.viewports.map((viewport) => (viewport.kind === 'series' ? viewport.series.description : viewport.kind))).toEqual([
      'Sag T1 MPRAGE',
      'Ax T2 TSE',
      'AX FLAIR',
      'ep2d diff b1000 TRACE',
    ]);
    const without = assignViewports(mrMultiSequenceProtocol, stage, { current: { study: brainMr, series: mrSeries.slice(0, 2) }, priors: [] });
    expect(without.viewports.map((viewport) => viewport.kind === 'empty' && viewport.reason)).toEqual([false, 'no-matching-series', false, 'no-matching-series']);
  });

  it('shows the report and the key series, and names unknown display sets', () => {
    const stage = reportFirstProtocol.stages[0];
    if (!stage) throw new Error('no stage');
    const withReport: HangingProtocol = { ...reportFirstProtocol, stages: [{ ...stage, layout: '1x3', viewports: [{ report: true }, ...stage.viewports, { displaySet: 'missing' }] }] };
    const [reportStage] = withReport.stages;
    if (!reportStage) throw new Error('no stage');
    const assignment = assignViewports(withReport, reportStage, { current: { study: currentThorax, series: currentSeries }, priors: [] });
    expect(assignment.viewports[0]).toEqual({ kind: 'report', study: currentThorax });
    expect(assignment.viewports[1]).toMatchObject({ kind: 'series', series: { description: 'Thorax 2,5 mm injecté' } });
    expect(assignment.viewports[2]).toEqual({ kind: 'empty', displaySetId: 'missing', reason: 'unknown-display-set' });
  });
});
