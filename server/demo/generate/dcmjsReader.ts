/**
 * Reading Part 10 files back with dcmjs, to check what the generator writes with an independent parser.
 * dcmjs ships no type declarations; it is loaded through `createRequire` and narrowed here.
 */
import { createRequire } from 'node:module';

interface DcmjsElement {
  vr: string;
  Value?: unknown[];
}

interface Dcmjs {
  data: {
    DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean }): { meta: Record<string, DcmjsElement>; dict: Record<string, DcmjsElement> };
    };
    DicomMetaDictionary: {
      naturalizeDataset(dataset: Record<string, DcmjsElement>): Record<string, unknown>;
    };
  };
  log: { getLogger(name: string): { setLevel(level: string): void } };
}

const require = createRequire(import.meta.url);
const dcmjs = require('dcmjs') as Dcmjs;
// dcmjs reports the implicit VR Pixel Data's "OB or OW" dictionary entry as invalid; that is expected.
dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');

export interface ParsedPart10 {
  /** File Meta Information elements keyed by tag (eight hex digits). */
  meta: Record<string, DcmjsElement>;
  /** The data set, keyed by keyword (dcmjs naturalised form). */
  dataset: Record<string, unknown>;
}

export function readPart10(bytes: Uint8Array): ParsedPart10 {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const file = dcmjs.data.DicomMessage.readFile(buffer);
  return { meta: file.meta, dataset: dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict) };
}
