import { describe, expect, it } from 'vitest';
import { createViewCoalescer } from './viewCoalescing.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 1, 8, 0) + minutes * 60_000);
const access = (minutes: number, overrides: Partial<{ userId: string; siteId: string; studyUid: string }> = {}) => ({
  userId: 'radiologue',
  siteId: 'chu',
  studyUid: '1.2.3',
  at: at(minutes),
  ...overrides,
});

describe('view coalescing', () => {
  it('records the first access and not the frames that follow within the window', () => {
    const coalescer = createViewCoalescer({ windowMs: 15 * 60_000 });
    expect(coalescer.opensViewing(access(0))).toBe(true);
    expect(coalescer.opensViewing(access(0.01))).toBe(false);
    expect(coalescer.opensViewing(access(10))).toBe(false);
    // 14 minutes after the previous access, 24 after the first: still the same viewing.
    expect(coalescer.opensViewing(access(24))).toBe(false);
  });

  it('opens a new viewing after a pause longer than the window', () => {
    const coalescer = createViewCoalescer({ windowMs: 15 * 60_000 });
    coalescer.opensViewing(access(0));
    expect(coalescer.opensViewing(access(16))).toBe(true);
    expect(coalescer.opensViewing(access(17))).toBe(false);
  });

  it('keeps users, sites and studies apart', () => {
    const coalescer = createViewCoalescer();
    expect(coalescer.opensViewing(access(0))).toBe(true);
    expect(coalescer.opensViewing(access(1, { userId: 'medecin' }))).toBe(true);
    expect(coalescer.opensViewing(access(1, { siteId: 'cgfl' }))).toBe(true);
    expect(coalescer.opensViewing(access(1, { studyUid: '1.2.4' }))).toBe(true);
    expect(coalescer.opensViewing(access(2))).toBe(false);
  });

  it('forgets closed viewings, so memory stays bounded', () => {
    const coalescer = createViewCoalescer({ windowMs: 60_000, sweepEvery: 1 });
    for (let index = 0; index < 50; index += 1) coalescer.opensViewing(access(0, { studyUid: `1.2.${index}` }));
    expect(coalescer.openCount()).toBe(50);
    coalescer.opensViewing(access(5));
    expect(coalescer.openCount()).toBe(1);
  });
});
