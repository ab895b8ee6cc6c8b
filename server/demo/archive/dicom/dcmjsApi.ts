/**
 * The small part of dcmjs the demo archive uses, with types. dcmjs ships no type declarations, so it is loaded
 * through `createRequire` (which types it as `unknown`) and narrowed here, in one place.
 *
 * Tags are handled as eight uppercase hexadecimal digits, the key form of the DICOM JSON Model
 * (PS3.18 §F.2.1.1), which is also the key form of dcmjs datasets.
 */
import { createRequire } from 'node:module';

/** One element of a dcmjs dataset: DICOM JSON shape (PS3.18 §F.2.2), binary values as `ArrayBuffer`. */
export interface DcmjsElement {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
  _rawValue?: unknown;
}

export type DcmjsDataset = Record<string, DcmjsElement>;

interface DictionaryEntry {
  tag: string;
  vr: string;
  name: string;
}

interface Dcmjs {
  data: {
    DicomMessage: {
      readFile(
        buffer: ArrayBuffer,
        options: { ignoreErrors?: boolean; untilTag?: string | null; includeUntilTagValue?: boolean; noCopy?: boolean },
      ): { meta: DcmjsDataset; dict: DcmjsDataset };
    };
    DicomMetaDictionary: {
      dictionary: Record<string, DictionaryEntry | undefined>;
      nameMap: Record<string, DictionaryEntry | undefined>;
    };
  };
}

const require = createRequire(import.meta.url);
const dcmjs = require('dcmjs') as Dcmjs;

/** Parses a Part 10 byte stream (preamble, File Meta Information, data set) as PS3.10 §7.1 lays it out. */
export function parseDicomFile(bytes: ArrayBuffer): { meta: DcmjsDataset; dataset: DcmjsDataset } {
  const parsed = dcmjs.data.DicomMessage.readFile(bytes, {
    ignoreErrors: true,
    untilTag: '7FE00010',
    includeUntilTagValue: false,
  });
  return { meta: parsed.meta, dataset: parsed.dict };
}

/** Parses a whole Part 10 byte stream, Pixel Data included (a deflated data set is inflated by dcmjs). */
export function parseWholeDicomFile(bytes: ArrayBuffer): { meta: DcmjsDataset; dataset: DcmjsDataset } {
  const parsed = dcmjs.data.DicomMessage.readFile(bytes, { ignoreErrors: true });
  return { meta: parsed.meta, dataset: parsed.dict };
}

const TAG = /^[0-9A-F]{8}$/;

/** Data dictionary entry (PS3.6 §6) of a standard tag, by its eight-hex-digit form. */
function entryForTag(tag: string): DictionaryEntry | undefined {
  return dcmjs.data.DicomMetaDictionary.dictionary[`(${tag.slice(0, 4)},${tag.slice(4)})`];
}

/** The tag of a keyword of PS3.6 §6 (e.g. `PatientID` → `00100020`), or undefined. */
export function tagOfKeyword(keyword: string): string | undefined {
  const entry = dcmjs.data.DicomMetaDictionary.nameMap[keyword];
  if (!entry) return undefined;
  const tag = entry.tag.replace(/[(),]/g, '').toUpperCase();
  return TAG.test(tag) ? tag : undefined;
}

/** The keyword of a standard tag, or undefined for private and unknown tags. */
export function keywordOfTag(tag: string): string | undefined {
  return entryForTag(tag)?.name;
}

/** dcmjs's pseudo-VRs for tags that PS3.6 gives several VRs (`US or SS`, `OB or OW`). */
const AMBIGUOUS_VR: Record<string, string> = { ox: 'OW', xs: 'US', lt: 'OW' };

/** The VR of a standard tag (the first one where PS3.6 allows several), or undefined. */
export function vrOfTag(tag: string): string | undefined {
  const vr = entryForTag(tag)?.vr;
  if (!vr) return undefined;
  return AMBIGUOUS_VR[vr] ?? vr.slice(0, 2).toUpperCase();
}

/** Normalises an attribute tag given as eight hex digits (any case); undefined if it is not one. */
export function normalizeTag(text: string): string | undefined {
  const upper = text.toUpperCase();
  return TAG.test(upper) ? upper : undefined;
}
