/**
 * A Multi-frame Grayscale Word Secondary Capture Image instance (PS3.3 §A.8.4): axial chest CT frames of the
 * synthetic body, 256 × 256, 12 bits stored in 16, with the Multi-frame (§C.7.6.6), SC Equipment (§C.8.6.1)
 * and SC Multi-frame Image (§C.8.6.3) modules. Frame Increment Pointer references the Slice Location Vector.
 * Rescale to Hounsfield units is kept, as the module allows for word images.
 */
import { dictionary } from './dicomDictionary.ts';
import type { Dataset } from './dataset.ts';
import type { DemoStudy, MultiframeScSeriesSpec } from './demoCatalog.ts';
import { instanceSeedName, seriesInstanceUid, sopInstanceUid } from './demoUids.ts';
import {
  generalEquipmentModule, generalSeriesModule, generalStudyModule, monochromeImagePixelModule, patientModule, sopCommonModule, timeAfter,
  type GeneratedInstance,
} from './commonModules.ts';
import { createBodyModel, renderBodySlice } from './bodyPhantom.ts';
import { centredGrid } from './rasterize.ts';
import { addNoiseAndOffset, sharedNoiseTable } from './imageNoise.ts';
import { encodePixelData } from './pixelEncoding.ts';
import { writePart10 } from './part10Writer.ts';
import { explicitVrLittleEndian } from './transferSyntaxes.ts';
import { createRandom } from './prng.ts';

export const multiframeGrayscaleWordSc = '1.2.840.10008.5.1.4.1.1.7.3';

const matrix = 256;
const pixelSpacing = 1.5;
const firstZ = 150;
const frameSpacing = 10;
const bitsStored = 12;

export async function* multiframeScInstances(study: DemoStudy, spec: MultiframeScSeriesSpec): AsyncGenerator<GeneratedInstance> {
  const model = createBodyModel({ seedName: study.patient.personKey, scale: study.patient.bodyScale });
  const grid = centredGrid(matrix, matrix, pixelSpacing);
  const hounsfield = new Int16Array(matrix * matrix);
  const random = createRandom(instanceSeedName(study, spec.number, 0));
  const locations: number[] = [];
  const frames: Uint16Array[] = [];
  for (let frame = 0; frame < spec.frames; frame++) {
    const z = firstZ - frame * frameSpacing;
    renderBodySlice(model, z, grid, hounsfield);
    frames.push(addNoiseAndOffset(hounsfield, 1024, sharedNoiseTable(), random, (1 << bitsStored) - 1));
    locations.push(z);
  }
  const sopUid = sopInstanceUid(study, spec.number, 0);
  const time = timeAfter(study.time, 6);
  const dataset: Dataset = {
    ...patientModule(study),
    ...generalStudyModule(study),
    ...generalSeriesModule(study, spec, 'CT'),
    ...generalEquipmentModule(study, 'Synthetic workstation'),
    ...sopCommonModule(multiframeGrayscaleWordSc, sopUid, study),
    ConversionType: 'WSD',
    BodyPartExamined: 'CHEST',
    ImageType: ['DERIVED', 'SECONDARY', 'AXIAL'],
    ContentDate: study.date,
    ContentTime: time,
    InstanceNumber: 1,
    PatientOrientation: ['L', 'P'],
    BurnedInAnnotation: 'NO',
    NumberOfFrames: spec.frames,
    FrameIncrementPointer: dictionary.SliceLocationVector.tag,
    SliceLocationVector: locations,
    PixelSpacing: [pixelSpacing, pixelSpacing],
    ...monochromeImagePixelModule(matrix, matrix, bitsStored),
    RescaleIntercept: -1024,
    RescaleSlope: 1,
    RescaleType: 'HU',
    WindowCenter: [40, -600],
    WindowWidth: [400, 1500],
    WindowCenterWidthExplanation: ['MEDIASTIN', 'POUMON'],
    PresentationLUTShape: 'IDENTITY',
    PixelData: await encodePixelData({ columns: matrix, rows: matrix, bitsStored, frames }, explicitVrLittleEndian),
  };
  yield {
    sopClassUid: multiframeGrayscaleWordSc,
    sopInstanceUid: sopUid,
    seriesInstanceUid: seriesInstanceUid(study, spec.number),
    transferSyntaxUid: explicitVrLittleEndian,
    bytes: writePart10(dataset, explicitVrLittleEndian),
  };
}
