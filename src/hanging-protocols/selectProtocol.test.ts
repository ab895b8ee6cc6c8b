import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROTOCOLS, protocolsWithBuiltIns, singleStudyProtocol } from './builtInProtocols.ts';
import type { HangingProtocol, MatchingRule, ProtocolContext } from './protocolTypes.ts';
import { protocolContext, ruleMatch, selectProtocol } from './selectProtocol.ts';
import { brainMr, currentThorax } from './testStudies.ts';

const context = (overrides: Partial<ProtocolContext> = {}): ProtocolContext => ({
  modalities: ['CT'],
  description: 'TDM THORAX',
  bodyRegions: new Set(['chest']),
  hasReport: false,
  hasPrior: false,
  role: 'radiologist',
  siteId: 'chu-val-de-saone',
  ...overrides,
});

const protocol = (id: string, rules: HangingProtocol['matchingRules'], extra: Partial<HangingProtocol> = {}): HangingProtocol => ({
  id,
  name: id,
  matchingRules: rules,
  displaySets: [],
  stages: [],
  ...extra,
});

describe('selectProtocol', () => {
  it('excludes a protocol whose required rule fails, whatever its weight', () => {
    const mrOnly = protocol('mr', [{ attribute: 'modality', constraint: { equals: 'MR' }, weight: 100, required: true }]);
    const chest = protocol('chest', [{ attribute: 'bodyRegion', constraint: { equals: 'chest' }, weight: 5, required: false }]);
    expect(selectProtocol([mrOnly, chest], context())?.protocol.id).toBe('chest');
    expect(selectProtocol([mrOnly], context())).toBeUndefined();
  });

  it('adds the weights of the rules that hold and gives the reasons', () => {
    const a = protocol('a', [
      { attribute: 'modality', constraint: { oneOf: ['ct', 'MR'] }, weight: 10, required: true },
      { attribute: 'description', constraint: { containsAny: ['thorax', 'chest'] }, weight: 7, required: false },
      { attribute: 'hasReport', constraint: { equals: true }, weight: 50, required: false },
    ]);
    const b = protocol('b', [{ attribute: 'modality', constraint: { equals: 'CT' }, weight: 16, required: false }]);
    expect(selectProtocol([b, a], context())).toEqual({
      protocol: a,
      score: 17,
      why: [
        { code: 'modality', value: 'CT' },
        { code: 'description', value: 'thorax' },
      ],
    });
  });

  it('breaks ties by order', () => {
    const first = protocol('first', [{ attribute: 'role', constraint: { equals: 'radiologist' }, weight: 3, required: false }]);
    const second = protocol('second', [{ attribute: 'site', constraint: { equals: 'chu-val-de-saone' }, weight: 3, required: false }]);
    expect(selectProtocol([first, second], context())?.protocol.id).toBe('first');
    expect(selectProtocol([second, first], context())?.protocol.id).toBe('second');
  });

  it('skips a protocol requiring a prior when there is none, and always falls back to the single study', () => {
    const needsPrior = protocol('prior', [], { requiresPrior: true });
    expect(selectProtocol([needsPrior, singleStudyProtocol], context())).toEqual({ protocol: singleStudyProtocol, score: 0, why: [{ code: 'fallback' }] });
    expect(selectProtocol([needsPrior, singleStudyProtocol], context({ hasPrior: true }))?.protocol.id).toBe('prior');
  });

  it('matches modality on any of the study modalities and keywords accent-insensitively', () => {
    const rule: MatchingRule = { attribute: 'description', constraint: { containsAny: ['cerebrale'] }, weight: 1, required: true };
    expect(ruleMatch(rule, context({ description: 'IRM CÉRÉBRALE' }))).toBe('cerebrale');
    expect(ruleMatch({ attribute: 'modality', constraint: { equals: 'SR' }, weight: 1, required: true }, context({ modalities: ['CT', 'SR'] }))).toBe('SR');
  });
});

describe('built-in protocols', () => {
  it('compares a CT with its prior for a radiologist', () => {
    const selection = selectProtocol(BUILT_IN_PROTOCOLS, protocolContext(currentThorax, { hasPrior: true, role: 'radiologist' }));
    expect(selection?.protocol.id).toBe('prior-comparison');
    expect(selection?.why).toEqual([
      { code: 'modality', value: 'CT' },
      { code: 'hasPrior', value: true },
      { code: 'role', value: 'radiologist' },
    ]);
  });

  it('opens the report first for a referring physician when there is a report', () => {
    expect(selectProtocol(BUILT_IN_PROTOCOLS, protocolContext(currentThorax, { hasPrior: true, role: 'referring' }))?.protocol.id).toBe('report-first');
    expect(selectProtocol(BUILT_IN_PROTOCOLS, protocolContext(currentThorax, { hasPrior: false, role: 'referring', hasReport: false }))?.protocol.id).toBe('single-study');
  });

  it('shows the MR sequences when there is no prior, the comparison when there is one', () => {
    expect(selectProtocol(BUILT_IN_PROTOCOLS, protocolContext(brainMr, { hasPrior: false, role: 'radiologist' }))?.protocol.id).toBe('mr-multi-sequence');
    expect(selectProtocol(BUILT_IN_PROTOCOLS, protocolContext(brainMr, { hasPrior: true, role: 'radiologist' }))?.protocol.id).toBe('prior-comparison');
  });

  it('falls back to the single study for anything else', () => {
    const context = protocolContext({ ...currentThorax, modalities: ['DX'] }, { hasPrior: true, role: 'radiologist' });
    expect(selectProtocol(BUILT_IN_PROTOCOLS, context)?.protocol.id).toBe('single-study');
  });

  it('puts configured protocols first, replacing built-ins of the same id', () => {
    const own = protocol('single-study', []);
    const list = protocolsWithBuiltIns([own]);
    expect(list[0]).toBe(own);
    expect(list.filter((entry) => entry.id === 'single-study')).toHaveLength(1);
    expect(protocolsWithBuiltIns(undefined)).toEqual(BUILT_IN_PROTOCOLS);
  });
});
