/**
 * Test fixture encoder: one 8 × 8 16-bit unsigned frame compressed with the CharLS (JPEG-LS) or OpenJPEG
 * (JPEG 2000) WebAssembly encoders.
 */
import { createRequire } from 'node:module';

export interface Codec {
  getDecodedBuffer(info: object): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  setDecompositions?(count: number): void;
  delete(): void;
}

export async function encodeWith(specifier: string, className: string, pixels: Buffer, prepare?: (encoder: Codec) => void): Promise<Uint8Array> {
  const factory = createRequire(import.meta.url)(specifier) as (options: object) => Promise<Record<string, new () => Codec>>;
  const module = await factory({ print: () => undefined, printErr: () => undefined });
  const Encoder = module[className];
  if (!Encoder) throw new Error(`no ${className}`);
  const encoder = new Encoder();
  encoder.getDecodedBuffer({ width: 8, height: 8, bitsPerSample: 16, componentCount: 1, isSigned: false }).set(pixels);
  prepare?.(encoder);
  encoder.encode();
  const out = Uint8Array.from(encoder.getEncodedBuffer());
  encoder.delete();
  return out;
}
