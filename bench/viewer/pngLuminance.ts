import { inflateSync } from 'node:zlib';

// PNG (8-bit RGB/RGBA, non-interlaced, as Chromium writes its screenshots) → luminance statistics.
export function pngLuminance(png: Buffer): { stddev: number; brightShare: number } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const bitDepth = data[8];
      const colorType = data[9];
      if (bitDepth !== 8 || data[12] !== 0) throw new Error('unexpected PNG format');
      channels = colorType === 6 ? 4 : colorType === 2 ? 3 : colorType === 0 ? 1 : colorType === 4 ? 2 : 0;
      if (!channels) throw new Error(`unexpected PNG colour type ${colorType}`);
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const current = Buffer.alloc(stride);
  const previous = Buffer.alloc(stride);
  let sum = 0;
  let sumSquares = 0;
  let bright = 0;
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x += 1) {
      const a = x >= channels ? (current[x - channels] as number) : 0;
      const b = previous[x] as number;
      const c = x >= channels ? (previous[x - channels] as number) : 0;
      let value = line[x] as number;
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      current[x] = value & 0xff;
    }
    for (let x = 0; x < width; x += 1) {
      const base = x * channels;
      const luminance = channels >= 3 ? 0.2126 * (current[base] as number) + 0.7152 * (current[base + 1] as number) + 0.0722 * (current[base + 2] as number) : (current[base] as number);
      sum += luminance;
      sumSquares += luminance * luminance;
      if (luminance > 40) bright += 1;
    }
    current.copy(previous);
  }
  const count = width * height;
  const mean = sum / count;
  return { stddev: Math.sqrt(Math.max(0, sumSquares / count - mean * mean)), brightShare: bright / count };
}
