import { describe, expect, it } from 'vitest';
import { headerWindow, rangeToWindow, voiPresetForKey, windowToRange } from './voiPresets.ts';

describe('headerWindow', () => {
  it('reads the first Window Center/Width', () => {
    expect(headerWindow({ '00281050': { vr: 'DS', Value: ['40', '-600'] }, '00281051': { vr: 'DS', Value: [400, 1500] } })).toEqual({ center: 40, width: 400 });
    expect(headerWindow({ '00281050': { vr: 'DS', Value: [40] } })).toBeUndefined();
    expect(headerWindow({ '00281050': { vr: 'DS', Value: [40] }, '00281051': { vr: 'DS', Value: [0] } })).toBeUndefined();
  });
});

describe('voiPresetForKey', () => {
  const header = { center: 50, width: 350 };
  it('binds 1 to the header window and 2–6 to CT windows', () => {
    expect(voiPresetForKey('1', 'CT', header)).toEqual({ id: 'header', window: header });
    expect(voiPresetForKey('1', 'CT', undefined)?.id).toBe('softTissue');
    expect(voiPresetForKey('2', 'CT', header)).toEqual({ id: 'lung', window: { center: -600, width: 1500 } });
    expect(voiPresetForKey('3', 'ct', header)?.id).toBe('bone');
    expect(voiPresetForKey('4', 'CT', header)?.window).toEqual({ center: 40, width: 80 });
    expect(voiPresetForKey('5', 'CT', header)?.window).toEqual({ center: 60, width: 400 });
    expect(voiPresetForKey('6', 'CT', header)?.window).toEqual({ center: 40, width: 400 });
  });
  it('offers CT windows for CT only', () => {
    expect(voiPresetForKey('2', 'MR', header)).toBeUndefined();
    expect(voiPresetForKey('1', 'MR', header)?.id).toBe('header');
    expect(voiPresetForKey('1', 'MR', undefined)).toBeUndefined();
    expect(voiPresetForKey('7', 'CT', header)).toBeUndefined();
  });
});

describe('windowToRange / rangeToWindow', () => {
  it('follow the LINEAR VOI function and are inverse', () => {
    expect(windowToRange({ center: 40, width: 400 })).toEqual({ lower: -160, upper: 239 });
    expect(rangeToWindow({ lower: -160, upper: 239 })).toEqual({ center: 40, width: 400 });
    expect(rangeToWindow(windowToRange({ center: -600, width: 1500 }))).toEqual({ center: -600, width: 1500 });
  });
});
