/**
 * The text of the demo's radiology reports (French, synthetic). The same structure feeds the Basic Text SR and
 * the PDF report. Section headings carry DICOM codes from CID 7001 "Diagnostic Imaging Report Headings"
 * (PS3.16), with French code meanings.
 */

export interface CodedConcept {
  value: string;
  scheme: string;
  meaning: string;
}

export interface ReportSection {
  heading: CodedConcept;
  paragraphs: readonly string[];
}

export interface ReportText {
  title: string;
  /** LOINC 18748-4 "Diagnostic Imaging Report". */
  documentCode: CodedConcept;
  author: string;
  organization: string;
  /** DA and TM of the report's signature. */
  date: string;
  time: string;
  sections: readonly ReportSection[];
}

export const diagnosticImagingReport: CodedConcept = { value: '18748-4', scheme: 'LN', meaning: 'Diagnostic Imaging Report' };

const indication: CodedConcept = { value: '121109', scheme: 'DCM', meaning: 'Indication' };
const technique: CodedConcept = { value: '121064', scheme: 'DCM', meaning: 'Technique' };
const findings: CodedConcept = { value: '121070', scheme: 'DCM', meaning: 'Résultats' };
const conclusion: CodedConcept = { value: '121076', scheme: 'DCM', meaning: 'Conclusion' };

/** Report of the current chest CT at the CHU (person 1, 18/11/2026). */
export const reportChuCt2026: ReportText = {
  title: 'Compte rendu - TDM thoracique',
  documentCode: diagnosticImagingReport,
  author: 'LEROY^THOMAS',
  organization: 'CHU Val-de-Saône (démo) - Imagerie',
  date: '20261118',
  time: '113000',
  sections: [
    { heading: indication, paragraphs: ['Surveillance d\'un nodule pulmonaire du lobe supérieur droit.'] },
    {
      heading: technique,
      paragraphs: ['Acquisition hélicoïdale thoracique après injection de produit de contraste iodé, coupes de 2,5 mm.'],
    },
    {
      heading: findings,
      paragraphs: [
        'Nodule solide du lobe supérieur droit mesurant 14 mm, contre 10 mm sur le scanner du 30/06/2026 (CACB) et 6 mm sur celui du 10/05/2025.',
        'Pas d\'autre nodule. Pas d\'adénomégalie médiastinale ni hilaire. Pas d\'épanchement pleural ni péricardique.',
      ],
    },
    {
      heading: conclusion,
      paragraphs: ['Augmentation de taille du nodule pulmonaire du lobe supérieur droit (6 puis 10 puis 14 mm). Discussion en réunion de concertation pluridisciplinaire recommandée.'],
    },
  ],
};

/** Report of the chest-abdomen-pelvis CT at the cancer centre (person 1, 30/06/2026), published as a PDF. */
export const reportCgflTap2026: ReportText = {
  title: 'Compte rendu - TDM thoraco-abdomino-pelvienne',
  documentCode: diagnosticImagingReport,
  author: 'FAURE^JULIE',
  organization: 'Centre anticancéreux de Bourgogne (démo) - Radiologie',
  date: '20260630',
  time: '162000',
  sections: [
    { heading: indication, paragraphs: ['Bilan d\'un nodule pulmonaire droit connu.'] },
    { heading: technique, paragraphs: ['Acquisition thoraco-abdomino-pelvienne au temps portal, coupes de 5 mm.'] },
    {
      heading: findings,
      paragraphs: [
        'Nodule du lobe supérieur droit de 10 mm, en augmentation (6 mm en mai 2025).',
        'Foie, rate, pancréas et reins sans anomalie. Pas d\'adénopathie abdomino-pelvienne.',
      ],
    },
    { heading: conclusion, paragraphs: ['Nodule pulmonaire droit en croissance. Contrôle scanographique à 3 mois.'] },
  ],
};

/** "20261118" → "18/11/2026". */
export function frenchDate(date: string): string {
  return `${date.slice(6, 8)}/${date.slice(4, 6)}/${date.slice(0, 4)}`;
}
