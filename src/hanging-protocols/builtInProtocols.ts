/**
 * The protocols Passerelle ships, most specific first; a deployment's configured protocols are listed
 * before them (see {@link protocolsWithBuiltIns}). Names are i18n keys under `hangingProtocols.`.
 * - `single-study`: the fallback, the study's main series alone;
 * - `prior-comparison`: CT or MR with a relevant prior, side by side then two series of each (IHE
 *   Basic Image Review display of current and prior);
 * - `mr-multi-sequence`: an MR study's T1, T2, FLAIR and diffusion series in a 2×2 grid;
 * - `report-first`: for a referring physician, the report panel beside the key series.
 */
import type { DisplaySet, HangingProtocol } from './protocolTypes.ts';

const CROSS_SECTIONAL = ['CT', 'MR', 'PT', 'NM'];

export const singleStudyProtocol: HangingProtocol = {
  id: 'single-study',
  name: 'hangingProtocols.singleStudy',
  matchingRules: [],
  displaySets: [{ id: 'current', study: 'current', series: {} }],
  stages: [{ id: 'single', name: 'hangingProtocols.stage.single', layout: '1x1', viewports: [{ displaySet: 'current' }], syncGroups: [] }],
};

const comparisonSets: DisplaySet[] = [
  { id: 'current-1', study: 'current', series: { modality: ['CT', 'MR'], minImages: 2 } },
  { id: 'prior-1', study: { prior: 0 }, series: { modality: ['CT', 'MR'], like: 'current-1' } },
  { id: 'current-2', study: 'current', series: { modality: ['CT', 'MR'], minImages: 2 }, rank: 1 },
  { id: 'prior-2', study: { prior: 0 }, series: { modality: ['CT', 'MR'], like: 'current-2' } },
];

export const priorComparisonProtocol: HangingProtocol = {
  id: 'prior-comparison',
  name: 'hangingProtocols.priorComparison',
  requiresPrior: true,
  matchingRules: [
    { attribute: 'modality', constraint: { oneOf: ['CT', 'MR'] }, weight: 10, required: true },
    { attribute: 'hasPrior', constraint: { equals: true }, weight: 20, required: true },
    { attribute: 'role', constraint: { equals: 'radiologist' }, weight: 5, required: false },
  ],
  displaySets: comparisonSets,
  stages: [
    {
      id: 'side-by-side',
      name: 'hangingProtocols.stage.sideBySide',
      layout: '1x2',
      viewports: [{ displaySet: 'current-1' }, { displaySet: 'prior-1' }],
      syncGroups: [{ kinds: ['scroll', 'voi'], viewports: [0, 1] }],
    },
    {
      id: 'two-series-each',
      name: 'hangingProtocols.stage.twoSeriesEach',
      layout: '2x2',
      viewports: [{ displaySet: 'current-1' }, { displaySet: 'prior-1' }, { displaySet: 'current-2' }, { displaySet: 'prior-2' }],
      syncGroups: [
        { kinds: ['scroll', 'voi'], viewports: [0, 1] },
        { kinds: ['scroll', 'voi'], viewports: [2, 3] },
      ],
    },
  ],
};

/** Series Description keywords of the usual MR sequences (manufacturers' and French usage). */
export const MR_SEQUENCE_KEYWORDS = {
  t1: ['T1', 'T1W', 'T1WI', 'MPRAGE', 'SPGR', 'T1 GADO', 'T1 FS', 'VIBE'],
  t2: ['T2', 'T2W', 'T2WI', 'TSE T2', 'FSE T2'],
  flair: ['FLAIR', 'T2 FLAIR', 'DARK FLUID'],
  dwi: ['DWI', 'DIFFUSION', 'DIFF', 'TRACE', 'B1000', 'EPI DIFF'],
} as const;

export const mrMultiSequenceProtocol: HangingProtocol = {
  id: 'mr-multi-sequence',
  name: 'hangingProtocols.mrMultiSequence',
  matchingRules: [{ attribute: 'modality', constraint: { equals: 'MR' }, weight: 15, required: true }],
  displaySets: [
    { id: 't1', study: 'current', series: { modality: ['MR'], keywords: [...MR_SEQUENCE_KEYWORDS.t1], excludeKeywords: ['FLAIR'] } },
    { id: 't2', study: 'current', series: { modality: ['MR'], keywords: [...MR_SEQUENCE_KEYWORDS.t2], excludeKeywords: ['FLAIR'] } },
    { id: 'flair', study: 'current', series: { modality: ['MR'], keywords: [...MR_SEQUENCE_KEYWORDS.flair] } },
    { id: 'dwi', study: 'current', series: { modality: ['MR'], keywords: [...MR_SEQUENCE_KEYWORDS.dwi], excludeKeywords: ['ADC'] } },
  ],
  stages: [
    {
      id: 'sequences',
      name: 'hangingProtocols.stage.sequences',
      layout: '2x2',
      viewports: [{ displaySet: 't1' }, { displaySet: 't2' }, { displaySet: 'flair' }, { displaySet: 'dwi' }],
      syncGroups: [{ kinds: ['scroll'], viewports: [0, 1, 2, 3] }],
    },
  ],
};

export const reportFirstProtocol: HangingProtocol = {
  id: 'report-first',
  name: 'hangingProtocols.reportFirst',
  reportPanel: true,
  matchingRules: [
    { attribute: 'role', constraint: { equals: 'referring' }, weight: 50, required: true },
    { attribute: 'hasReport', constraint: { equals: true }, weight: 20, required: true },
  ],
  displaySets: [{ id: 'key-series', study: 'current', series: { modality: CROSS_SECTIONAL } }],
  stages: [{ id: 'report', name: 'hangingProtocols.stage.report', layout: '1x1', viewports: [{ displaySet: 'key-series' }], syncGroups: [] }],
};

/** The built-in protocols, the fallback last. */
export const BUILT_IN_PROTOCOLS: readonly HangingProtocol[] = [reportFirstProtocol, priorComparisonProtocol, mrMultiSequenceProtocol, singleStudyProtocol];

/** A deployment's protocols first (they win ties), then the built-in ones not replaced by an equal id. */
export function protocolsWithBuiltIns(configured: readonly HangingProtocol[] | undefined): HangingProtocol[] {
  const own = configured ?? [];
  const ids = new Set(own.map((protocol) => protocol.id));
  return [...own, ...BUILT_IN_PROTOCOLS.filter((protocol) => !ids.has(protocol.id))];
}
