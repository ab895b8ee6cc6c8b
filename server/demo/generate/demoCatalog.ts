/**
 * What the demo contains: patients as each site knows them, their studies and series. Every name is synthetic.
 * Person 1 is known at both sites under different IDs (and a slightly different name spelling), with the same
 * INS in her studies; patient ID 300042 exists at both sites for two different people. Person 5 carries her INS in her studies
 * at both sites, under her birth name at the CHU and her married name at the cancer centre. Twins (persons 6 and
 * 7) share a family name and a birth date at the CHU. Person 8 is at both sites without INS, with a typo in the
 * family name and day and month swapped at the cancer centre: a possible match for identity review. Person 3's October CT holds one slice that no viewer can
 * decode (slice 5 of 10), to show how a viewer copes with it. A quality-control phantom at the CHU holds the
 * "codec gallery": one series per Transfer Syntax and Photometric Interpretation (qcCases.ts).
 */
import type { DemoSiteKey } from '../demoSites.ts';
import { explicitVrLittleEndian, implicitVrLittleEndian, jpeg2000Lossless, jpegLsLossless, rleLossless } from './transferSyntaxes.ts';
import { reportChuCt2026, reportCgflTap2026 } from './demoReports.ts';
import type { ReportText } from './demoReports.ts';
import { qcCases } from './qcCases.ts';

export interface DemoPatient {
  site: DemoSiteKey;
  patientId: string;
  /** PN, ISO 8859-1 characters only. */
  name: string;
  birthDate: string;
  sex: 'F' | 'M' | 'O';
  /** Stable name of the person: seeds the anatomy, shared by the same person's records at both sites. */
  personKey: string;
  /** In-plane body size factor. */
  bodyScale: number;
  /** Patient's Birth Name (0010,1005), when the Patient's Name is a used (married) name. */
  birthName?: string;
  /**
   * The given names as the site's patient administration holds them (its qualified identity, what its feed
   * sends), when they differ from the Patient's Name components: first the first given name.
   */
  givenNames?: readonly string[];
  /**
   * The national health identifier (INS-NIR, `demoInsSystem`) the site holds for this patient. Its studies carry it
   * as an item of Other Patient IDs Sequence (0010,1002): the demo's identity manager learns its patients from the
   * archives (the harvest), and a link the studies do not support would not be learnt.
   */
  ins?: { value: string };
}

/** The INS-NIR identifier system (ANS, Référentiel INS); the demo's values are synthetic, with valid keys. */
export const demoInsSystem = 'urn:oid:1.2.250.1.213.1.4.8';

interface SeriesBase {
  number: number;
  description: string;
}

export interface CtSeriesSpec extends SeriesBase {
  kind: 'ct';
  bodyPart: string;
  slices: number;
  /** Slice thickness and spacing between slices (mm). */
  spacingMm: number;
  pixelSpacingMm: number;
  /** Height of the first (most cranial) slice. */
  firstZ: number;
  transferSyntaxUid: string;
  contrast: boolean;
  /** Diameter of the lung nodule at this date, 0 for none. */
  noduleDiameterMm: number;
  /** Instance numbers run feet to head, against acquisition order, so viewers must sort by position. */
  reverseInstanceNumbers?: boolean;
  /**
   * 0-based acquisition index of one slice whose JPEG-LS codestream is cut short after its scan header (see
   * `truncatedJpegLsScan`): archives accept it, no viewer can decode it. JPEG-LS series only.
   */
  corruptSlice?: number;
}

export interface MrSeriesSpec extends SeriesBase {
  kind: 'mr';
  weighting: 'T1' | 'T2';
  slices: number;
}

export interface SrSeriesSpec extends SeriesBase {
  kind: 'sr';
  report: ReportText;
  /** Series number of the images the report is about (Current Requested Procedure Evidence). */
  evidenceSeriesNumber: number;
}

export interface PdfSeriesSpec extends SeriesBase {
  kind: 'pdf';
  report: ReportText;
}

export interface CrSeriesSpec extends SeriesBase {
  kind: 'cr';
}

export interface MultiframeScSeriesSpec extends SeriesBase {
  kind: 'sc-multiframe';
  frames: number;
}

/** A quality-control series: its case (Transfer Syntax, pixels) is `qcCase(number)`. */
export interface QcSeriesSpec extends SeriesBase {
  kind: 'qc';
  images: number;
}

export type DemoSeriesSpec = CtSeriesSpec | MrSeriesSpec | SrSeriesSpec | PdfSeriesSpec | CrSeriesSpec | MultiframeScSeriesSpec | QcSeriesSpec;

export interface DemoStudy {
  /** Stable name: seeds the study's UIDs. */
  key: string;
  patient: DemoPatient;
  date: string;
  time: string;
  accessionNumber: string;
  studyId: string;
  description: string;
  referringPhysician: string;
  series: readonly DemoSeriesSpec[];
}

// Both sites hold the qualified identity (INS and the traits that go with it); the CHU's archive writes the
// compound first name with a space for its hyphen (a spelling the INS rule's strict traits accept: given as two
// components, MARIE then CLAIRE, the first given name would disagree and the pair would go to review).
const person1Chu: DemoPatient = {
  site: 'chu', patientId: 'A100001', name: 'DURAND^MARIE CLAIRE', birthDate: '19580312', sex: 'F', personKey: 'person-1', bodyScale: 0.97,
  givenNames: ['MARIE-CLAIRE'], ins: { value: '258039935004587' },
};
const person1Cgfl: DemoPatient = { ...person1Chu, site: 'cgfl', patientId: 'B-778899', name: 'DURAND^MARIE-CLAIRE' };
const person2: DemoPatient = { site: 'chu', patientId: 'A100002', name: 'LEFÈVRE^HÉLÈNE', birthDate: '19710704', sex: 'F', personKey: 'person-2', bodyScale: 0.92 };
const person3: DemoPatient = { site: 'chu', patientId: '300042', name: 'MARTIN^PAUL', birthDate: '19450921', sex: 'M', personKey: 'person-3', bodyScale: 1.04 };
const qcPhantom: DemoPatient = { site: 'chu', patientId: 'QC-0001', name: 'FANTOME^CODECS', birthDate: '20000101', sex: 'O', personKey: 'qc-phantom', bodyScale: 1 };
const person4: DemoPatient = { site: 'cgfl', patientId: '300042', name: 'BERNARD^LUC', birthDate: '19820203', sex: 'M', personKey: 'person-4', bodyScale: 1.08 };
const person5Chu: DemoPatient = {
  site: 'chu', patientId: 'A100005', name: 'ROUX^SOPHIE^ANNE', birthDate: '19760905', sex: 'F', personKey: 'person-5', bodyScale: 0.95,
  ins: { value: '276099913407825' },
};
const person5Cgfl: DemoPatient = { ...person5Chu, site: 'cgfl', patientId: 'B-812345', name: 'GIRARD^SOPHIE^ANNE', birthName: 'ROUX^SOPHIE^ANNE' };
const person6: DemoPatient = { site: 'chu', patientId: 'A100006', name: 'PETIT^LUCAS', birthDate: '20150614', sex: 'M', personKey: 'person-6', bodyScale: 0.7 };
const person7: DemoPatient = { ...person6, patientId: 'A100007', name: 'PETIT^NATHAN', personKey: 'person-7', bodyScale: 0.72 };
const person8Chu: DemoPatient = { site: 'chu', patientId: 'A100008', name: 'FONTAINE^JULIEN', birthDate: '19690307', sex: 'M', personKey: 'person-8', bodyScale: 1.02 };
const person8Cgfl: DemoPatient = { ...person8Chu, site: 'cgfl', patientId: 'B-790312', name: 'FONTAINNE^JULIEN', birthDate: '19690703' };

/** One chest radiograph: the studies of the identity cases, small on purpose. */
function radiograph(patient: DemoPatient, date: string, accessionNumber: string, studyId: string): DemoStudy {
  const chu = patient.site === 'chu';
  return {
    key: `${patient.site}/${patient.patientId}/radio-thorax-${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`,
    patient, date, time: '101500', accessionNumber, studyId, description: 'RADIO THORAX',
    referringPhysician: chu ? 'MOREAU^ANNE' : 'GARNIER^LOUIS',
    series: [{ kind: 'cr', number: 1, description: 'Thorax face PA' }],
  };
}

export const demoStudies: readonly DemoStudy[] = [
  {
    key: 'chu/A100001/ct-thorax-2026-11-18', patient: person1Chu, date: '20261118', time: '091512',
    accessionNumber: 'CHU26-001234', studyId: '1234', description: 'TDM THORAX', referringPhysician: 'MOREAU^ANNE',
    series: [
      { kind: 'ct', number: 2, description: 'Thorax 2,5 mm injecté', bodyPart: 'CHEST', slices: 120, spacingMm: 2.5, pixelSpacingMm: 0.7421875, firstZ: 195, transferSyntaxUid: jpegLsLossless, contrast: true, noduleDiameterMm: 14 },
      { kind: 'sr', number: 90, description: 'Compte rendu', report: reportChuCt2026, evidenceSeriesNumber: 2 },
    ],
  },
  {
    key: 'chu/A100001/ct-thorax-2025-05-10', patient: person1Chu, date: '20250510', time: '104233',
    accessionNumber: 'CHU25-004321', studyId: '4321', description: 'TDM THORAX', referringPhysician: 'MOREAU^ANNE',
    series: [
      { kind: 'ct', number: 2, description: 'Thorax 3 mm injecté', bodyPart: 'CHEST', slices: 100, spacingMm: 3, pixelSpacingMm: 0.78125, firstZ: 190, transferSyntaxUid: rleLossless, contrast: true, noduleDiameterMm: 6 },
    ],
  },
  {
    key: 'cgfl/B-778899/ct-tap-2026-06-30', patient: person1Cgfl, date: '20260630', time: '140807',
    accessionNumber: 'CACB26-000777', studyId: '777', description: 'TDM TAP', referringPhysician: 'GARNIER^LOUIS',
    series: [
      { kind: 'ct', number: 3, description: 'TAP portal 5 mm', bodyPart: 'CHESTABDPELVIS', slices: 80, spacingMm: 5, pixelSpacingMm: 0.8, firstZ: 192, transferSyntaxUid: jpeg2000Lossless, contrast: true, noduleDiameterMm: 10, reverseInstanceNumbers: true },
      { kind: 'pdf', number: 99, description: 'Compte rendu (PDF)', report: reportCgflTap2026 },
    ],
  },
  {
    key: 'chu/A100001/irm-cerebrale-2026-01-02', patient: person1Chu, date: '20260102', time: '163010',
    accessionNumber: 'CHU26-000042', studyId: '42', description: 'IRM CEREBRALE', referringPhysician: 'MOREAU^ANNE',
    series: [
      { kind: 'mr', number: 3, description: 'T1 SE axial', weighting: 'T1', slices: 24 },
      { kind: 'mr', number: 4, description: 'T2 TSE axial', weighting: 'T2', slices: 24 },
    ],
  },
  {
    key: 'chu/A100002/ct-abdomen-2026-10-02', patient: person2, date: '20261002', time: '111045',
    accessionNumber: 'CHU26-001102', studyId: '1102', description: 'TDM ABDOMEN', referringPhysician: 'ROUSSEAU^CÉCILE',
    series: [
      { kind: 'ct', number: 2, description: 'Abdomen portal 5 mm', bodyPart: 'ABDOMEN', slices: 60, spacingMm: 5, pixelSpacingMm: 0.76171875, firstZ: 20, transferSyntaxUid: explicitVrLittleEndian, contrast: true, noduleDiameterMm: 0 },
    ],
  },
  {
    key: 'chu/300042/ct-thorax-2026-10-20', patient: person3, date: '20261020', time: '101500',
    accessionNumber: 'CHU26-001020', studyId: '1020', description: 'TDM THORAX CONTROLE', referringPhysician: 'MOREAU^ANNE',
    series: [
      { kind: 'ct', number: 2, description: 'Série test corrompue', bodyPart: 'CHEST', slices: 10, spacingMm: 5, pixelSpacingMm: 0.78125, firstZ: 120, transferSyntaxUid: jpegLsLossless, contrast: false, noduleDiameterMm: 0, corruptSlice: 4 },
    ],
  },
  {
    key: 'chu/300042/ct-thorax-2026-08-15', patient: person3, date: '20260815', time: '083020',
    accessionNumber: 'CHU26-000815', studyId: '815', description: 'TDM THORAX', referringPhysician: 'MOREAU^ANNE',
    series: [
      { kind: 'ct', number: 2, description: 'Thorax 5 mm sans injection', bodyPart: 'CHEST', slices: 60, spacingMm: 5, pixelSpacingMm: 0.78125, firstZ: 200, transferSyntaxUid: implicitVrLittleEndian, contrast: false, noduleDiameterMm: 0 },
    ],
  },
  {
    key: 'cgfl/300042/radio-thorax-2026-09-20', patient: person4, date: '20260920', time: '095500',
    accessionNumber: 'CACB26-000920', studyId: '920', description: 'RADIO THORAX', referringPhysician: 'GARNIER^LOUIS',
    series: [{ kind: 'cr', number: 1, description: 'Thorax face PA' }],
  },
  {
    key: 'cgfl/300042/ct-thorax-capture-2026-09-25', patient: person4, date: '20260925', time: '152240',
    accessionNumber: 'CACB26-000925', studyId: '925', description: 'TDM THORAX BASSE DOSE', referringPhysician: 'GARNIER^LOUIS',
    series: [{ kind: 'sc-multiframe', number: 5, description: 'Coupes axiales (capture multiframe)', frames: 20 }],
  },
  {
    key: 'chu/QC-0001/controle-qualite-codecs', patient: qcPhantom, date: '20261101', time: '070000',
    accessionNumber: 'CHU26-QC0001', studyId: 'QC1', description: 'CONTROLE QUALITE CODECS', referringPhysician: 'PHYSIQUE^MEDICALE',
    series: qcCases.map((qc) => ({ kind: 'qc', number: qc.number, description: qc.description, images: 2 })),
  },
  radiograph(person5Chu, '20250311', 'CHU25-000311', '311'),
  radiograph(person5Cgfl, '20260722', 'CACB26-000722', '722'),
  radiograph(person6, '20260204', 'CHU26-000204', '204'),
  radiograph(person7, '20260204', 'CHU26-000205', '205'),
  radiograph(person8Chu, '20240916', 'CHU24-000916', '916'),
  radiograph(person8Cgfl, '20260510', 'CACB26-000510', '510'),
];

/** Each patient of the demo as its site knows it, once (the patients of `demoStudies`). */
export function demoPatients(): DemoPatient[] {
  const seen = new Map<string, DemoPatient>();
  for (const { patient } of demoStudies) seen.set(`${patient.site}/${patient.patientId}`, patient);
  return [...seen.values()];
}

/** Slices of a CT or MR series when generating a reduced set (`sliceScale` < 1): at least 2. */
export function scaledSliceCount(slices: number, sliceScale: number): number {
  return Math.max(2, Math.min(slices, Math.round(slices * sliceScale)));
}
