/**
 * An Encapsulated PDF Storage instance (PS3.3 §A.45.1): the report as a hand-made one-page PDF in the
 * Encapsulated Document module (§C.24.2), with the Encapsulated Document Series (§C.24.1) and SC Equipment
 * (§C.8.6.1) modules. An odd-length document gets one trailing NUL byte; Encapsulated Document Length gives
 * the length without it.
 */
import { demoSite } from '../demoSites.ts';
import type { Dataset } from './dataset.ts';
import type { DemoStudy, PdfSeriesSpec } from './demoCatalog.ts';
import { seriesInstanceUid, sopInstanceUid } from './demoUids.ts';
import {
  generalEquipmentModule, generalSeriesModule, generalStudyModule, patientModule, sopCommonModule,
  type GeneratedInstance,
} from './commonModules.ts';
import { frenchDate, type ReportText } from './demoReports.ts';
import { buildPdf, wrapText, type PdfLine } from './pdfDocument.ts';
import { codeItem } from './basicTextSr.ts';
import { writePart10 } from './part10Writer.ts';
import { explicitVrLittleEndian } from './transferSyntaxes.ts';

export const encapsulatedPdfStorage = '1.2.840.10008.5.1.4.1.1.104.1';

/** "DURAND^MARIE-CLAIRE" → "DURAND Marie-Claire". */
export function displayName(personName: string): string {
  const [family = '', ...given] = personName.split('^');
  const capitalised = given
    .filter(Boolean)
    .map((part) => part.toLowerCase().replace(/(^|[-\s])(\p{L})/gu, (_, separator: string, letter: string) => separator + letter.toUpperCase()));
  return [family, ...capitalised].join(' ');
}

function reportLines(study: DemoStudy, report: ReportText): PdfLine[] {
  const { patient } = study;
  const site = demoSite(patient.site);
  const born = patient.sex === 'F' ? 'née' : 'né';
  const lines: PdfLine[] = [
    { text: report.organization, size: 9, bold: true },
    { text: report.title, size: 15, bold: true, spaceBefore: 14 },
    { text: `Patient : ${displayName(patient.name)}, ${born} le ${frenchDate(patient.birthDate)} - IPP ${patient.patientId} (${site.issuerOfPatientId})`, size: 10, spaceBefore: 12 },
    { text: `Examen : ${study.description} du ${frenchDate(study.date)} - n° d'examen ${study.accessionNumber}`, size: 10 },
    { text: `Demandeur : Dr ${displayName(study.referringPhysician)}`, size: 10 },
  ];
  for (const section of report.sections) {
    lines.push({ text: section.heading.meaning, size: 11, bold: true, spaceBefore: 12 });
    for (const paragraph of section.paragraphs) {
      wrapText(paragraph, 92).forEach((text, index) => lines.push({ text, size: 10, spaceBefore: index === 0 ? 3 : 0 }));
    }
  }
  const signed = `${frenchDate(report.date)} à ${report.time.slice(0, 2)}:${report.time.slice(2, 4)}`;
  lines.push({ text: `Compte rendu validé par Dr ${displayName(report.author)} le ${signed}.`, size: 10, spaceBefore: 18 });
  lines.push({ text: 'Document de démonstration : patient et données entièrement synthétiques.', size: 8, spaceBefore: 24 });
  return lines;
}

export async function* encapsulatedPdfInstances(study: DemoStudy, spec: PdfSeriesSpec): AsyncGenerator<GeneratedInstance> {
  const { report } = spec;
  const pdf = buildPdf({
    title: report.title,
    author: displayName(report.author),
    creationDate: `D:${report.date}${report.time}`,
    lines: reportLines(study, report),
  });
  const sopUid = sopInstanceUid(study, spec.number, 0);
  const dataset: Dataset = {
    ...patientModule(study),
    ...generalStudyModule(study),
    ...generalSeriesModule(study, spec, 'DOC'),
    ...generalEquipmentModule(study, 'Synthetic reporting'),
    ...sopCommonModule(encapsulatedPdfStorage, sopUid, study),
    ConversionType: 'WSD',
    InstanceNumber: 1,
    ContentDate: report.date,
    ContentTime: report.time,
    AcquisitionDateTime: null,
    BurnedInAnnotation: 'YES',
    DocumentTitle: report.title,
    ConceptNameCodeSequence: [codeItem(report.documentCode)],
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocument: pdf,
    EncapsulatedDocumentLength: pdf.length,
  };
  yield {
    sopClassUid: encapsulatedPdfStorage,
    sopInstanceUid: sopUid,
    seriesInstanceUid: seriesInstanceUid(study, spec.number),
    transferSyntaxUid: explicitVrLittleEndian,
    bytes: writePart10(dataset, explicitVrLittleEndian),
  };
}
