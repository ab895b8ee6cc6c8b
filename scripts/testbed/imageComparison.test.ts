import { describe, expect, it } from 'vitest';
import { crop, downsample, fittedRect, gridSize, luminanceOfRgb, parsePnm, ranks, spearman, variance, varianceOutside } from './imageComparison.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('parsePnm', () => {
  it('reads a 16-bit ASCII PGM, comments included', () => {
    const pnm = parsePnm(ascii('P2\n# made by hand\n3 2\n65535\n0 1 2\n3 4 65535\n'));
    expect(pnm).toMatchObject({ width: 3, height: 2, channels: 1, maxValue: 65535 });
    expect(Array.from(pnm.values)).toEqual([0, 1, 2, 3, 4, 65535]);
  });

  it('reads a binary PPM as its luminance', () => {
    const bytes = new Uint8Array([...ascii('P6\n2 1\n255\n'), 255, 0, 0, 0, 0, 255]);
    const pnm = parsePnm(bytes);
    expect(pnm.channels).toBe(3);
    expect(Array.from(pnm.values).map((value) => Math.round(value * 10) / 10)).toEqual([76.2, 29.1]);
  });

  it('reads a binary 16-bit PGM big endian', () => {
    const pnm = parsePnm(new Uint8Array([...ascii('P5 2 1 65535\n'), 1, 0, 0, 2]));
    expect(Array.from(pnm.values)).toEqual([256, 2]);
  });

  it('refuses what is not Netpbm', () => {
    expect(() => parsePnm(ascii('GIF89a'))).toThrow(/not a PGM\/PPM/);
  });
});

describe('luminanceOfRgb', () => {
  it('weighs green most, from RGBA', () => {
    expect(Array.from(luminanceOfRgb([0, 255, 0, 255, 0, 0, 255, 255], 4)).map(Math.round)).toEqual([150, 29]);
  });
});

describe('gridSize', () => {
  it('is never finer than the image', () => {
    expect(gridSize(512, 512)).toEqual({ width: 24, height: 24 });
    expect(gridSize(3, 3)).toEqual({ width: 3, height: 3 });
    expect(gridSize(1024, 256, 16)).toEqual({ width: 16, height: 16 });
  });
});

describe('downsample', () => {
  it('averages whole blocks', () => {
    const values = [1, 1, 5, 5, 1, 1, 5, 5, 3, 3, 7, 7, 3, 3, 7, 7];
    expect(downsample({ width: 4, height: 4, values }, 2, 2)).toEqual([1, 5, 3, 7]);
  });

  it('weighs pixels by their overlap with uneven cells', () => {
    expect(downsample({ width: 3, height: 1, values: [0, 3, 6] }, 2, 1)).toEqual([1, 5]);
  });

  it('keeps each pixel when the grid is the image', () => {
    expect(downsample({ width: 2, height: 2, values: [4, 3, 2, 1] }, 2, 2)).toEqual([4, 3, 2, 1]);
  });
});

describe('ranks and spearman', () => {
  it('shares the mean rank among ties', () => {
    expect(ranks([10, 20, 10, 30])).toEqual([1.5, 3, 1.5, 4]);
  });

  it('is 1 under any increasing mapping and -1 under a decreasing one', () => {
    const a = [1, 5, 2, 8, 3, 9, 4];
    expect(spearman(a, a.map((value) => Math.log(value) * 100 + 7))).toBeCloseTo(1, 10);
    expect(spearman(a, a.map((value) => -value))).toBeCloseTo(-1, 10);
  });

  it('is near 0 for unrelated pictures and 0 against a blank one', () => {
    expect(Math.abs(spearman([1, 2, 3, 4, 5, 6], [4, 1, 6, 2, 5, 3]))).toBeLessThan(0.3);
    expect(spearman([1, 2, 3], [7, 7, 7])).toBe(0);
  });

  it('refuses grids of different sizes', () => {
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow(/cannot correlate/);
  });
});

describe('variance', () => {
  it('is 0 for a blank picture', () => {
    expect(variance([5, 5, 5])).toBe(0);
    expect(variance([1, 3])).toBe(1);
    expect(variance([])).toBe(0);
  });
});

describe('fittedRect', () => {
  it('fits a square image in a wide canvas, centred', () => {
    expect(fittedRect(200, 100, 64, 64)).toEqual({ x: 50, y: 0, width: 100, height: 100 });
  });

  it('fits a tall image by its height and a wide one by its width', () => {
    expect(fittedRect(100, 100, 256, 1024)).toEqual({ x: 37.5, y: 0, width: 25, height: 100 });
    expect(fittedRect(100, 100, 100, 50)).toEqual({ x: 0, y: 25, width: 100, height: 50 });
  });

  it('stretches rows by the pixel aspect', () => {
    expect(fittedRect(100, 100, 100, 50, 2)).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });
});

describe('crop and varianceOutside', () => {
  const image = { width: 4, height: 3, values: [0, 0, 0, 0, 0, 5, 9, 0, 0, 0, 0, 0] };

  it('cuts the rectangle out, inset on each side', () => {
    expect(Array.from(crop(image, { x: 1, y: 1, width: 2, height: 1 }).values)).toEqual([5, 9]);
    expect(crop(image, { x: 0, y: 0, width: 4, height: 3 }, 1)).toMatchObject({ width: 2, height: 1 });
  });

  it('sees nothing drawn outside the image, and something drawn beyond it', () => {
    expect(varianceOutside(image, { x: 1, y: 1, width: 2, height: 1 }, 0)).toBe(0);
    expect(varianceOutside(image, { x: 1, y: 1, width: 1, height: 1 }, 0)).toBeGreaterThan(0);
  });
});
