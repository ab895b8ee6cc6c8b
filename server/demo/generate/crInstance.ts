/**
 * A Computed Radiography Image Storage instance (PS3.3 §A.2): a PA chest radiograph, 512 columns × 640 rows,
 * 12 bits stored in 16, MONOCHROME2, explicit VR little endian, with the CR Series (§C.8.1.1) and CR Image
 * (§C.8.1.2) modules.
 */
import type { Dataset } from './dataset.ts';
import type { CrSeriesSpec, DemoStudy } from './demoCatalog.ts';
import { instanceSeedName, seriesInstanceUid, sopInstanceUid } from './demoUids.ts';
import {
  generalEquipmentModule, generalSeriesModule, generalStudyModule, monochromeImagePixelModule, patientModule, sopCommonModule, timeAfter,
  type GeneratedInstance,
} from './commonModules.ts';
import { createBodyModel } from './bodyPhantom.ts';
import { renderChestRadiograph } from './radiograph.ts';
import { addNoiseAndOffset, sharedNoiseTable } from './imageNoise.ts';
import { encodePixelData } from './pixelEncoding.ts';
import { writePart10 } from './part10Writer.ts';
import { explicitVrLittleEndian } from './transferSyntaxes.ts';
import { createRandom } from './prng.ts';

export const crImageStorage = '1.2.840.10008.5.1.4.1.1.1';

const columns = 512;
const rows = 640;
const spacing = 0.7;
const bitsStored = 12;

export async function* crSeriesInstances(study: DemoStudy, spec: CrSeriesSpec): AsyncGenerator<GeneratedInstance> {
  const model = createBodyModel({ seedName: study.patient.personKey, scale: study.patient.bodyScale });
  const maxValue = (1 << bitsStored) - 1;
  const projection = renderChestRadiograph(model, { columns, rows, spacing, topZ: 225 }, maxValue);
  const random = createRandom(instanceSeedName(study, spec.number, 0));
  const stored = addNoiseAndOffset(Int16Array.from(projection), 0, sharedNoiseTable(), random, maxValue, { gain: 1.5 });
  const sopUid = sopInstanceUid(study, spec.number, 0);
  const time = timeAfter(study.time, 1);
  const dataset: Dataset = {
    ...patientModule(study),
    ...generalStudyModule(study),
    ...generalSeriesModule(study, spec, 'CR'),
    ...generalEquipmentModule(study, 'Synthetic CR'),
    ...sopCommonModule(crImageStorage, sopUid, study),
    BodyPartExamined: 'CHEST',
    ViewPosition: 'PA',
    ImageType: ['ORIGINAL', 'PRIMARY'],
    AcquisitionDate: study.date,
    AcquisitionTime: time,
    ContentDate: study.date,
    ContentTime: time,
    InstanceNumber: 1,
    PatientOrientation: ['L', 'F'],
    KVP: 125,
    DistanceSourceToDetector: 1800,
    ExposureTime: 8,
    XRayTubeCurrent: 320,
    ImagerPixelSpacing: [spacing, spacing],
    ...monochromeImagePixelModule(rows, columns, bitsStored),
    WindowCenter: 2100,
    WindowWidth: 3800,
    PixelData: await encodePixelData({ columns, rows, bitsStored, frames: [stored] }, explicitVrLittleEndian),
  };
  yield {
    sopClassUid: crImageStorage,
    sopInstanceUid: sopUid,
    seriesInstanceUid: seriesInstanceUid(study, spec.number),
    transferSyntaxUid: explicitVrLittleEndian,
    bytes: writePart10(dataset, explicitVrLittleEndian),
  };
}
