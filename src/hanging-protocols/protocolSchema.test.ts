import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROTOCOLS } from './builtInProtocols.ts';
import { validateHangingProtocols } from './protocolSchema.ts';

const valid = {
  id: 'ct-chest-lung',
  name: 'Thorax : parenchyme',
  matchingRules: [{ attribute: 'description', constraint: { containsAny: ['thorax', 'chest'] }, weight: 10, required: true }],
  displaySets: [
    { id: 'lung', study: 'current', series: { modality: ['CT'], keywords: ['poumon', 'lung'], sliceThicknessMm: { max: 1.5 } } },
    { id: 'prior-lung', study: { prior: 0 }, series: { like: 'lung' } },
  ],
  stages: [{ id: 's1', name: 'Comparaison', layout: '1x2', viewports: [{ displaySet: 'lung' }, { displaySet: 'prior-lung' }], syncGroups: [{ kinds: ['scroll', 'zoomPan'], viewports: [0, 1] }] }],
  requiresPrior: true,
};

describe('validateHangingProtocols', () => {
  it('accepts the built-in protocols and a configured one', () => {
    expect(validateHangingProtocols(BUILT_IN_PROTOCOLS)).toEqual({ ok: true, protocols: BUILT_IN_PROTOCOLS });
    expect(validateHangingProtocols([valid])).toEqual({ ok: true, protocols: [valid] });
  });

  it('names the field of each shape error', () => {
    const result = validateHangingProtocols([
      {
        ...valid,
        matchingRules: [{ attribute: 'colour', constraint: { near: 1 }, weight: '10', required: 'yes' }],
        stages: [{ ...valid.stages[0], layout: '4x4', syncGroups: [{ kinds: ['pan'], viewports: [0] }] }],
        extra: true,
      },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[0\]: Unrecognized key/),
        expect.stringMatching(/^\[0\]\.matchingRules\[0\]\.attribute: must be one of modality, description/),
        expect.stringMatching(/^\[0\]\.matchingRules\[0\]\.constraint: must be one of \{ equals \}/),
        '[0].matchingRules[0].weight: must be a number',
        '[0].matchingRules[0].required: must be true or false',
        expect.stringMatching(/^\[0\]\.stages\[0\]\.layout: must be one of 1x1, 1x2/),
        expect.stringMatching(/^\[0\]\.stages\[0\]\.syncGroups\[0\]\.kinds\[0\]: must be one of scroll, voi, zoomPan/),
        '[0].stages[0].syncGroups[0].viewports: must list at least two viewports',
      ]),
    );
  });

  it('names broken references between display sets, viewports and sync groups', () => {
    const result = validateHangingProtocols([
      {
        ...valid,
        displaySets: [...valid.displaySets, { id: 'lung', study: 'current', series: { like: 'nowhere' } }],
        stages: [{ ...valid.stages[0], layout: '1x1', viewports: [{ displaySet: 'lung' }, { displaySet: 'ghost' }], syncGroups: [{ kinds: ['scroll'], viewports: [0, 5] }] }],
      },
      { ...valid, matchingRules: [{ attribute: 'hasPrior', constraint: { equals: 'yes' }, weight: 1, required: false }, { attribute: 'role', constraint: { equals: 'nurse' }, weight: 1, required: false }] },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        '[0].displaySets[2].id: duplicates displaySets[0].id "lung"',
        '[0].displaySets[2].series.like: names no other display set ("nowhere")',
        '[0].stages[0].viewports: lists 2 viewports; layout 1x1 has 1',
        '[0].stages[0].viewports[1].displaySet: names no display set ("ghost")',
        '[0].stages[0].syncGroups[0].viewports[1]: is not a viewport of this stage (0–1)',
        '[1].matchingRules[0].constraint: hasPrior takes { "equals": true | false }',
        '[1].matchingRules[1].constraint.equals: must be one of radiologist, referring',
        '[1].id: is also the id of protocol [0] ("ct-chest-lung")',
      ],
    });
  });

  it('refuses what is not a list', () => {
    expect(validateHangingProtocols({})).toEqual({ ok: false, errors: ['must be a list of hanging protocols'] });
  });
});
