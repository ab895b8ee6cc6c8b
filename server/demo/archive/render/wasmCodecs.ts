/**
 * JPEG-LS (PS3.5 §A.4.3, ISO/IEC 14495-1) and JPEG 2000 (PS3.5 §A.4.4, ISO/IEC 15444-1) decoding with the
 * CharLS and OpenJPEG WebAssembly builds. Each module is loaded on first use; each decoder object lives in the
 * module's heap and is deleted after use.
 */
import { createRequire } from 'node:module';

export interface DecodedCodestream {
  /** Little endian samples, interleaved when there are several components. */
  bytes: Uint8Array;
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): FrameInfo;
  delete(): void;
}

type DecoderModule = Record<string, new () => WasmDecoder>;
type ModuleFactory = (options: { print: (text: string) => void; printErr: (text: string) => void }) => Promise<DecoderModule>;

const require = createRequire(import.meta.url);
const silent = { print: () => undefined, printErr: () => undefined };
const modules = new Map<string, Promise<DecoderModule>>();

function loadModule(specifier: string): Promise<DecoderModule> {
  let module = modules.get(specifier);
  if (!module) {
    const factory = require(specifier) as ModuleFactory;
    module = factory(silent);
    modules.set(specifier, module);
  }
  return module;
}

async function decodeWith(specifier: string, className: string, encoded: Uint8Array): Promise<DecodedCodestream> {
  const module = await loadModule(specifier);
  const Decoder = module[className];
  if (!Decoder) throw new Error(`${specifier} has no ${className}`);
  const decoder = new Decoder();
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    return { bytes: decoder.getDecodedBuffer().slice(), width: info.width, height: info.height, bitsPerSample: info.bitsPerSample, componentCount: info.componentCount };
  } finally {
    decoder.delete();
  }
}

export function decodeJpegLs(encoded: Uint8Array): Promise<DecodedCodestream> {
  return decodeWith('@cornerstonejs/codec-charls/decodewasmjs', 'JpegLSDecoder', encoded);
}

export function decodeJpeg2000(encoded: Uint8Array): Promise<DecodedCodestream> {
  return decodeWith('@cornerstonejs/codec-openjpeg/decodewasmjs', 'J2KDecoder', encoded);
}
