/**
 * Test helper: reads back a PNG written with filter type 0 (checking its signature and chunk CRCs) into its size,
 * colour type and raw pixels.
 */
import zlib from 'node:zlib';
import { crc32 } from '../render/encodePng.ts';

export interface PngImage {
  width: number;
  height: number;
  colorType: number;
  pixels: Buffer;
}

export function readPng(png: Buffer): PngImage {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('no PNG signature');
  let at = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const chunk = png.subarray(at + 8, at + 8 + length);
    if (png.readUInt32BE(at + 8 + length) !== crc32(png.subarray(at + 4, at + 8 + length))) throw new Error(`bad CRC on ${type}`);
    if (type === 'IHDR') {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      colorType = chunk[9] ?? 0;
    }
    if (type === 'IDAT') data.push(chunk);
    at += 12 + length;
  }
  const channels = colorType === 2 ? 3 : 1;
  const raw = zlib.inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(width * height * channels);
  for (let row = 0; row < height; row += 1) {
    if (raw[row * (width * channels + 1)] !== 0) throw new Error('unexpected PNG filter type');
    raw.copy(pixels, row * width * channels, row * (width * channels + 1) + 1, (row + 1) * (width * channels + 1));
  }
  return { width, height, colorType, pixels };
}
