/**
 * Comparing a picture on screen with an independent reference rendering of the same image, whatever the window
 * each applied: both are brought to the same coarse grid of mean luminance, and their Spearman rank correlation is
 * taken (a monotonic mapping such as a VOI window or an inversion of sign only changes values, not ranks; an
 * inversion gives a negative correlation). Pure functions, on plain arrays.
 */

/** A picture as luminance values, row after row. */
export interface LuminanceImage {
  width: number;
  height: number;
  values: ArrayLike<number>;
}

/** A decoded PGM or PPM (Netpbm P2, P3, P5 or P6): samples row after row, `channels` per pixel. */
export interface Pnm extends LuminanceImage {
  channels: 1 | 3;
  maxValue: number;
}

/** Reads a Netpbm grey (P2, P5) or colour (P3, P6) picture; colour comes back as its luminance. */
export function parsePnm(bytes: Uint8Array): Pnm {
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  if (!['P2', 'P3', 'P5', 'P6'].includes(magic)) throw new Error(`not a PGM/PPM file (starts with "${magic}")`);
  const channels = magic === 'P3' || magic === 'P6' ? 3 : 1;
  let offset = 2;
  const header: number[] = [];
  const token = (): string => {
    while (offset < bytes.length) {
      const byte = bytes[offset]!;
      if (byte === 0x23) while (offset < bytes.length && bytes[offset] !== 0x0a) offset += 1;
      else if (byte <= 0x20) offset += 1;
      else break;
    }
    const start = offset;
    while (offset < bytes.length && bytes[offset]! > 0x20) offset += 1;
    return String.fromCharCode(...bytes.subarray(start, offset));
  };
  while (header.length < 3) header.push(Number(token()));
  const [width, height, maxValue] = header as [number, number, number];
  if (!(width > 0 && height > 0 && maxValue > 0)) throw new Error(`bad PGM/PPM header ${header.join(' ')}`);
  const count = width * height * channels;
  const samples = new Float64Array(count);
  if (magic === 'P2' || magic === 'P3') {
    for (let i = 0; i < count; i++) samples[i] = Number(token());
  } else {
    offset += 1;
    const wide = maxValue > 255;
    for (let i = 0; i < count; i++) samples[i] = wide ? (bytes[offset + 2 * i]! << 8) | bytes[offset + 2 * i + 1]! : bytes[offset + i]!;
  }
  return { width, height, channels, maxValue, values: channels === 1 ? samples : luminanceOfRgb(samples, 3) };
}

/** Rec. 601 luminance of interleaved colour samples (`stride` 3 for RGB, 4 for RGBA). */
export function luminanceOfRgb(samples: ArrayLike<number>, stride: 3 | 4): Float64Array {
  const out = new Float64Array(Math.floor(samples.length / stride));
  for (let i = 0; i < out.length; i++) {
    out[i] = 0.299 * samples[i * stride]! + 0.587 * samples[i * stride + 1]! + 0.114 * samples[i * stride + 2]!;
  }
  return out;
}

/** The comparison grid for an image of `rows` × `columns`: at most `most` cells a side, never finer than the image. */
export function gridSize(rows: number, columns: number, most = 24): { width: number; height: number } {
  return { width: Math.max(1, Math.min(most, columns)), height: Math.max(1, Math.min(most, rows)) };
}

/** Mean of each cell of a `width` × `height` grid laid over the picture (each source pixel weighted by its overlap). */
export function downsample(image: LuminanceImage, width: number, height: number): number[] {
  const grid = new Array<number>(width * height).fill(0);
  const weights = new Array<number>(width * height).fill(0);
  const sx = width / image.width;
  const sy = height / image.height;
  for (let y = 0; y < image.height; y++) {
    const y0 = y * sy;
    const y1 = (y + 1) * sy;
    for (let gy = Math.floor(y0); gy < Math.min(height, Math.ceil(y1)); gy++) {
      const wy = Math.min(y1, gy + 1) - Math.max(y0, gy);
      for (let x = 0; x < image.width; x++) {
        const x0 = x * sx;
        const x1 = (x + 1) * sx;
        const value = image.values[y * image.width + x]!;
        for (let gx = Math.floor(x0); gx < Math.min(width, Math.ceil(x1)); gx++) {
          const weight = wy * (Math.min(x1, gx + 1) - Math.max(x0, gx));
          if (weight <= 0) continue;
          grid[gy * width + gx]! += weight * value;
          weights[gy * width + gx]! += weight;
        }
      }
    }
  }
  return grid.map((sum, index) => sum / (weights[index] || 1));
}

/** Ranks from 1, ties sharing their mean rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) out[order[i]!.index] = rank;
    start = end + 1;
  }
  return out;
}

/** Population variance. */
export function variance(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
}

/** Spearman's rank correlation (Pearson's on the ranks); 0 when either side is constant. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`cannot correlate ${a.length} values with ${b.length}`);
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (a.length + 1) / 2;
  let covariance = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < ra.length; i++) {
    covariance += (ra[i]! - mean) * (rb[i]! - mean);
    va += (ra[i]! - mean) ** 2;
    vb += (rb[i]! - mean) ** 2;
  }
  return va === 0 || vb === 0 ? 0 : covariance / Math.sqrt(va * vb);
}

/** A rectangle, in canvas pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where an image of `columns` × `rows` pixels, each `pixelAspect` times taller than wide, lies once fitted whole
 * and centred in a canvas (as a stack viewport shows it before any zoom or pan).
 */
export function fittedRect(canvasWidth: number, canvasHeight: number, columns: number, rows: number, pixelAspect = 1): Rect {
  const imageWidth = columns;
  const imageHeight = rows * pixelAspect;
  const scale = Math.min(canvasWidth / imageWidth, canvasHeight / imageHeight);
  const width = imageWidth * scale;
  const height = imageHeight * scale;
  return { x: (canvasWidth - width) / 2, y: (canvasHeight - height) / 2, width, height };
}

/** The part of a picture inside `rect`, shrunk by `inset` pixels on each side (to leave out blended edges). */
export function crop(image: LuminanceImage, rect: Rect, inset = 0): LuminanceImage {
  const x0 = Math.max(0, Math.round(rect.x + inset));
  const y0 = Math.max(0, Math.round(rect.y + inset));
  const x1 = Math.min(image.width, Math.round(rect.x + rect.width - inset));
  const y1 = Math.min(image.height, Math.round(rect.y + rect.height - inset));
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const values = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) values[y * width + x] = image.values[Math.min(image.height - 1, y0 + y) * image.width + Math.min(image.width - 1, x0 + x)]!;
  }
  return { width, height, values };
}

/** Variance of the picture outside `rect` grown by `margin` pixels: 0 where nothing is drawn beyond the image. */
export function varianceOutside(image: LuminanceImage, rect: Rect, margin: number): number {
  const outside: number[] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const inside = x >= rect.x - margin && x < rect.x + rect.width + margin && y >= rect.y - margin && y < rect.y + rect.height + margin;
      if (!inside) outside.push(image.values[y * image.width + x]!);
    }
  }
  return variance(outside);
}
