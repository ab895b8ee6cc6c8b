/**
 * Walks the elements of a Part 10 file (PS3.10 §7.1) without decoding their values, to find where things are:
 * the Transfer Syntax of the File Meta Information, the top-level elements' value ranges, and the byte range of
 * the Pixel Data (7FE0,0010) element, with which frames are later read straight from the file.
 *
 * Element encoding follows PS3.5 §7.1 (explicit and implicit VR), nested data sets PS3.5 §7.5 (sequences and
 * items of defined or undefined length), and UN of undefined length PS3.5 §6.2.2 (Implicit VR Little Endian inside).
 */
import { vrOfTag } from './dcmjsApi.ts';
import type { SyncFileWindow } from './syncFileWindow.ts';
import { dataSetEncoding, type DataSetEncoding } from './transferSyntax.ts';

export interface ElementLocation {
  tag: string;
  vr: string;
  /** Offset of the element's tag. */
  elementOffset: number;
  valueOffset: number;
  /** Undefined for undefined length (0xFFFFFFFF). */
  length: number | undefined;
}

export interface Part10Layout {
  transferSyntaxUid: string;
  /** Where the bytes worth parsing end: the Pixel Data element's tag, or the end of the file. */
  headerEnd: number;
  pixelData: ElementLocation | undefined;
  /** Top-level elements of defined length before the Pixel Data, by tag. */
  topLevel: Map<string, ElementLocation>;
  /** Deflated data sets (PS3.5 §A.5) are not walked: no element locations are known. */
  deflated: boolean;
}

const PIXEL_DATA = '7FE00010';
const ITEM = 'FFFEE000';
const ITEM_DELIMITATION = 'FFFEE00D';
const SEQUENCE_DELIMITATION = 'FFFEE0DD';
const UNDEFINED_LENGTH = 0xffffffff;
/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const IMPLICIT_LITTLE: DataSetEncoding = { explicitVr: false, littleEndian: true, deflated: false };

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

function readTag(window: SyncFileWindow, offset: number, littleEndian: boolean): string {
  const bytes = window.view(offset, 4);
  const group = littleEndian ? bytes.readUInt16LE(0) : bytes.readUInt16BE(0);
  const element = littleEndian ? bytes.readUInt16LE(2) : bytes.readUInt16BE(2);
  return hex4(group) + hex4(element);
}

/** Reads one element header at `offset` (PS3.5 §7.1.2, §7.1.3; item tags have no VR in either form). */
export function readElementHeader(window: SyncFileWindow, offset: number, encoding: DataSetEncoding): ElementLocation {
  const { littleEndian } = encoding;
  const tag = readTag(window, offset, littleEndian);
  const u32 = (at: number) => (littleEndian ? window.view(at, 4).readUInt32LE(0) : window.view(at, 4).readUInt32BE(0));
  const defined = (length: number) => (length === UNDEFINED_LENGTH ? undefined : length);
  if (tag.startsWith('FFFE') || !encoding.explicitVr) {
    const length = defined(u32(offset + 4));
    const vr = tag.startsWith('FFFE') ? '' : (vrOfTag(tag) ?? (length === undefined ? 'SQ' : 'UN'));
    return { tag, vr, elementOffset: offset, valueOffset: offset + 8, length };
  }
  const vr = window.view(offset + 4, 2).toString('latin1');
  if (LONG_VRS.has(vr)) return { tag, vr, elementOffset: offset, valueOffset: offset + 12, length: defined(u32(offset + 8)) };
  const short = window.view(offset + 6, 2);
  return { tag, vr, elementOffset: offset, valueOffset: offset + 8, length: littleEndian ? short.readUInt16LE(0) : short.readUInt16BE(0) };
}

/** Skips the items of an undefined-length value up to and past its Sequence Delimitation Item. */
export function skipUndefinedLength(window: SyncFileWindow, offset: number, encoding: DataSetEncoding): number {
  let position = offset;
  for (;;) {
    const item = readElementHeader(window, position, encoding);
    if (item.tag === SEQUENCE_DELIMITATION) return item.valueOffset;
    if (item.tag !== ITEM) throw new Error(`expected an item at ${position}, found (${item.tag})`);
    position = item.length === undefined ? skipItemElements(window, item.valueOffset, encoding) : item.valueOffset + item.length;
  }
}

function skipItemElements(window: SyncFileWindow, offset: number, encoding: DataSetEncoding): number {
  let position = offset;
  for (;;) {
    const element = readElementHeader(window, position, encoding);
    if (element.tag === ITEM_DELIMITATION) return element.valueOffset;
    position = skipValue(window, element, encoding);
  }
}

function skipValue(window: SyncFileWindow, element: ElementLocation, encoding: DataSetEncoding): number {
  if (element.length !== undefined) return element.valueOffset + element.length;
  const inner = element.vr === 'UN' ? IMPLICIT_LITTLE : encoding;
  return skipUndefinedLength(window, element.valueOffset, inner);
}

function readMetaTransferSyntax(window: SyncFileWindow): { transferSyntaxUid: string; dataSetStart: number } {
  if (window.size < 132 || window.view(128, 4).toString('latin1') !== 'DICM') {
    throw new Error('not a DICOM Part 10 file: no "DICM" prefix after the preamble (PS3.10 §7.1)');
  }
  const metaEncoding: DataSetEncoding = { explicitVr: true, littleEndian: true, deflated: false };
  let position = 132;
  let transferSyntaxUid: string | undefined;
  while (position + 8 <= window.size && window.view(position, 2).readUInt16LE(0) === 0x0002) {
    const element = readElementHeader(window, position, metaEncoding);
    if (element.length === undefined) throw new Error('undefined length in the File Meta Information');
    if (element.tag === '00020010') {
      transferSyntaxUid = window.view(element.valueOffset, element.length).toString('latin1').replace(/[\0 ]+$/, '');
    }
    position = element.valueOffset + element.length;
  }
  if (!transferSyntaxUid) throw new Error('no Transfer Syntax UID (0002,0010) in the File Meta Information');
  return { transferSyntaxUid, dataSetStart: position };
}

export function scanPart10(window: SyncFileWindow): Part10Layout {
  const { transferSyntaxUid, dataSetStart } = readMetaTransferSyntax(window);
  const encoding = dataSetEncoding(transferSyntaxUid);
  const topLevel = new Map<string, ElementLocation>();
  if (encoding.deflated) return { transferSyntaxUid, headerEnd: window.size, pixelData: undefined, topLevel, deflated: true };
  let position = dataSetStart;
  while (position + 8 <= window.size) {
    const element = readElementHeader(window, position, encoding);
    if (element.tag === PIXEL_DATA) {
      return { transferSyntaxUid, headerEnd: element.elementOffset, pixelData: element, topLevel, deflated: false };
    }
    if (element.tag > PIXEL_DATA) break;
    if (element.length !== undefined) topLevel.set(element.tag, element);
    position = skipValue(window, element, encoding);
  }
  return { transferSyntaxUid, headerEnd: Math.min(position, window.size), pixelData: undefined, topLevel, deflated: false };
}
