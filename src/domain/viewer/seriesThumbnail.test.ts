import { describe, expect, it } from 'vitest';
import { middleInstanceUid } from './seriesThumbnail.ts';

const instance = (uid: string, number: number) => ({ '00080018': { vr: 'UI', Value: [uid] }, '00200013': { vr: 'IS', Value: [number] } });

describe('middleInstanceUid', () => {
  it('picks the middle instance by Instance Number', () => {
    expect(middleInstanceUid([instance('1.3', 3), instance('1.1', 1), instance('1.2', 2)])).toBe('1.2');
    expect(middleInstanceUid([instance('1.1', 1)])).toBe('1.1');
  });
  it('is undefined for nothing usable', () => {
    expect(middleInstanceUid([])).toBeUndefined();
    expect(middleInstanceUid('junk')).toBeUndefined();
  });
});
