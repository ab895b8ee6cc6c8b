/**
 * CT Image Storage instances (PS3.3 §A.3): one axial slice of the synthetic body per instance, with the
 * Frame of Reference (§C.7.4.1), General Image (§C.7.6.1), Image Plane (§C.7.6.2), Image Pixel (§C.7.6.3),
 * Contrast/Bolus (§C.7.6.4), CT Image (§C.8.2.1) and VOI LUT (§C.11.2) modules.
 * Stored values are HU + 1024 in 12 bits (Rescale Intercept −1024, Slope 1), with σ ≈ 10 HU noise.
 * A series may hold one slice whose JPEG-LS codestream is cut short (`corruptSlice`): stored, never decodable.
 */
import { EncapsulatedFrames, type Dataset } from './dataset.ts';
import type { CtSeriesSpec, DemoStudy } from './demoCatalog.ts';
import { scaledSliceCount } from './demoCatalog.ts';
import { frameOfReferenceUid, instanceSeedName, seriesInstanceUid, sopInstanceUid } from './demoUids.ts';
import {
  generalEquipmentModule, generalSeriesModule, generalStudyModule, monochromeImagePixelModule, patientModule, sopCommonModule, timeAfter,
  type GeneratedInstance,
} from './commonModules.ts';
import { createBodyModel, renderBodySlice } from './bodyPhantom.ts';
import { centredGrid } from './rasterize.ts';
import { addNoiseAndOffset, sharedNoiseTable } from './imageNoise.ts';
import { encodePixelData } from './pixelEncoding.ts';
import { truncatedJpegLsScan } from './corruptCodestream.ts';
import { transferSyntax } from './transferSyntaxes.ts';
import { writePart10 } from './part10Writer.ts';
import { createRandom } from './prng.ts';

export const ctImageStorage = '1.2.840.10008.5.1.4.1.1.2';

const matrix = 512;
const rescaleIntercept = -1024;
const bitsStored = 12;

interface WindowPresets {
  centers: number[];
  widths: number[];
  explanations: string[];
}

function windowPresets(spec: CtSeriesSpec): WindowPresets {
  if (spec.bodyPart === 'ABDOMEN') return { centers: [40, 400], widths: [400, 1800], explanations: ['ABDOMEN', 'OS'] };
  return { centers: [40, -600], widths: [400, 1500], explanations: ['MEDIASTIN', 'POUMON'] };
}

function ctImageAttributes(study: DemoStudy, spec: CtSeriesSpec): Dataset {
  const acquisitionTime = timeAfter(study.time, 2);
  const windows = windowPresets(spec);
  return {
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    AcquisitionDate: study.date,
    AcquisitionTime: acquisitionTime,
    ContentDate: study.date,
    ContentTime: acquisitionTime,
    BodyPartExamined: spec.bodyPart,
    ContrastBolusAgent: spec.contrast ? 'IOMEPROL 350' : undefined,
    SliceThickness: spec.spacingMm,
    SpacingBetweenSlices: spec.spacingMm,
    KVP: 120,
    ReconstructionDiameter: matrix * spec.pixelSpacingMm,
    GantryDetectorTilt: 0,
    ExposureTime: 500,
    XRayTubeCurrent: 220,
    ConvolutionKernel: 'STANDARD',
    PatientPosition: 'HFS',
    AcquisitionNumber: 1,
    FrameOfReferenceUID: frameOfReferenceUid(study),
    PositionReferenceIndicator: null,
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    PixelSpacing: [spec.pixelSpacingMm, spec.pixelSpacingMm],
    ...monochromeImagePixelModule(matrix, matrix, bitsStored),
    RescaleIntercept: rescaleIntercept,
    RescaleSlope: 1,
    RescaleType: 'HU',
    WindowCenter: windows.centers,
    WindowWidth: windows.widths,
    WindowCenterWidthExplanation: windows.explanations,
    LossyImageCompression: '00',
  };
}

/** The series' instances, in acquisition order (head to feet). */
export async function* ctSeriesInstances(study: DemoStudy, spec: CtSeriesSpec, sliceScale: number): AsyncGenerator<GeneratedInstance> {
  const count = scaledSliceCount(spec.slices, sliceScale);
  const model = createBodyModel({
    seedName: study.patient.personKey,
    scale: study.patient.bodyScale,
    noduleDiameterMm: spec.noduleDiameterMm,
    contrast: spec.contrast,
  });
  const grid = centredGrid(matrix, matrix, spec.pixelSpacingMm);
  const hounsfield = new Int16Array(matrix * matrix);
  const noise = sharedNoiseTable();
  const shared: Dataset = {
    ...patientModule(study),
    ...generalStudyModule(study),
    ...generalSeriesModule(study, spec, 'CT'),
    ...generalEquipmentModule(study, 'Synthetic CT'),
    ...ctImageAttributes(study, spec),
  };
  const seriesUid = seriesInstanceUid(study, spec.number);
  if (spec.corruptSlice !== undefined && transferSyntax(spec.transferSyntaxUid).codec !== 'jpeg-ls') {
    throw new Error(`series ${spec.number} of ${study.key}: a corrupt slice needs a JPEG-LS series`);
  }
  for (let index = 0; index < count; index++) {
    const z = spec.firstZ - index * spec.spacingMm;
    renderBodySlice(model, z, grid, hounsfield);
    const stored = addNoiseAndOffset(hounsfield, -rescaleIntercept, noise, createRandom(instanceSeedName(study, spec.number, index)), (1 << bitsStored) - 1);
    const encoded = await encodePixelData({ columns: matrix, rows: matrix, bitsStored, frames: [stored] }, spec.transferSyntaxUid);
    const pixelData = index === spec.corruptSlice && encoded instanceof EncapsulatedFrames
      ? new EncapsulatedFrames(encoded.frames.map((frame) => truncatedJpegLsScan(frame)))
      : encoded;
    const sopUid = sopInstanceUid(study, spec.number, index);
    const dataset: Dataset = {
      ...shared,
      ...sopCommonModule(ctImageStorage, sopUid, study),
      InstanceNumber: spec.reverseInstanceNumbers ? count - index : index + 1,
      ImagePositionPatient: [grid.x0, grid.y0, z],
      SliceLocation: z,
      PixelData: pixelData,
    };
    yield { sopClassUid: ctImageStorage, sopInstanceUid: sopUid, seriesInstanceUid: seriesUid, transferSyntaxUid: spec.transferSyntaxUid, bytes: writePart10(dataset, spec.transferSyntaxUid) };
  }
}
