/**
 * Modules common to every generated IOD: Patient (PS3.3 §C.7.1.1), General Study (§C.7.2.1), Patient Study
 * (§C.7.2.2), General Series (§C.7.3.1), General Equipment (§C.7.5.1) and SOP Common (§C.12.1).
 */
import { demoSite } from '../demoSites.ts';
import { specificCharacterSet, type Dataset } from './dataset.ts';
import { demoInsSystem, type DemoStudy, type DemoSeriesSpec } from './demoCatalog.ts';
import { seriesInstanceUid, studyInstanceUid } from './demoUids.ts';

/** Age at the study date as an Age String, e.g. "068Y" (PS3.5 §6.2, AS). */
export function patientAge(birthDate: string, studyDate: string): string {
  const years = Number(studyDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const hadBirthday = studyDate.slice(4) >= birthDate.slice(4);
  return `${String(hadBirthday ? years : years - 1).padStart(3, '0')}Y`;
}

export function patientModule(study: DemoStudy): Dataset {
  const { patient } = study;
  return {
    PatientName: patient.name,
    PatientID: patient.patientId,
    IssuerOfPatientID: demoSite(patient.site).issuerOfPatientId,
    PatientBirthDate: patient.birthDate,
    PatientSex: patient.sex,
    ...(patient.birthName !== undefined ? { PatientBirthName: patient.birthName } : {}),
    // The INS as the national image-sharing specification carries it beside the local ID: an Other Patient IDs
    // item whose issuer is the INS's OID (Issuer of Patient ID Qualifiers, PS3.3 §C.7.1.1).
    ...(patient.ins
      ? {
          OtherPatientIDsSequence: [
            {
              PatientID: patient.ins.value,
              IssuerOfPatientID: 'INS-NIR',
              TypeOfPatientID: 'TEXT',
              IssuerOfPatientIDQualifiersSequence: [{ UniversalEntityID: demoInsSystem.replace(/^urn:oid:/, ''), UniversalEntityIDType: 'ISO' }],
            },
          ],
        }
      : {}),
  };
}

export function generalStudyModule(study: DemoStudy): Dataset {
  return {
    StudyInstanceUID: studyInstanceUid(study),
    StudyDate: study.date,
    StudyTime: study.time,
    ReferringPhysicianName: study.referringPhysician,
    StudyID: study.studyId,
    AccessionNumber: study.accessionNumber,
    StudyDescription: study.description,
    PatientAge: patientAge(study.patient.birthDate, study.date),
  };
}

/** A time a few minutes after `time` (HHMMSS), for series and content times. */
export function timeAfter(time: string, minutes: number): string {
  const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(2, 4)) + minutes;
  const hours = Math.floor(total / 60) % 24;
  return `${String(hours).padStart(2, '0')}${String(total % 60).padStart(2, '0')}${time.slice(4, 6)}`;
}

export function generalSeriesModule(study: DemoStudy, series: DemoSeriesSpec, modality: string): Dataset {
  return {
    Modality: modality,
    SeriesInstanceUID: seriesInstanceUid(study, series.number),
    SeriesNumber: series.number,
    SeriesDate: study.date,
    SeriesTime: timeAfter(study.time, series.number),
    SeriesDescription: series.description,
  };
}

export function generalEquipmentModule(study: DemoStudy, modelName: string): Dataset {
  return {
    Manufacturer: 'Passerelle demo',
    InstitutionName: demoSite(study.patient.site).name,
    StationName: study.patient.site === 'chu' ? 'CHUVDS-IMG1' : 'CACB-RAD2',
    ManufacturerModelName: modelName,
    SoftwareVersions: 'synthetic',
  };
}

export function sopCommonModule(sopClassUid: string, sopInstanceUid: string, study: DemoStudy): Dataset {
  return {
    SpecificCharacterSet: specificCharacterSet,
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: study.date,
    InstanceCreationTime: study.time,
  };
}

/** One instance, serialised, with the identifiers the manifest records. */
export interface GeneratedInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  transferSyntaxUid: string;
  bytes: Uint8Array;
}

/** Image Pixel module (PS3.3 §C.7.6.3) of the demo's grey-scale images: 16 bits allocated, unsigned. */
export function monochromeImagePixelModule(rows: number, columns: number, bitsStored: number): Dataset {
  return {
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: bitsStored,
    HighBit: bitsStored - 1,
    PixelRepresentation: 0,
  };
}
