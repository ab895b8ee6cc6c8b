/**
 * The WebAssembly encoders of the quality-control study, beyond the lossless ones of codecs.ts: JPEG baseline
 * 8-bit (libjpeg-turbo, PS3.5 §8.2.1), JPEG-LS near-lossless (CharLS, §8.2.3), lossy JPEG 2000 (OpenJPEG,
 * §8.2.4) and High-Throughput JPEG 2000 (OpenJPH, §8.2.6, lossless and lossy). Loaded once per process.
 */
import { createRequire } from 'node:module';
import type { FrameInfo } from './codecs.ts';

const require = createRequire(import.meta.url);

interface WasmEncoder {
  getDecodedBuffer(frameInfo: FrameInfo & { isUsingColorTransform?: boolean }): Uint8Array;
  getEncodedBuffer(): Uint8Array;
  encode(): void;
  delete(): void;
}

interface JpegEncoder extends WasmEncoder {
  setQuality(quality: number): void;
  setSubSampling(subsample: boolean): void;
  setProgressive(progressive: boolean): void;
}

interface JpegLsEncoder extends WasmEncoder {
  setNearLossless(near: number): void;
}

interface J2kEncoder extends WasmEncoder {
  setQuality(lossless: boolean, quality: number): void;
}

interface Htj2kEncoder extends WasmEncoder {
  setQuality(lossless: boolean, quantizationStep: number): void;
  setProgressionOrder(order: number): void;
}

type ModuleFactory<T> = (options: { print: () => void; printErr: () => void }) => Promise<T>;
const quiet = () => ({ print: () => undefined, printErr: () => undefined });

/** Options of one encoding: what differs between the quality-control cases. */
export type QcEncoding =
  /** Baseline sequential DCT (SOF0); `subsampleChroma`: 4:2:2 chroma, as YBR_FULL_422 declares. */
  | { codec: 'jpeg-baseline'; quality: number; subsampleChroma: boolean }
  | { codec: 'jpeg-ls'; near: number }
  /** `quality`: OpenJPEG's distortion parameter of the irreversible (9/7 wavelet) path. */
  | { codec: 'jpeg-2000-lossy'; quality: number }
  | { codec: 'htj2k'; lossless: boolean; quantizationStep: number; rpcl: boolean };

export type QcFrameEncoder = (pixels: Uint8Array, frameInfo: FrameInfo, encoding: QcEncoding) => Uint8Array;

/** OpenJPH progression orders (ojph::progression_order: LRCP 0, RLCP 1, RPCL 2, PCRL 3, CPRL 4). */
const rpclOrder = 2;

let loaded: Promise<QcFrameEncoder> | undefined;

async function load(): Promise<QcFrameEncoder> {
  const [jpeg, charls, openJpeg, openJph] = await Promise.all([
    (require('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs') as ModuleFactory<{ JPEGEncoder: new () => JpegEncoder }>)(quiet()),
    (require('@cornerstonejs/codec-charls/wasmjs') as ModuleFactory<{ JpegLSEncoder: new () => JpegLsEncoder }>)(quiet()),
    (require('@cornerstonejs/codec-openjpeg/wasmjs') as ModuleFactory<{ J2KEncoder: new () => J2kEncoder }>)(quiet()),
    (require('@cornerstonejs/codec-openjph/wasmjs') as ModuleFactory<{ HTJ2KEncoder: new () => Htj2kEncoder }>)(quiet()),
  ]);
  const run = <E extends WasmEncoder>(encoder: E, pixels: Uint8Array, frameInfo: FrameInfo, configure: (encoder: E) => void): Uint8Array => {
    try {
      const input = encoder.getDecodedBuffer({ ...frameInfo, isUsingColorTransform: false });
      if (input.length !== pixels.length) throw new Error(`frame is ${pixels.length} bytes, encoder expects ${input.length}`);
      input.set(pixels);
      configure(encoder);
      encoder.encode();
      return encoder.getEncodedBuffer().slice();
    } finally {
      encoder.delete();
    }
  };
  return (pixels, frameInfo, encoding) => {
    switch (encoding.codec) {
      case 'jpeg-baseline':
        return run(new jpeg.JPEGEncoder(), pixels, frameInfo, (encoder) => {
          encoder.setProgressive(false);
          encoder.setQuality(encoding.quality);
          encoder.setSubSampling(encoding.subsampleChroma);
        });
      case 'jpeg-ls':
        return run(new charls.JpegLSEncoder(), pixels, frameInfo, (encoder) => encoder.setNearLossless(encoding.near));
      case 'jpeg-2000-lossy':
        return run(new openJpeg.J2KEncoder(), pixels, frameInfo, (encoder) => encoder.setQuality(false, encoding.quality));
      case 'htj2k':
        return run(new openJph.HTJ2KEncoder(), pixels, frameInfo, (encoder) => {
          encoder.setQuality(encoding.lossless, encoding.quantizationStep);
          if (encoding.rpcl) encoder.setProgressionOrder(rpclOrder);
        });
    }
  };
}

/** The encoder, instantiated on first use and shared afterwards. */
export function qcFrameEncoder(): Promise<QcFrameEncoder> {
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
