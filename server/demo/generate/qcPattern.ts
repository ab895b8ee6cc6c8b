/**
 * The test pattern of the quality-control study, in the spirit of the SMPTE RP 133 and AAPM TG18 test patterns:
 * four quadrants of known content and a horizontal ramp across the middle, so that a viewer's rendering can be
 * checked by reading a few regions back. Grey-scale images carry four levels, darkest top left, then top right,
 * bottom left, brightest bottom right; colour images carry red, green, blue and white quadrants and a grey ramp
 * from black to white across the middle. Image 2 of a series turns the quadrants a quarter turn clockwise, so two
 * images of a series are told apart.
 */

/** Width and height of every quality-control image. */
export const qcMatrix = 128;

/** Quadrant index (0 top left, 1 top right, 2 bottom left, 3 bottom right) of a pixel, or -1 in the ramp band. */
export function qcRegion(row: number, column: number, size = qcMatrix): number {
  const bandStart = (size * 7) / 16;
  const bandEnd = (size * 9) / 16;
  if (row >= bandStart && row < bandEnd) return -1;
  return (row < size / 2 ? 0 : 2) + (column < size / 2 ? 0 : 1);
}

/** Which content a quadrant shows in image `imageIndex`: a quarter turn clockwise per image. */
export function qcQuadrantContent(quadrant: number, imageIndex: number): number {
  // Clockwise order of the quadrants: top left, top right, bottom right, bottom left.
  const clockwise = [0, 1, 3, 2];
  const position = clockwise.indexOf(quadrant);
  return clockwise[(position - imageIndex + 4 * 4) % 4] ?? 0;
}

/**
 * Grey-scale stored values: `levels[k]` in the quadrant showing content k, a linear ramp from `rampFrom` (left)
 * to `rampTo` (right) in the middle band. Values may be negative (signed pixel representation).
 */
export function qcGreyPattern(levels: readonly [number, number, number, number], rampFrom: number, rampTo: number, imageIndex: number, size = qcMatrix): Int32Array {
  const out = new Int32Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const region = qcRegion(row, column, size);
      out[row * size + column] = region === -1
        ? Math.round(rampFrom + ((rampTo - rampFrom) * column) / (size - 1))
        : (levels[qcQuadrantContent(region, imageIndex)] ?? 0);
    }
  }
  return out;
}

/** The colour of each content index: red, green, blue, white (8-bit RGB). */
export const qcColours: readonly (readonly [number, number, number])[] = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [255, 255, 255],
];

/** Colour pattern as pixel-interleaved 8-bit RGB (R1 G1 B1 R2 …), the ramp band a grey ramp from black to white. */
export function qcColourPattern(imageIndex: number, size = qcMatrix): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const region = qcRegion(row, column, size);
      const at = (row * size + column) * 3;
      if (region === -1) {
        const grey = Math.round((255 * column) / (size - 1));
        out[at] = grey;
        out[at + 1] = grey;
        out[at + 2] = grey;
      } else {
        const colour = qcColours[qcQuadrantContent(region, imageIndex)] ?? [0, 0, 0];
        out.set(colour, at);
      }
    }
  }
  return out;
}

/** RGB to YBR_FULL (PS3.3 §C.7.6.3.1.2, the JFIF equations), 8 bits per sample, pixel-interleaved. */
export function rgbToYbrFull(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length);
  const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    const r = rgb[i] ?? 0;
    const g = rgb[i + 1] ?? 0;
    const b = rgb[i + 2] ?? 0;
    out[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
    out[i + 1] = clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
    out[i + 2] = clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
  }
  return out;
}

/**
 * The colour pattern as PALETTE COLOR (PS3.3 §C.7.6.3.1.5, §C.7.9): 8-bit indices, 0–3 the quadrant colours and
 * 4–255 a grey ramp, with 256-entry 16-bit red, green and blue lookup tables.
 */
export function qcPalettePattern(imageIndex: number, size = qcMatrix): { indices: Uint8Array; red: Uint16Array; green: Uint16Array; blue: Uint16Array } {
  const indices = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const region = qcRegion(row, column, size);
      indices[row * size + column] = region === -1 ? 4 + Math.round((251 * column) / (size - 1)) : qcQuadrantContent(region, imageIndex);
    }
  }
  const red = new Uint16Array(256);
  const green = new Uint16Array(256);
  const blue = new Uint16Array(256);
  for (let entry = 0; entry < 256; entry++) {
    const colour = qcColours[entry];
    const grey = Math.round((65535 * Math.max(0, entry - 4)) / 251);
    red[entry] = colour ? colour[0] * 257 : grey;
    green[entry] = colour ? colour[1] * 257 : grey;
    blue[entry] = colour ? colour[2] * 257 : grey;
  }
  return { indices, red, green, blue };
}
