/**
 * MR Image Storage instances (PS3.3 §A.4): axial spin-echo slices of the synthetic head, 256 × 256, 16-bit
 * unsigned, explicit VR little endian, with the MR Image module (§C.8.3.1) and a default VOI window per
 * weighting (§C.11.2). No rescale: stored values are the signal.
 */
import type { Dataset } from './dataset.ts';
import type { DemoStudy, MrSeriesSpec } from './demoCatalog.ts';
import { scaledSliceCount } from './demoCatalog.ts';
import { frameOfReferenceUid, instanceSeedName, seriesInstanceUid, sopInstanceUid } from './demoUids.ts';
import {
  generalEquipmentModule, generalSeriesModule, generalStudyModule, monochromeImagePixelModule, patientModule, sopCommonModule, timeAfter,
  type GeneratedInstance,
} from './commonModules.ts';
import { createHeadModel, renderHeadSlice } from './headPhantom.ts';
import { centredGrid } from './rasterize.ts';
import { addNoiseAndOffset, sharedNoiseTable } from './imageNoise.ts';
import { encodePixelData } from './pixelEncoding.ts';
import { writePart10 } from './part10Writer.ts';
import { explicitVrLittleEndian } from './transferSyntaxes.ts';
import { createRandom } from './prng.ts';

export const mrImageStorage = '1.2.840.10008.5.1.4.1.1.4';

const matrix = 256;
const pixelSpacing = 0.9;
const sliceSpacing = 5;
const sliceThickness = 4;
const firstZ = 62;
const bitsStored = 12;

function sequenceAttributes(spec: MrSeriesSpec): Dataset {
  if (spec.weighting === 'T1') {
    return {
      ScanningSequence: 'SE', SequenceVariant: 'NONE', ScanOptions: null, RepetitionTime: 520, EchoTime: 12,
      EchoTrainLength: 1, FlipAngle: 90, ProtocolName: 'T1 SE AX', WindowCenter: 500, WindowWidth: 1000,
    };
  }
  return {
    ScanningSequence: 'SE', SequenceVariant: 'SK', ScanOptions: null, RepetitionTime: 4200, EchoTime: 98,
    EchoTrainLength: 15, FlipAngle: 150, ProtocolName: 'T2 TSE AX', WindowCenter: 800, WindowWidth: 1600,
  };
}

export async function* mrSeriesInstances(study: DemoStudy, spec: MrSeriesSpec, sliceScale: number): AsyncGenerator<GeneratedInstance> {
  const count = scaledSliceCount(spec.slices, sliceScale);
  const model = createHeadModel(study.patient.personKey);
  const grid = centredGrid(matrix, matrix, pixelSpacing);
  const signal = new Int16Array(matrix * matrix);
  const noise = sharedNoiseTable();
  const acquisitionTime = timeAfter(study.time, spec.number * 4);
  const shared: Dataset = {
    ...patientModule(study),
    ...generalStudyModule(study),
    ...generalSeriesModule(study, spec, 'MR'),
    ...generalEquipmentModule(study, 'Synthetic MR 1.5T'),
    ...sequenceAttributes(spec),
    ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
    AcquisitionDate: study.date,
    AcquisitionTime: acquisitionTime,
    ContentDate: study.date,
    ContentTime: acquisitionTime,
    BodyPartExamined: 'HEAD',
    MRAcquisitionType: '2D',
    SliceThickness: sliceThickness,
    SpacingBetweenSlices: sliceSpacing,
    NumberOfAverages: 1,
    ImagingFrequency: 63.87,
    EchoNumbers: 1,
    MagneticFieldStrength: 1.5,
    PatientPosition: 'HFS',
    AcquisitionNumber: 1,
    FrameOfReferenceUID: frameOfReferenceUid(study),
    PositionReferenceIndicator: null,
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    PixelSpacing: [pixelSpacing, pixelSpacing],
    ...monochromeImagePixelModule(matrix, matrix, bitsStored),
  };
  const seriesUid = seriesInstanceUid(study, spec.number);
  for (let index = 0; index < count; index++) {
    const z = firstZ - index * sliceSpacing;
    renderHeadSlice(model, z, spec.weighting, grid, signal);
    const random = createRandom(instanceSeedName(study, spec.number, index));
    const stored = addNoiseAndOffset(signal, 0, noise, random, (1 << bitsStored) - 1, { gain: 1.5, magnitude: true });
    const sopUid = sopInstanceUid(study, spec.number, index);
    const dataset: Dataset = {
      ...shared,
      ...sopCommonModule(mrImageStorage, sopUid, study),
      InstanceNumber: index + 1,
      ImagePositionPatient: [grid.x0, grid.y0, z],
      SliceLocation: z,
      PixelData: await encodePixelData({ columns: matrix, rows: matrix, bitsStored, frames: [stored] }, explicitVrLittleEndian),
    };
    yield { sopClassUid: mrImageStorage, sopInstanceUid: sopUid, seriesInstanceUid: seriesUid, transferSyntaxUid: explicitVrLittleEndian, bytes: writePart10(dataset, explicitVrLittleEndian) };
  }
}
