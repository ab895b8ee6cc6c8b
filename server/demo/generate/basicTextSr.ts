/**
 * A Basic Text SR instance (PS3.3 §A.35.1): a verified diagnostic imaging report whose content tree is a
 * CONTAINER root titled with the report's document code, holding one CONTAINER per section heading, each with
 * its TEXT paragraphs (SR Document Content module, §C.17.3). The SR Document General module (§C.17.2) names
 * the verifying observer and lists the study's images as Current Requested Procedure Evidence.
 */
import type { Dataset } from './dataset.ts';
import type { DemoStudy, SrSeriesSpec } from './demoCatalog.ts';
import { scaledSliceCount } from './demoCatalog.ts';
import { seriesInstanceUid, sopInstanceUid, studyInstanceUid } from './demoUids.ts';
import {
  generalEquipmentModule, generalSeriesModule, generalStudyModule, patientModule, sopCommonModule,
  type GeneratedInstance,
} from './commonModules.ts';
import type { CodedConcept, ReportText } from './demoReports.ts';
import { writePart10 } from './part10Writer.ts';
import { explicitVrLittleEndian } from './transferSyntaxes.ts';
import { ctImageStorage } from './ctSeries.ts';

export const basicTextSrStorage = '1.2.840.10008.5.1.4.1.1.88.11';

/** A Code Sequence item (PS3.3 §8.8, Basic Code Sequence macro). */
export function codeItem(concept: CodedConcept): Dataset {
  return { CodeValue: concept.value, CodingSchemeDesignator: concept.scheme, CodeMeaning: concept.meaning };
}

export function reportContentTree(report: ReportText): Dataset {
  return {
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [codeItem(report.documentCode)],
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: report.sections.map((section) => ({
      RelationshipType: 'CONTAINS',
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: [codeItem(section.heading)],
      ContinuityOfContent: 'SEPARATE',
      ContentSequence: section.paragraphs.map((paragraph) => ({
        RelationshipType: 'CONTAINS',
        ValueType: 'TEXT',
        ConceptNameCodeSequence: [codeItem(section.heading)],
        TextValue: paragraph,
      })),
    })),
  };
}

function evidence(study: DemoStudy, spec: SrSeriesSpec, sliceScale: number): Dataset[] {
  const images = study.series.find((series) => series.number === spec.evidenceSeriesNumber);
  if (!images || images.kind !== 'ct') throw new Error(`${study.key}: SR evidence must be a CT series`);
  const count = scaledSliceCount(images.slices, sliceScale);
  return [
    {
      StudyInstanceUID: studyInstanceUid(study),
      ReferencedSeriesSequence: [
        {
          SeriesInstanceUID: seriesInstanceUid(study, images.number),
          ReferencedSOPSequence: Array.from({ length: count }, (_, index) => ({
            ReferencedSOPClassUID: ctImageStorage,
            ReferencedSOPInstanceUID: sopInstanceUid(study, images.number, index),
          })),
        },
      ],
    },
  ];
}

export async function* basicTextSrInstances(study: DemoStudy, spec: SrSeriesSpec, sliceScale: number): AsyncGenerator<GeneratedInstance> {
  const { report } = spec;
  const sopUid = sopInstanceUid(study, spec.number, 0);
  const dataset: Dataset = {
    ...patientModule(study),
    ...generalStudyModule(study),
    ...generalSeriesModule(study, spec, 'SR'),
    ...generalEquipmentModule(study, 'Synthetic reporting'),
    ...sopCommonModule(basicTextSrStorage, sopUid, study),
    ReferencedPerformedProcedureStepSequence: [],
    InstanceNumber: 1,
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'VERIFIED',
    ContentDate: report.date,
    ContentTime: report.time,
    VerifyingObserverSequence: [
      {
        VerifyingObserverName: report.author,
        VerifyingObserverIdentificationCodeSequence: [],
        VerifyingOrganization: report.organization,
        VerificationDateTime: `${report.date}${report.time}`,
      },
    ],
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: evidence(study, spec, sliceScale),
    ...reportContentTree(report),
  };
  yield {
    sopClassUid: basicTextSrStorage,
    sopInstanceUid: sopUid,
    seriesInstanceUid: seriesInstanceUid(study, spec.number),
    transferSyntaxUid: explicitVrLittleEndian,
    bytes: writePart10(dataset, explicitVrLittleEndian),
  };
}
