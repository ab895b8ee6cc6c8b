/**
 * Typed, defensive reading of the DICOM JSON model (PS3.18 §F.2): a dataset is an object keyed by tags
 * (`"00100010"`), each attribute holding its `vr` and, when not empty, a `Value` array (§F.2.2–F.2.5).
 * Input comes from archives and is untrusted: every reader accepts `unknown`, tolerates a missing `Value`,
 * numbers sent as strings and strings sent as numbers, and answers `undefined` (or an empty list) instead of
 * throwing on anything malformed.
 */
import { normalizeTag } from './tags.ts';

/** The three component groups of a Person Name value (PS3.18 §F.2.2, PS3.5 §6.2.1). */
export interface PersonNameGroups {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}

/** One attribute of a DICOM JSON dataset (PS3.18 §F.2.2). */
export interface DicomJsonAttribute {
  vr?: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}

/** A DICOM JSON dataset: attributes keyed by eight-hex-digit tags (PS3.18 §F.2.1.1). */
export type DicomJsonDataset = Readonly<Record<string, DicomJsonAttribute>>;

/** Value representations whose values may legitimately contain a backslash (PS3.5 §6.2). */
const TEXT_VRS = new Set(['LT', 'ST', 'UT', 'UR']);

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` has the shape of a DICOM JSON dataset (a plain object, not an array). */
export function isDicomJsonDataset(value: unknown): value is DicomJsonDataset {
  return isPlainObject(value);
}

/** The attribute `tag` (tag or known keyword) of `dataset`, or `undefined`. */
export function attributeOf(dataset: unknown, tag: string): DicomJsonAttribute | undefined {
  const key = normalizeTag(tag);
  if (key === undefined || !isPlainObject(dataset)) return undefined;
  try {
    if (!Object.hasOwn(dataset, key)) return undefined;
    const attribute = dataset[key];
    return isPlainObject(attribute) ? (attribute as DicomJsonAttribute) : undefined;
  } catch {
    return undefined;
  }
}

/** The Value Representation of an attribute (`"PN"`), or `undefined`. */
export function vrOf(dataset: unknown, tag: string): string | undefined {
  const vr = attributeOf(dataset, tag)?.vr;
  return typeof vr === 'string' ? vr : undefined;
}

/** The raw `Value` array of an attribute; empty when the attribute is absent, empty or malformed. */
export function valuesOf(dataset: unknown, tag: string): readonly unknown[] {
  const values = attributeOf(dataset, tag)?.Value;
  return Array.isArray(values) ? values : [];
}

function personNameText(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  for (const group of ['Alphabetic', 'Ideographic', 'Phonetic'] as const) {
    const text = value[group];
    if (typeof text === 'string' && text.trim() !== '') return text.trim();
  }
  return undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return personNameText(value);
}

/**
 * Every string value of an attribute, trimmed of padding (PS3.5 §6.2), empty values left out. Numbers become
 * their decimal text; a Person Name gives its first non-empty group. A value holding backslashes is split into
 * several values (PS3.5 §6.4), as some archives send `"CT\\MR"` for a multi-valued CS, except for VRs whose
 * values may contain a backslash (LT, ST, UT, UR).
 */
export function stringValues(dataset: unknown, tag: string): string[] {
  const vr = vrOf(dataset, tag);
  const splits = vr === undefined || !TEXT_VRS.has(vr);
  const result: string[] = [];
  for (const value of valuesOf(dataset, tag)) {
    const text = textOf(value);
    if (text === undefined) continue;
    for (const part of splits ? text.split('\\') : [text]) {
      const trimmed = part.replace(/[\0\s]+$/, '');
      const clean = splits ? trimmed.trimStart() : trimmed;
      if (clean !== '') result.push(clean);
    }
  }
  return result;
}

/** The first string value of an attribute (see {@link stringValues}), or `undefined`. */
export function stringValue(dataset: unknown, tag: string): string | undefined {
  return stringValues(dataset, tag)[0];
}

/** A number from a JSON number or from IS/DS text (PS3.5 §6.2), finite only; otherwise `undefined`. */
export function toFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!DECIMAL.test(text)) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/** Every numeric value of an attribute (IS, DS, US, UL, FL, FD…), strings parsed, non-numbers left out. */
export function numberValues(dataset: unknown, tag: string): number[] {
  const result: number[] = [];
  for (const value of valuesOf(dataset, tag)) {
    const parts = typeof value === 'string' ? value.split('\\') : [value];
    for (const part of parts) {
      const number = toFiniteNumber(part);
      if (number !== undefined) result.push(number);
    }
  }
  return result;
}

/** The first numeric value of an attribute (see {@link numberValues}), or `undefined`. */
export function numberValue(dataset: unknown, tag: string): number | undefined {
  return numberValues(dataset, tag)[0];
}

/**
 * The groups of one Person Name value: the JSON object form (PS3.18 §F.2.2) or, as some archives send, the
 * PS3.5 §6.2 text form `Alphabetic=Ideographic=Phonetic`; `undefined` when every group is empty.
 */
export function toPersonNameGroups(value: unknown): PersonNameGroups | undefined {
  const groups: PersonNameGroups = {};
  if (typeof value === 'string') {
    // Not the JSON model (§F.2.2), but sent by some archives: the PS3.5 §6.2 text form `A=I=P`.
    const [alphabetic, ideographic, phonetic] = value.split('=');
    if (alphabetic?.trim()) groups.Alphabetic = alphabetic.trim();
    if (ideographic?.trim()) groups.Ideographic = ideographic.trim();
    if (phonetic?.trim()) groups.Phonetic = phonetic.trim();
  } else if (isPlainObject(value)) {
    for (const group of ['Alphabetic', 'Ideographic', 'Phonetic'] as const) {
      const text = value[group];
      if (typeof text === 'string' && text.trim() !== '') groups[group] = text.trim();
    }
  }
  return Object.keys(groups).length > 0 ? groups : undefined;
}

/** Every Person Name value of an attribute (PS3.18 §F.2.2), empty ones left out. */
export function personNames(dataset: unknown, tag: string): PersonNameGroups[] {
  return valuesOf(dataset, tag).flatMap((value) => toPersonNameGroups(value) ?? []);
}

/** The first Person Name value of an attribute, or `undefined` (see {@link personNames}). */
export function personName(dataset: unknown, tag: string): PersonNameGroups | undefined {
  return personNames(dataset, tag)[0];
}

/** The items of a sequence attribute (VR SQ, PS3.18 §F.2.4) that are datasets. */
export function sequenceItems(dataset: unknown, tag: string): DicomJsonDataset[] {
  return valuesOf(dataset, tag).filter(isDicomJsonDataset);
}
