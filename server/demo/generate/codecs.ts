/**
 * JPEG-LS (CharLS) and JPEG 2000 (OpenJPEG) lossless encoders, from the codec WebAssembly builds, loaded once
 * per process. Each encoder instance is reused for every frame.
 *
 * DICOM encapsulates a JPEG-LS bitstream per PS3.5 §8.2.3 and a JPEG 2000 codestream (no JP2 box) per §8.2.4;
 * the sample precision of the bitstream is the image's Bits Stored.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The frame geometry the encoders take. */
export interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface WasmEncoder {
  getDecodedBuffer(frameInfo: FrameInfo): Uint8Array;
  getEncodedBuffer(): Uint8Array;
  encode(): void;
}

interface J2kWasmEncoder extends WasmEncoder {
  setQuality(lossless: boolean, quality: number): void;
}

interface CharlsModule {
  JpegLSEncoder: new () => WasmEncoder;
}

interface OpenJpegModule {
  J2KEncoder: new () => J2kWasmEncoder;
}

type ModuleFactory<T> = (options?: { print?: (text: string) => void; printErr?: (text: string) => void }) => Promise<T>;

/** A fresh options object per module: Emscripten uses it as the module object itself. */
const quiet = (): { print: () => void; printErr: () => void } => ({ print: () => undefined, printErr: () => undefined });

export interface LosslessEncoders {
  encodeJpegLs(pixels: Uint8Array, frameInfo: FrameInfo): Uint8Array;
  encodeJpeg2000(pixels: Uint8Array, frameInfo: FrameInfo): Uint8Array;
}

let loaded: Promise<LosslessEncoders> | undefined;

async function load(): Promise<LosslessEncoders> {
  const charlsFactory = require('@cornerstonejs/codec-charls/wasmjs') as ModuleFactory<CharlsModule>;
  const openJpegFactory = require('@cornerstonejs/codec-openjpeg/wasmjs') as ModuleFactory<OpenJpegModule>;
  const [charls, openJpeg] = await Promise.all([charlsFactory(quiet()), openJpegFactory(quiet())]);
  const jpegLs = new charls.JpegLSEncoder();
  const jpeg2000 = new openJpeg.J2KEncoder();
  const run = (encoder: WasmEncoder, pixels: Uint8Array, frameInfo: FrameInfo, configure?: () => void): Uint8Array => {
    const input = encoder.getDecodedBuffer(frameInfo);
    if (input.length !== pixels.length) throw new Error(`frame is ${pixels.length} bytes, encoder expects ${input.length}`);
    input.set(pixels);
    configure?.();
    encoder.encode();
    // Copy out of WebAssembly memory: the next call reuses it.
    return encoder.getEncodedBuffer().slice();
  };
  return {
    encodeJpegLs: (pixels, frameInfo) => run(jpegLs, pixels, frameInfo),
    encodeJpeg2000: (pixels, frameInfo) => run(jpeg2000, pixels, frameInfo, () => jpeg2000.setQuality(true, 0)),
  };
}

/** The encoders, instantiated on first use and shared afterwards. */
export function losslessEncoders(): Promise<LosslessEncoders> {
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
