/**
 * RLE Lossless compression (PS3.5 Annex G).
 *
 * A frame is split into byte segments: for each sample, one segment per byte of the pixel cell, most
 * significant byte first (PS3.5 §G.2). Each segment is PackBits-compressed row by row, so that no run crosses
 * a row boundary (PS3.5 §G.3.1), and padded to an even length (PS3.5 §G.5). The frame starts with a 64-byte
 * header: the number of segments, then fifteen 32-bit offsets of each segment from the frame's start (§G.5).
 */

const headerLength = 64;
const maxSegments = 15;
const maxPacket = 128;

/**
 * PackBits-compresses `source[start, end)` into `out` from `outOffset`; returns the new output offset.
 * Runs of 3 or more equal bytes become replicate packets (header 1 − n), the rest literal packets (header n − 1).
 */
export function packBits(source: Uint8Array, start: number, end: number, out: Uint8Array, outOffset: number): number {
  let o = outOffset;
  let i = start;
  let literalStart = start;
  const flushLiteral = (until: number): void => {
    let from = literalStart;
    while (from < until) {
      const count = Math.min(maxPacket, until - from);
      out[o++] = count - 1;
      out.set(source.subarray(from, from + count), o);
      o += count;
      from += count;
    }
  };
  while (i < end) {
    const value = source[i];
    let run = 1;
    while (i + run < end && run < maxPacket && source[i + run] === value) run++;
    if (run >= 3) {
      flushLiteral(i);
      out[o++] = (257 - run) & 0xff;
      out[o++] = value ?? 0;
      i += run;
      literalStart = i;
    } else i += run;
  }
  flushLiteral(end);
  return o;
}

export interface RleFrameInput {
  /** The frame's pixel bytes, little endian, pixel-interleaved. */
  pixels: Uint8Array;
  columns: number;
  rows: number;
  /** Bytes per sample: 1 or 2 (BitsAllocated 8 or 16). */
  bytesPerSample: number;
  samplesPerPixel: number;
}

/** One RLE-compressed frame: header followed by its segments. */
export function encodeRleFrame(input: RleFrameInput): Uint8Array {
  const { pixels, columns, rows, bytesPerSample, samplesPerPixel } = input;
  const segmentCount = bytesPerSample * samplesPerPixel;
  if (segmentCount > maxSegments) throw new Error('too many RLE segments');
  const cellBytes = segmentCount;
  if (pixels.length !== columns * rows * cellBytes) throw new Error('pixel buffer does not match the frame size');
  // Worst case of PackBits: one header byte per 128 literal bytes, per row, plus even padding.
  const worstSegment = rows * (columns + Math.ceil(columns / maxPacket)) + 1;
  const out = new Uint8Array(headerLength + segmentCount * worstSegment);
  const header = new DataView(out.buffer);
  header.setUint32(0, segmentCount, true);
  const row = new Uint8Array(columns);
  let offset = headerLength;
  for (let segment = 0; segment < segmentCount; segment++) {
    header.setUint32(4 + segment * 4, offset, true);
    const sample = Math.floor(segment / bytesPerSample);
    // Segment order within a sample: most significant byte first; the buffer is little endian.
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    const byteIndex = sample * bytesPerSample + byteInSample;
    for (let r = 0; r < rows; r++) {
      const rowStart = r * columns * cellBytes + byteIndex;
      for (let c = 0; c < columns; c++) row[c] = pixels[rowStart + c * cellBytes] ?? 0;
      offset = packBits(row, 0, columns, out, offset);
    }
    if ((offset - headerLength) % 2 !== 0) out[offset++] = 0;
  }
  return out.slice(0, offset);
}
