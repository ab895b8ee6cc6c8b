import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePart10 } from '../../generate/part10Writer.ts';
import { deflatedExplicitVrLittleEndian, explicitVrBigEndian, explicitVrLittleEndian } from '../../generate/transferSyntaxes.ts';
import type { Dataset } from '../../generate/dataset.ts';
import { FileHandlePool } from '../store/fileHandlePool.ts';
import { indexPart10File } from './indexPart10File.ts';
import { pixelTransferSyntax, readPixelRanges, swapToLittleEndian } from './nativePixelData.ts';

const dataset = (sop: string): Dataset => ({
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.7',
  SOPInstanceUID: sop,
  StudyInstanceUID: '1.2.3',
  SeriesInstanceUID: '1.2.3.4',
  SamplesPerPixel: 1,
  PhotometricInterpretation: 'MONOCHROME2',
  Rows: 2,
  Columns: 3,
  BitsAllocated: 16,
  BitsStored: 12,
  HighBit: 11,
  PixelRepresentation: 0,
  // Little endian words 0x0101, 0x0202, … 0x0606, then 0x0FFF.
  PixelData: Uint8Array.from([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0xff, 0x0f]),
});

describe('native pixel data of big endian and deflated data sets (PS3.18 §8.7.3.3)', () => {
  let dir: string;
  const files = new FileHandlePool();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-native-'));
  });
  afterAll(async () => {
    await files.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const syntax of [explicitVrBigEndian, deflatedExplicitVrLittleEndian]) {
    it(`sends the frames of a ${syntax} file as Explicit VR Little Endian`, async () => {
      const file = path.join(dir, `${syntax}.dcm`);
      await writeFile(file, writePart10(dataset(`1.2.3.4.${syntax.length}`), syntax));
      const instance = indexPart10File(file);
      expect(instance.transferSyntaxUid).toBe(syntax);
      expect(pixelTransferSyntax(instance)).toBe(explicitVrLittleEndian);
      expect(instance.pixelData?.frames).toHaveLength(1);
      const frame = await readPixelRanges(files, instance, instance.pixelData?.frames[0] ?? []);
      expect([...frame]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0xff, 0x0f]);
    });
  }

  it('leaves little endian files read from their file', async () => {
    const file = path.join(dir, 'little.dcm');
    await writeFile(file, writePart10(dataset('1.2.3.4.9'), explicitVrLittleEndian));
    const instance = indexPart10File(file);
    expect(instance.pixelData?.memory).toBeUndefined();
    expect(pixelTransferSyntax(instance)).toBe(explicitVrLittleEndian);
    expect([...(await readPixelRanges(files, instance, instance.pixelData?.frames[0] ?? []))]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0xff, 0x0f]);
  });

  it('swaps 16- and 32-bit words, and leaves bytes', () => {
    expect([...swapToLittleEndian(Uint8Array.from([1, 2, 3, 4]), 16)]).toEqual([2, 1, 4, 3]);
    expect([...swapToLittleEndian(Uint8Array.from([1, 2, 3, 4]), 32)]).toEqual([4, 3, 2, 1]);
    expect([...swapToLittleEndian(Uint8Array.from([1, 2, 3, 4]), 8)]).toEqual([1, 2, 3, 4]);
  });
});
