import { describe, expect, it } from 'vitest';
import { assignBannerStyles, BANNER_PALETTE, contrastRatio, hueOf } from './bannerColors.ts';
import { keyOf } from './boardTestItems.ts';

describe('banner colours', () => {
  it('every swatch has a text contrast of at least 4.5:1 (WCAG 2.1 SC 1.4.3)', () => {
    for (const swatch of BANNER_PALETTE) expect(contrastRatio(swatch.background, swatch.text)).toBeGreaterThanOrEqual(4.5);
  });

  it('the palette has distinct hues, at least 20° apart', () => {
    const hues = BANNER_PALETTE.map((swatch) => hueOf(swatch.background));
    for (const [i, hue] of hues.entries()) {
      for (const other of hues.slice(i + 1)) {
        const gap = Math.min(Math.abs(hue - other), 360 - Math.abs(hue - other));
        expect(gap).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('knows the reference contrasts', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
  });

  it('two people sharing a Patient ID at two sites get two colours', () => {
    const martin = keyOf('chu', '300042');
    const bernard = keyOf('cgfl', '300042');
    const styles = assignBannerStyles([martin, bernard, martin]);
    expect(styles.size).toBe(2);
    expect(styles.get(martin)?.background).not.toBe(styles.get(bernard)?.background);
    expect(styles.get(martin)?.number).toBe(1);
    expect(styles.get(bernard)?.number).toBe(2);
  });

  it('distinct colours while the palette lasts, then a pattern and a number tell people apart', () => {
    const keys = Array.from({ length: BANNER_PALETTE.length * 2 + 1 }, (_, index) => keyOf('chu', `P${index}`));
    const styles = [...assignBannerStyles(keys).values()];
    const first = styles.slice(0, BANNER_PALETTE.length);
    expect(new Set(first.map((style) => style.background)).size).toBe(BANNER_PALETTE.length);
    expect(first.every((style) => style.pattern === 'solid')).toBe(true);
    const signatures = styles.map((style) => `${style.background}/${style.pattern}`);
    expect(new Set(signatures).size).toBe(styles.length);
    expect(new Set(styles.map((style) => style.number)).size).toBe(styles.length);
  });

  it('is deterministic: the same keys in the same order give the same styles', () => {
    const keys = [keyOf('chu', 'A'), keyOf('cgfl', 'B')];
    expect(assignBannerStyles(keys)).toEqual(assignBannerStyles([...keys]));
  });
});
