/**
 * A DICOM Structured Report (PS3.3 §C.17) as a readable document: its title, flags, observers, content date and
 * content tree. The tree is walked generically (SR Document Content module, §C.17.3, value types of
 * §C.18), so Basic Text SR (§A.35.1), Enhanced SR (§A.35.2) and Comprehensive SR (§A.35.3) read alike. Input is
 * the WADO-RS metadata of the instance (PS3.18 §10.4, DICOM JSON), untrusted: unknown value types are left out,
 * depth and size are capped, and nothing here throws.
 */
import { isDicomJsonDataset, personName, sequenceItems, stringValue, stringValues, type DicomJsonDataset } from '../dicom/dicomJson.ts';
import { formatPersonName } from '../dicom/personNameDisplay.ts';

/** Deepest nesting of content items read (Comprehensive SR trees rarely pass ten). */
export const MAX_CONTENT_DEPTH = 24;
/** Most content items read from one report; the rest is reported as cut. */
export const MAX_CONTENT_ITEMS = 4000;
/** Longest text kept from one value (UT may hold up to 2³²−2 characters). */
export const MAX_TEXT_LENGTH = 20_000;

/** One node of the readable content tree. */
export type ReportNode =
  /** CONTAINER (§C.18.8): a headed section. */
  | { kind: 'section'; heading: string | undefined; children: ReportNode[] }
  /** TEXT, CODE, NUM, PNAME, UIDREF (§C.18.1–C.18.4, §C.18.6): a value as text. */
  | { kind: 'text'; concept: string | undefined; text: string }
  /** DATE, TIME, DATETIME (§C.18.7): the DICOM DA/TM/DT value, formatted by the display. */
  | { kind: 'date' | 'time' | 'datetime'; concept: string | undefined; value: string }
  /** IMAGE, COMPOSITE, WAVEFORM (§C.18.3): a reference to another instance, shown but not followed. */
  | { kind: 'reference'; concept: string | undefined; sopInstanceUid: string | undefined }
  /** SCOORD, SCOORD3D, TCOORD (§C.18.5, §C.18.9): coordinates, named but not drawn. */
  | { kind: 'coordinates'; concept: string | undefined; graphicType: string | undefined };

/** Someone who wrote, verified or took part in the report (§C.17.2). */
export interface ReportObserver {
  role: 'author' | 'verifier' | 'participant';
  name: string;
  organization: string | undefined;
  /** DICOM DT of the verification, when given. */
  dateTime: string | undefined;
}

/** A Structured Report ready to display. */
export interface StructuredReport {
  title: string | undefined;
  /** Completion Flag (0040,A491): `COMPLETE` or `PARTIAL`. */
  completion: string | undefined;
  /** Verification Flag (0040,A493): `VERIFIED` or `UNVERIFIED`. */
  verification: string | undefined;
  observers: ReportObserver[];
  /** Content Date (0008,0023), DA. */
  contentDate: string | undefined;
  /** Content Time (0008,0033), TM. */
  contentTime: string | undefined;
  content: ReportNode[];
  /** Whether part of the tree was left out for being too deep or too large. */
  truncated: boolean;
}

const T = {
  valueType: '0040A040',
  conceptName: '0040A043',
  content: '0040A730',
  relationship: '0040A010',
  textValue: '0040A160',
  conceptCode: '0040A168',
  measuredValue: '0040A300',
  numericValue: '0040A30A',
  units: '004008EA',
  dateTime: '0040A120',
  date: '0040A121',
  time: '0040A122',
  personName: '0040A123',
  uid: '0040A124',
  referencedSop: '00081199',
  referencedSopInstance: '00081155',
  graphicType: '00700023',
  codeMeaning: '00080104',
  codeValue: '00080100',
  completion: '0040A491',
  verification: '0040A493',
  contentDate: '00080023',
  contentTime: '00080033',
  verifyingObservers: '0040A073',
  verifyingName: '0040A075',
  verifyingOrganization: '0040A027',
  verificationDateTime: '0040A030',
  authorObservers: '0040A078',
  participants: '0040A07A',
  observerType: '0040A084',
  institutionName: '00080080',
  documentTitle: '00420010',
} as const;

/** Person Observer Name (DCM 121008), in an observer context (TID 1003). */
const PERSON_OBSERVER_NAME = '121008';

function clip(text: string): string {
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
}

/** The Code Meaning of the first item of a code sequence (PS3.3 §8.8). */
function codeMeaning(item: unknown, tag: string): string | undefined {
  const code = sequenceItems(item, tag)[0];
  return code === undefined ? undefined : stringValue(code, T.codeMeaning);
}

function codeValueOf(item: unknown, tag: string): string | undefined {
  const code = sequenceItems(item, tag)[0];
  return code === undefined ? undefined : stringValue(code, T.codeValue);
}

function personText(dataset: unknown, tag: string): string | undefined {
  const name = formatPersonName(personName(dataset, tag));
  return name === '' ? undefined : name;
}

/** `14 mm`: Numeric Value with the Code Meaning (or, failing it, the code) of its units (§C.18.1). */
function numericText(item: DicomJsonDataset): string | undefined {
  const measured = sequenceItems(item, T.measuredValue)[0];
  if (measured === undefined) return undefined;
  const value = stringValue(measured, T.numericValue);
  if (value === undefined) return undefined;
  const units = codeValueOf(measured, T.units) === '1' ? undefined : (codeMeaning(measured, T.units) ?? codeValueOf(measured, T.units));
  return units ? `${value} ${units}` : value;
}

interface Walk {
  items: number;
  truncated: boolean;
  observerNames: string[];
}

function readItem(item: DicomJsonDataset, depth: number, walk: Walk): ReportNode | undefined {
  const valueType = stringValue(item, T.valueType)?.toUpperCase();
  const concept = codeMeaning(item, T.conceptName);
  switch (valueType) {
    case 'CONTAINER':
      return { kind: 'section', heading: concept, children: readChildren(item, depth + 1, walk) };
    case 'TEXT': {
      const text = stringValues(item, T.textValue).join('\n');
      return text === '' ? undefined : { kind: 'text', concept, text: clip(text) };
    }
    case 'CODE': {
      const text = codeMeaning(item, T.conceptCode) ?? codeValueOf(item, T.conceptCode);
      return text === undefined ? undefined : { kind: 'text', concept, text: clip(text) };
    }
    case 'NUM': {
      const text = numericText(item);
      return text === undefined ? undefined : { kind: 'text', concept, text: clip(text) };
    }
    case 'PNAME': {
      const text = personText(item, T.personName);
      if (text !== undefined && codeValueOf(item, T.conceptName) === PERSON_OBSERVER_NAME) walk.observerNames.push(text);
      return text === undefined ? undefined : { kind: 'text', concept, text: clip(text) };
    }
    case 'UIDREF': {
      const text = stringValue(item, T.uid);
      return text === undefined ? undefined : { kind: 'text', concept, text: clip(text) };
    }
    case 'DATE':
    case 'TIME':
    case 'DATETIME': {
      const tag = valueType === 'DATE' ? T.date : valueType === 'TIME' ? T.time : T.dateTime;
      const value = stringValue(item, tag);
      const kind = valueType === 'DATE' ? 'date' : valueType === 'TIME' ? 'time' : 'datetime';
      return value === undefined ? undefined : { kind, concept, value: clip(value) };
    }
    case 'IMAGE':
    case 'COMPOSITE':
    case 'WAVEFORM': {
      const reference = sequenceItems(item, T.referencedSop)[0];
      return { kind: 'reference', concept, sopInstanceUid: reference === undefined ? undefined : stringValue(reference, T.referencedSopInstance) };
    }
    case 'SCOORD':
    case 'SCOORD3D':
    case 'TCOORD':
      return { kind: 'coordinates', concept, graphicType: stringValue(item, T.graphicType) };
    default:
      return undefined;
  }
}

function readChildren(parent: unknown, depth: number, walk: Walk): ReportNode[] {
  const items = sequenceItems(parent, T.content);
  if (items.length === 0) return [];
  if (depth > MAX_CONTENT_DEPTH) {
    walk.truncated = true;
    return [];
  }
  const nodes: ReportNode[] = [];
  for (const item of items) {
    if (walk.items >= MAX_CONTENT_ITEMS) {
      walk.truncated = true;
      break;
    }
    walk.items += 1;
    const node = readItem(item, depth, walk);
    if (node !== undefined) nodes.push(node);
  }
  return nodes;
}

function observers(instance: DicomJsonDataset, fromContent: readonly string[]): ReportObserver[] {
  const found: ReportObserver[] = [];
  for (const item of sequenceItems(instance, T.authorObservers)) {
    const type = stringValue(item, T.observerType)?.toUpperCase();
    const name = personText(item, T.personName);
    if (name !== undefined && (type === undefined || type === 'PSN')) {
      found.push({ role: 'author', name, organization: stringValue(item, T.institutionName), dateTime: undefined });
    }
  }
  for (const item of sequenceItems(instance, T.participants)) {
    const type = stringValue(item, T.observerType)?.toUpperCase();
    const name = personText(item, T.personName);
    if (name !== undefined && (type === undefined || type === 'PSN')) {
      found.push({ role: 'participant', name, organization: stringValue(item, T.institutionName), dateTime: undefined });
    }
  }
  for (const item of sequenceItems(instance, T.verifyingObservers)) {
    const name = personText(item, T.verifyingName);
    if (name !== undefined) {
      found.push({ role: 'verifier', name, organization: stringValue(item, T.verifyingOrganization), dateTime: stringValue(item, T.verificationDateTime) });
    }
  }
  for (const name of fromContent) {
    if (!found.some((observer) => observer.name === name)) found.push({ role: 'author', name, organization: undefined, dateTime: undefined });
  }
  return found.slice(0, 20);
}

/**
 * Reads one SR instance from its DICOM JSON metadata (the object, or the one-element array WADO-RS answers).
 * Never throws: anything unreadable gives an empty report.
 */
export function readStructuredReport(metadata: unknown): StructuredReport {
  const instance = Array.isArray(metadata) ? metadata[0] : metadata;
  const walk: Walk = { items: 0, truncated: false, observerNames: [] };
  if (!isDicomJsonDataset(instance)) {
    return { title: undefined, completion: undefined, verification: undefined, observers: [], contentDate: undefined, contentTime: undefined, content: [], truncated: false };
  }
  const content = readChildren(instance, 1, walk);
  return {
    title: codeMeaning(instance, T.conceptName) ?? stringValue(instance, T.documentTitle),
    completion: stringValue(instance, T.completion)?.toUpperCase(),
    verification: stringValue(instance, T.verification)?.toUpperCase(),
    observers: observers(instance, walk.observerNames),
    contentDate: stringValue(instance, T.contentDate),
    contentTime: stringValue(instance, T.contentTime),
    content,
    truncated: walk.truncated,
  };
}
