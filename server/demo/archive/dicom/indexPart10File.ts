/**
 * Indexes one Part 10 file: its header (everything before the Pixel Data) parsed into a data set, its bulk data
 * located, and its frames' byte ranges computed, so that later requests read frames straight from the file.
 */
import { parseDicomFile, parseWholeDicomFile, type DcmjsDataset } from './dcmjsApi.ts';
import { extractBulkData, PIXEL_DATA_TAG, type BulkSource } from './bulkData.ts';
import { firstNumber, firstString } from './datasetValues.ts';
import { encapsulatedFrames, nativeFrames, type ByteRange } from './pixelDataLayout.ts';
import { scanPart10, type ElementLocation } from './scanPart10.ts';
import { SyncFileWindow } from './syncFileWindow.ts';
import { dataSetEncoding, EXPLICIT_VR_BIG_ENDIAN, isEncapsulated } from './transferSyntax.ts';
import { swapToLittleEndian } from './nativePixelData.ts';

export interface PixelDataInfo {
  /** VR of the Pixel Data element as stored (OB or OW). */
  vr: string;
  encapsulated: boolean;
  /** Byte ranges of each frame: one range for native data, the fragments of the frame for encapsulated data. */
  frames: ByteRange[][];
  /** Why the frames could not be located, when they could not. */
  problem?: string;
  /**
   * Native little endian pixel data held in memory (big endian or deflated data sets, see nativePixelData.ts):
   * `frames` are then ranges of this buffer, not of the file.
   */
  memory?: Uint8Array;
}

export interface InstanceRecord {
  file: string;
  fileSize: number;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  /** File Meta Information (group 0002). */
  meta: DcmjsDataset;
  /** Data set without its bulk values (see `bulk`) and without Pixel Data. */
  dataset: DcmjsDataset;
  bulk: Map<string, BulkSource>;
  pixelData: PixelDataInfo | undefined;
}

function requireUid(dataset: DcmjsDataset, tag: string, name: string): string {
  const uid = firstString(dataset, tag)?.trim();
  if (!uid) throw new Error(`no ${name} (${tag.slice(0, 4)},${tag.slice(4)})`);
  return uid;
}

function extendedOffsets(window: SyncFileWindow, dataset: DcmjsDataset, bulk: Map<string, BulkSource>, littleEndian: boolean): number[] | undefined {
  const source = bulk.get('7FE00001');
  let bytes: Buffer | undefined;
  if (source?.kind === 'file') bytes = Buffer.from(window.view(source.offset, source.length));
  else if (source?.kind === 'memory') bytes = Buffer.from(source.bytes);
  else {
    const value = dataset['7FE00001']?.Value?.[0];
    if (value instanceof ArrayBuffer) bytes = Buffer.from(value);
  }
  if (!bytes) return undefined;
  const offsets: number[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += 8) {
    offsets.push(Number(littleEndian ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at)));
  }
  return offsets;
}

function locateFrames(window: SyncFileWindow, location: ElementLocation, transferSyntaxUid: string, dataset: DcmjsDataset, bulk: Map<string, BulkSource>): PixelDataInfo {
  const encapsulated = isEncapsulated(transferSyntaxUid);
  const bitsAllocated = firstNumber(dataset, '00280100') ?? 0;
  const vr = location.vr === 'OB' || location.vr === 'OW' ? location.vr : encapsulated || bitsAllocated <= 8 ? 'OB' : 'OW';
  const frameCount = Math.max(1, Math.trunc(firstNumber(dataset, '00280008') ?? 1));
  const { littleEndian } = dataSetEncoding(transferSyntaxUid);
  try {
    if (encapsulated || location.length === undefined) {
      const frames = encapsulatedFrames(window, location.valueOffset, frameCount, littleEndian, extendedOffsets(window, dataset, bulk, littleEndian));
      return { vr, encapsulated: true, frames };
    }
    const samples = firstNumber(dataset, '00280002') ?? 1;
    const frameBits = (firstNumber(dataset, '00280010') ?? 0) * (firstNumber(dataset, '00280011') ?? 0) * samples * bitsAllocated;
    return { vr, encapsulated: false, frames: nativeFrames(location.valueOffset, location.length, frameCount, frameBits) };
  } catch (error) {
    return { vr, encapsulated, frames: [], problem: error instanceof Error ? error.message : String(error) };
  }
}

function inMemory(bytes: Uint8Array, dataset: DcmjsDataset, vr: string): PixelDataInfo {
  const frameCount = Math.max(1, Math.trunc(firstNumber(dataset, '00280008') ?? 1));
  const frameBits = (firstNumber(dataset, '00280010') ?? 0) * (firstNumber(dataset, '00280011') ?? 0) * (firstNumber(dataset, '00280002') ?? 1) * (firstNumber(dataset, '00280100') ?? 0);
  try {
    return { vr, encapsulated: false, frames: nativeFrames(0, bytes.length, frameCount, frameBits), memory: bytes };
  } catch (error) {
    return { vr, encapsulated: false, frames: [], problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The native pixel data of a deflated data set (PS3.5 §A.5), inflated by parsing the whole file. */
function inflatedPixelData(window: SyncFileWindow, dataset: DcmjsDataset): PixelDataInfo | undefined {
  const element = parseWholeDicomFile(window.copy(0, window.size)).dataset[PIXEL_DATA_TAG];
  const value = element?.Value?.[0];
  if (!(value instanceof ArrayBuffer)) return undefined;
  return inMemory(new Uint8Array(value), dataset, element?.vr === 'OB' ? 'OB' : 'OW');
}

/** Reads and indexes `file`; throws with the reason when it is not a usable Part 10 file. */
export function indexPart10File(file: string): InstanceRecord {
  const window = SyncFileWindow.open(file);
  try {
    const layout = scanPart10(window);
    const { meta, dataset } = parseDicomFile(window.copy(0, layout.headerEnd));
    delete dataset[PIXEL_DATA_TAG];
    const bulk = extractBulkData(dataset, layout.topLevel);
    let pixelData = layout.pixelData ? locateFrames(window, layout.pixelData, layout.transferSyntaxUid, dataset, bulk) : undefined;
    if (layout.deflated) pixelData = inflatedPixelData(window, dataset);
    else if (pixelData && !pixelData.encapsulated && !pixelData.problem && layout.transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN) {
      const stored = new Uint8Array(window.copy(pixelData.frames[0]?.[0]?.offset ?? 0, pixelData.frames.reduce((sum, frame) => sum + (frame[0]?.length ?? 0), 0)));
      pixelData = inMemory(swapToLittleEndian(stored, firstNumber(dataset, '00280100') ?? 16), dataset, pixelData.vr);
    }
    if (pixelData) bulk.set(PIXEL_DATA_TAG, { kind: 'pixelData' });
    return {
      file,
      fileSize: window.size,
      studyInstanceUid: requireUid(dataset, '0020000D', 'Study Instance UID'),
      seriesInstanceUid: requireUid(dataset, '0020000E', 'Series Instance UID'),
      sopInstanceUid: firstString(dataset, '00080018')?.trim() || requireUid(meta, '00020003', 'SOP Instance UID'),
      sopClassUid: firstString(dataset, '00080016')?.trim() || requireUid(meta, '00020002', 'SOP Class UID'),
      transferSyntaxUid: layout.transferSyntaxUid,
      meta,
      dataset,
      bulk,
      pixelData,
    };
  } finally {
    window.close();
  }
}
