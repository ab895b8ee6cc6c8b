/**
 * The attributes the worklist reads, by keyword (PS3.6 §6, Registry of DICOM Data Elements), as the
 * eight-hex-digit tags DICOM JSON uses for its keys (PS3.18 §F.2.1.1).
 */
export const DICOM_TAGS = {
  SpecificCharacterSet: '00080005',
  SOPClassUID: '00080016',
  SOPInstanceUID: '00080018',
  StudyDate: '00080020',
  SeriesDate: '00080021',
  StudyTime: '00080030',
  SeriesTime: '00080031',
  AccessionNumber: '00080050',
  Modality: '00080060',
  ModalitiesInStudy: '00080061',
  SOPClassesInStudy: '00080062',
  InstitutionName: '00080080',
  ReferringPhysicianName: '00080090',
  TimezoneOffsetFromUTC: '00080201',
  StudyDescription: '00081030',
  SeriesDescription: '0008103E',
  RetrieveURL: '00081190',
  PatientName: '00100010',
  PatientID: '00100020',
  IssuerOfPatientID: '00100021',
  IssuerOfPatientIDQualifiersSequence: '00100024',
  PatientBirthDate: '00100030',
  PatientSex: '00100040',
  OtherPatientIDsSequence: '00101002',
  BodyPartExamined: '00180015',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  StudyID: '00200010',
  SeriesNumber: '00200011',
  InstanceNumber: '00200013',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  NumberOfSeriesRelatedInstances: '00201209',
} as const;

/** A keyword of {@link DICOM_TAGS}. */
export type DicomKeyword = keyof typeof DICOM_TAGS;

/** A tag of {@link DICOM_TAGS}, eight upper-case hexadecimal digits (`0020000D`). */
export type DicomTag = (typeof DICOM_TAGS)[DicomKeyword];

const keywordsByTag = new Map<string, DicomKeyword>(
  (Object.entries(DICOM_TAGS) as [DicomKeyword, string][]).map(([keyword, tag]) => [tag, keyword]),
);

/** The tag of a keyword the worklist knows (`tagOf('PatientName') === '00100010'`). */
export function tagOf(keyword: DicomKeyword): DicomTag {
  return DICOM_TAGS[keyword];
}

/** The keyword of a tag the worklist knows, in any case (`0020000d` too), or `undefined`. */
export function keywordOf(tag: string): DicomKeyword | undefined {
  return keywordsByTag.get(tag.toUpperCase());
}

/**
 * A tag as DICOM JSON keys it (PS3.18 §F.2.1.1: eight upper-case hexadecimal digits), from that form, the
 * lower-case form, `(0010,0010)`, `0010,0010` or a known keyword; `undefined` for anything else.
 */
export function normalizeTag(tagOrKeyword: string): string | undefined {
  if (Object.hasOwn(DICOM_TAGS, tagOrKeyword)) return DICOM_TAGS[tagOrKeyword as DicomKeyword];
  const compact = tagOrKeyword.replace(/^\(?([0-9A-Fa-f]{4}),?([0-9A-Fa-f]{4})\)?$/, '$1$2');
  return /^[0-9A-Fa-f]{8}$/.test(compact) ? compact.toUpperCase() : undefined;
}
