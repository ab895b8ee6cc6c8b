/**
 * RLE Lossless decoding (PS3.5 Annex G): a 64-byte header (number of segments, then up to 15 segment offsets),
 * then one PackBits-encoded segment per byte plane (§G.3.1): for each sample, its most significant byte first.
 * The output is the native little endian byte stream, samples interleaved (Planar Configuration 0).
 */

function unpackBits(source: Uint8Array, start: number, end: number, target: Uint8Array): number {
  let read = start;
  let written = 0;
  while (read < end && written < target.length) {
    const header = source[read++] ?? 0;
    const n = header > 127 ? header - 256 : header;
    if (n >= 0) {
      const count = Math.min(n + 1, target.length - written, end - read);
      target.set(source.subarray(read, read + count), written);
      read += n + 1;
      written += count;
    } else if (n > -128) {
      const value = source[read++] ?? 0;
      const count = Math.min(1 - n, target.length - written);
      target.fill(value, written, written + count);
      written += count;
    }
  }
  return written;
}

export function decodeRle(frame: Uint8Array, pixelCount: number, samplesPerPixel: number, bitsAllocated: number): Uint8Array {
  if (frame.length < 64) throw new Error('RLE frame shorter than its 64-byte header');
  const header = new DataView(frame.buffer, frame.byteOffset, 64);
  const segmentCount = header.getUint32(0, true);
  const bytesPerSample = Math.ceil(bitsAllocated / 8);
  if (segmentCount !== samplesPerPixel * bytesPerSample || segmentCount > 15) {
    throw new Error(`RLE frame has ${segmentCount} segments, expected ${samplesPerPixel * bytesPerSample}`);
  }
  const out = new Uint8Array(pixelCount * samplesPerPixel * bytesPerSample);
  const plane = new Uint8Array(pixelCount);
  for (let segment = 0; segment < segmentCount; segment += 1) {
    const start = header.getUint32(4 + segment * 4, true);
    const end = segment + 1 < segmentCount ? header.getUint32(8 + segment * 4, true) : frame.length;
    plane.fill(0);
    unpackBits(frame, start, Math.min(end, frame.length), plane);
    const sample = Math.floor(segment / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    const stride = samplesPerPixel * bytesPerSample;
    let at = sample * bytesPerSample + byteInSample;
    for (let pixel = 0; pixel < pixelCount; pixel += 1, at += stride) out[at] = plane[pixel] ?? 0;
  }
  return out;
}
