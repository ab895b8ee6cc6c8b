/**
 * Serialises a data set as a DICOM Part 10 file (PS3.10 §7.1): 128-byte preamble, "DICM", File Meta Information
 * in explicit VR little endian (PS3.10 §7.1, group 0002 with its group length), then the data set in the
 * transfer syntax's encoding: explicit or implicit VR little endian (PS3.5 §7.1.2, §7.1.3), explicit VR big
 * endian (§A.3), deflated explicit VR little endian (§A.5), with encapsulated pixel data for compressed syntaxes
 * (PS3.5 §A.4). Sequences use defined lengths (PS3.5 §7.5.1).
 */
import { deflateRawSync } from 'node:zlib';
import { dictionary, type Keyword, type Vr } from './dicomDictionary.ts';
import { EncapsulatedFrames, encodeLatin1, encodeValue, type Dataset, type DicomValue, type SequenceItems } from './dataset.ts';
import { implementationClassUid, implementationVersionName, transferSyntax } from './transferSyntaxes.ts';

/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR encoding (PS3.5 §7.1.2). */
const longVrs: ReadonlySet<Vr> = new Set<Vr>(['OB', 'OW', 'SQ', 'UT']);
const undefinedLength = 0xffffffff;

class ChunkWriter {
  readonly chunks: Uint8Array[] = [];
  length = 0;

  /** Byte order of tags, lengths and binary values: little endian but in Explicit VR Big Endian (PS3.5 §7.3). */
  constructor(readonly littleEndian = true) {}

  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  header(tag: number, vr: Vr | null, length: number, explicit: boolean): void {
    const long = vr !== null && longVrs.has(vr);
    const bytes = new Uint8Array(explicit && long ? 12 : 8);
    const view = new DataView(bytes.buffer);
    const little = this.littleEndian;
    view.setUint16(0, tag >>> 16, little);
    view.setUint16(2, tag & 0xffff, little);
    if (explicit && vr !== null) {
      bytes[4] = vr.charCodeAt(0);
      bytes[5] = vr.charCodeAt(1);
      if (long) view.setUint32(8, length, little);
      else {
        if (length > 0xffff) throw new Error(`value of ${tag.toString(16)} too long for VR ${vr}`);
        view.setUint16(6, length, little);
      }
    } else view.setUint32(4, length, little);
    this.push(bytes);
  }

  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

const itemTag = 0xfffee000;
const sequenceDelimitationTag = 0xfffee0dd;

function padded(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

function writeEncapsulated(writer: ChunkWriter, tag: number, frames: readonly Uint8Array[]): void {
  writer.header(tag, 'OB', undefinedLength, true);
  // Basic Offset Table: byte offset of each frame's item from the first fragment's item (PS3.5 §A.4).
  const table = new Uint8Array(frames.length * 4);
  let offset = 0;
  frames.forEach((frame, index) => {
    new DataView(table.buffer).setUint32(index * 4, offset, true);
    offset += 8 + frame.length + (frame.length % 2);
  });
  writer.header(itemTag, null, table.length, false);
  writer.push(table);
  for (const frame of frames) {
    const even = frame.length % 2 === 0 ? frame : padded(frame);
    writer.header(itemTag, null, even.length, false);
    writer.push(even);
  }
  writer.header(sequenceDelimitationTag, null, 0, false);
}

function writeDataset(writer: ChunkWriter, dataset: Dataset, explicit: boolean): void {
  const entries = Object.entries(dataset) as [Keyword, DicomValue | undefined][];
  const present = entries.filter((item): item is [Keyword, DicomValue] => item[1] !== undefined);
  present.sort((a, b) => dictionary[a[0]].tag - dictionary[b[0]].tag);
  for (const [keyword, value] of present) {
    const { tag, vr } = dictionary[keyword];
    if (value instanceof EncapsulatedFrames) {
      if (!explicit || !writer.littleEndian) throw new Error('encapsulated pixel data needs an explicit VR little endian transfer syntax');
      writeEncapsulated(writer, tag, value.frames);
    } else if (vr === 'SQ') {
      const items = (value ?? []) as SequenceItems;
      const body = new ChunkWriter(writer.littleEndian);
      for (const item of items) {
        const itemBody = new ChunkWriter(writer.littleEndian);
        writeDataset(itemBody, item, explicit);
        body.header(itemTag, null, itemBody.length, false);
        for (const chunk of itemBody.chunks) body.push(chunk);
      }
      writer.header(tag, vr, body.length, explicit);
      for (const chunk of body.chunks) writer.push(chunk);
    } else {
      const bytes = encodeValue(keyword, value as Exclude<DicomValue, SequenceItems | EncapsulatedFrames>, writer.littleEndian);
      writer.header(tag, vr, bytes.length, explicit);
      writer.push(bytes);
    }
  }
}

function metaElement(writer: ChunkWriter, element: number, vr: Vr, value: Uint8Array): void {
  writer.header(0x00020000 | element, vr, value.length, true);
  writer.push(value);
}

function uidBytes(uid: string): Uint8Array {
  return encodeLatin1(uid.length % 2 === 0 ? uid : `${uid}\0`);
}

function textBytes(text: string): Uint8Array {
  return encodeLatin1(text.length % 2 === 0 ? text : `${text} `);
}

/** The complete Part 10 file for `dataset`, which must carry SOPClassUID and SOPInstanceUID. */
export function writePart10(dataset: Dataset, transferSyntaxUid: string): Uint8Array {
  const sopClassUid = dataset.SOPClassUID;
  const sopInstanceUid = dataset.SOPInstanceUID;
  if (typeof sopClassUid !== 'string' || typeof sopInstanceUid !== 'string') throw new Error('SOP Class and Instance UIDs are required');
  const syntax = transferSyntax(transferSyntaxUid);
  const meta = new ChunkWriter();
  metaElement(meta, 0x0001, 'OB', Uint8Array.of(0, 1));
  metaElement(meta, 0x0002, 'UI', uidBytes(sopClassUid));
  metaElement(meta, 0x0003, 'UI', uidBytes(sopInstanceUid));
  metaElement(meta, 0x0010, 'UI', uidBytes(transferSyntaxUid));
  metaElement(meta, 0x0012, 'UI', uidBytes(implementationClassUid));
  metaElement(meta, 0x0013, 'SH', textBytes(implementationVersionName));
  const file = new ChunkWriter();
  const preamble = new Uint8Array(132);
  preamble.set(encodeLatin1('DICM'), 128);
  file.push(preamble);
  const groupLength = new Uint8Array(4);
  new DataView(groupLength.buffer).setUint32(0, meta.length, true);
  metaElement(file, 0x0000, 'UL', groupLength);
  for (const chunk of meta.chunks) file.push(chunk);
  const body = new ChunkWriter(!syntax.bigEndian);
  writeDataset(body, dataset, syntax.explicitVr);
  // Deflated Explicit VR Little Endian: the data set is one raw deflate stream, no zlib header (PS3.5 §A.5).
  if (syntax.deflated) file.push(deflateRawSync(body.concat()));
  else for (const chunk of body.chunks) file.push(chunk);
  return file.concat();
}
