/**
 * The instances of one quality-control series: Secondary Capture Image Storage (PS3.3 §A.8.1) with the SC
 * Equipment (§C.8.6.1) and SC Image (§C.8.6.2) modules, a few 128 × 128 images of the test pattern (qcPattern.ts)
 * in the case's Photometric Interpretation and Transfer Syntax (qcCases.ts).
 */
import type { Dataset } from './dataset.ts';
import { EncapsulatedFrames } from './dataset.ts';
import type { DemoStudy, QcSeriesSpec } from './demoCatalog.ts';
import { seriesInstanceUid, sopInstanceUid } from './demoUids.ts';
import { generalEquipmentModule, generalSeriesModule, generalStudyModule, patientModule, sopCommonModule, timeAfter, type GeneratedInstance } from './commonModules.ts';
import { qcCase, type QcCase } from './qcCases.ts';
import { qcColourPattern, qcGreyPattern, qcMatrix, qcPalettePattern, rgbToYbrFull } from './qcPattern.ts';
import { losslessEncoders, type FrameInfo } from './codecs.ts';
import { qcFrameEncoder } from './qcCodecs.ts';
import { encodeLosslessJpeg } from './jpegLosslessEncoder.ts';
import { encodeJpegExtended12 } from './jpegExtendedEncoder.ts';
import { encodeRleFrame } from './rleEncoder.ts';
import { writePart10 } from './part10Writer.ts';

const privateHeader = new TextEncoder().encode('PRIVATE-CODEC-01');

export const secondaryCaptureImageStorage = '1.2.840.10008.5.1.4.1.1.7';

/** Stored levels of the 12-bit pattern's quadrants, darkest first, and its window (the full 12-bit range). */
export const qcGrey12Levels = [400, 1400, 2600, 3700] as const;
export const qcGrey8Levels = [30, 100, 170, 240] as const;

/** One image: its Image Pixel module (PS3.3 §C.7.6.3) and presentation attributes, and its native frame bytes. */
interface QcImage {
  attributes: Dataset;
  /** Little endian, pixel-interleaved. */
  bytes: Uint8Array;
  /** The samples, for the JPEG lossless and extended encoders (unsigned grey-scale only). */
  samples?: Uint16Array;
  frameInfo: FrameInfo;
}

function words(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    bytes[2 * i] = value & 0xff;
    bytes[2 * i + 1] = (value >>> 8) & 0xff;
  }
  return bytes;
}

function pixelModule(samplesPerPixel: number, photometric: string, bitsAllocated: number, bitsStored: number, signed: boolean): Dataset {
  return {
    SamplesPerPixel: samplesPerPixel,
    PhotometricInterpretation: photometric,
    ...(samplesPerPixel > 1 ? { PlanarConfiguration: 0 } : {}),
    Rows: qcMatrix,
    Columns: qcMatrix,
    BitsAllocated: bitsAllocated,
    BitsStored: bitsStored,
    HighBit: bitsStored - 1,
    PixelRepresentation: signed ? 1 : 0,
  };
}

function frameInfo(bitsPerSample: number, componentCount: number, isSigned: boolean): FrameInfo {
  return { width: qcMatrix, height: qcMatrix, bitsPerSample, componentCount, isSigned };
}

function grey12Image(index: number, photometric: 'MONOCHROME1' | 'MONOCHROME2'): QcImage {
  const samples = Uint16Array.from(qcGreyPattern(qcGrey12Levels, 0, 4095, index));
  // MONOCHROME1 shows the reference inverted; its rescale and window describe the same mapping shifted.
  const presentation: Dataset = photometric === 'MONOCHROME1'
    ? { RescaleIntercept: -1024, RescaleSlope: 1, RescaleType: 'US', WindowCenter: 1024, WindowWidth: 4096 }
    : { WindowCenter: 2048, WindowWidth: 4096 };
  return { attributes: { ...pixelModule(1, photometric, 16, 12, false), ...presentation }, bytes: words(samples), samples, frameInfo: frameInfo(12, 1, false) };
}

function qcImage(spec: QcCase, index: number): QcImage {
  switch (spec.pixels) {
    case 'grey12':
      return grey12Image(index, 'MONOCHROME2');
    case 'mono1':
      return grey12Image(index, 'MONOCHROME1');
    case 'grey8': {
      const bytes = Uint8Array.from(qcGreyPattern(qcGrey8Levels, 0, 255, index));
      return { attributes: { ...pixelModule(1, 'MONOCHROME2', 8, 8, false), WindowCenter: 128, WindowWidth: 256 }, bytes, samples: Uint16Array.from(bytes), frameInfo: frameInfo(8, 1, false) };
    }
    case 'signed16': {
      // Stored = reference − 1024, negative below 1024; the rescale (slope 1, intercept −1024, as CT does) gives
      // reference − 2048, which a linear 4096-entry VOI LUT from −2048 maps to the full output range (PS3.3 §C.11.2).
      const stored = qcGreyPattern(qcGrey12Levels, 0, 4095, index).map((value) => value - 1024);
      const lut = Uint16Array.from({ length: 4096 }, (_, entry) => Math.round((entry * 65535) / 4095));
      return {
        attributes: {
          ...pixelModule(1, 'MONOCHROME2', 16, 16, true),
          RescaleIntercept: -1024,
          RescaleSlope: 1,
          RescaleType: 'US',
          VOILUTSequence: [{ LUTDescriptor: [4096, -2048, 16], LUTExplanation: 'LINEAIRE -2048-2047', LUTData: words(lut) }],
        },
        bytes: words(stored),
        frameInfo: frameInfo(16, 1, true),
      };
    }
    case 'rgb':
      return { attributes: pixelModule(3, 'RGB', 8, 8, false), bytes: qcColourPattern(index), frameInfo: frameInfo(8, 3, false) };
    case 'ybr-full-422':
      return { attributes: pixelModule(3, 'YBR_FULL_422', 8, 8, false), bytes: qcColourPattern(index), frameInfo: frameInfo(8, 3, false) };
    case 'ybr-full':
      return { attributes: pixelModule(3, 'YBR_FULL', 8, 8, false), bytes: rgbToYbrFull(qcColourPattern(index)), frameInfo: frameInfo(8, 3, false) };
    case 'palette': {
      const { indices, red, green, blue } = qcPalettePattern(index);
      return {
        attributes: {
          ...pixelModule(1, 'PALETTE COLOR', 8, 8, false),
          RedPaletteColorLookupTableDescriptor: [256, 0, 16],
          GreenPaletteColorLookupTableDescriptor: [256, 0, 16],
          BluePaletteColorLookupTableDescriptor: [256, 0, 16],
          RedPaletteColorLookupTableData: words(red),
          GreenPaletteColorLookupTableData: words(green),
          BluePaletteColorLookupTableData: words(blue),
        },
        bytes: indices,
        frameInfo: frameInfo(8, 1, false),
      };
    }
  }
}

async function encodeFrame(spec: QcCase, image: QcImage): Promise<Uint8Array | EncapsulatedFrames> {
  const { coding } = spec;
  const { bytes, frameInfo: info } = image;
  switch (coding.kind) {
    case 'native':
      return bytes;
    case 'private': {
      // A vendor's own stream: a 16-byte header, then the samples. Not a native frame's size, so an archive that
      // relabels it as native pixel data gives a viewer nothing it could mistake for the image.
      const stream = new Uint8Array(privateHeader.length + bytes.length);
      stream.set(privateHeader);
      stream.set(bytes, privateHeader.length);
      return new EncapsulatedFrames([stream]);
    }
    case 'rle':
      return new EncapsulatedFrames([encodeRleFrame({ pixels: bytes, columns: info.width, rows: info.height, bytesPerSample: bytes.length / (info.width * info.height * info.componentCount), samplesPerPixel: info.componentCount })]);
    case 'jpeg-lossless': {
      if (!image.samples) throw new Error(`${spec.description}: JPEG lossless needs unsigned grey-scale samples`);
      return new EncapsulatedFrames([encodeLosslessJpeg({ samples: image.samples, columns: info.width, rows: info.height, precision: info.bitsPerSample, predictor: coding.predictor })]);
    }
    case 'jpeg-extended': {
      if (!image.samples || info.bitsPerSample !== 12) throw new Error(`${spec.description}: JPEG extended needs unsigned 12-bit grey-scale samples`);
      return new EncapsulatedFrames([encodeJpegExtended12({ samples: image.samples, columns: info.width, rows: info.height, quality: coding.quality })]);
    }
    case 'jpeg-ls-lossless':
      return new EncapsulatedFrames([(await losslessEncoders()).encodeJpegLs(bytes, info)]);
    case 'jpeg-2000-lossless':
      return new EncapsulatedFrames([(await losslessEncoders()).encodeJpeg2000(bytes, info)]);
    case 'wasm':
      return new EncapsulatedFrames([(await qcFrameEncoder())(bytes, info, coding.encoding)]);
  }
}

/** The instances of a quality-control series. */
export async function* qcSeriesInstances(study: DemoStudy, spec: QcSeriesSpec): AsyncGenerator<GeneratedInstance> {
  const qc = qcCase(spec.number);
  const seriesUid = seriesInstanceUid(study, spec.number);
  for (let index = 0; index < spec.images; index++) {
    const image = qcImage(qc, index);
    const sopUid = sopInstanceUid(study, spec.number, index);
    const lossy: Dataset = qc.lossyMethod ? { LossyImageCompression: '01', LossyImageCompressionMethod: qc.lossyMethod } : {};
    const dataset: Dataset = {
      ...patientModule(study),
      ...generalStudyModule(study),
      ...generalSeriesModule(study, spec, 'OT'),
      ...generalEquipmentModule(study, 'Synthetic QC phantom'),
      ...sopCommonModule(secondaryCaptureImageStorage, sopUid, study),
      ConversionType: 'SYN',
      ImageType: ['DERIVED', 'SECONDARY'],
      ContentDate: study.date,
      ContentTime: timeAfter(study.time, spec.number % 60),
      InstanceNumber: index + 1,
      PatientOrientation: null,
      BurnedInAnnotation: 'NO',
      ...image.attributes,
      ...lossy,
      PixelData: await encodeFrame(qc, image),
    };
    yield {
      sopClassUid: secondaryCaptureImageStorage,
      sopInstanceUid: sopUid,
      seriesInstanceUid: seriesUid,
      transferSyntaxUid: qc.transferSyntaxUid,
      bytes: writePart10(dataset, qc.transferSyntaxUid),
    };
  }
}
