/**
 * Branded identifiers. A branded string is a plain string at run time, but the compiler refuses to pass a
 * Series Instance UID where a Study Instance UID is expected, or a site's patient ID where a site id is.
 * Each brand is obtained only through a constructor that validates its syntax.
 */

declare const brand: unique symbol;

/** A string whose meaning the compiler tracks; build one only through its validating constructor. */
export type Brand<T, Name extends string> = T & { readonly [brand]: Name };

/** Study Instance UID (0020,000D). */
export type StudyUid = Brand<string, 'StudyUid'>;
/** Series Instance UID (0020,000E). */
export type SeriesUid = Brand<string, 'SeriesUid'>;
/** SOP Instance UID (0008,0018). */
export type SopInstanceUid = Brand<string, 'SopInstanceUid'>;
/** A configured site's id (deployment contract §2: `[a-z0-9-]+`). */
export type SiteId = Brand<string, 'SiteId'>;

/**
 * How strictly a UID is checked.
 * - `strict`: PS3.5 §9.1 to the letter.
 * - `archive`: also accepts components with a leading zero (`1.2.03`), a common non-conformance of stored
 *   objects that archives serve as is; refusing it would hide studies that can still be retrieved.
 */
export type UidStrictness = 'strict' | 'archive';

const MAX_UID_LENGTH = 64;

/**
 * Why a text is not a UID per PS3.5 §9.1 (at most 64 characters, digits and `.`, no empty component, at
 * least two components, no leading zero in a component other than `0` itself), or `undefined` when it is one.
 * Trailing NUL and space padding (PS3.5 §6.2, VR UI) is not part of the value and is ignored.
 */
export function uidSyntaxProblem(text: string, strictness: UidStrictness = 'strict'): string | undefined {
  const value = stripUidPadding(text);
  if (value === '') return 'is empty';
  if (value.length > MAX_UID_LENGTH) return `is longer than ${MAX_UID_LENGTH} characters`;
  if (!/^[0-9.]+$/.test(value)) return 'contains characters other than digits and "."';
  const components = value.split('.');
  if (components.some((component) => component === '')) return 'has an empty component';
  if (components.length < 2) return 'has a single component';
  if (strictness === 'strict' && components.some((component) => component.length > 1 && component.startsWith('0'))) {
    return 'has a component with a leading zero';
  }
  return undefined;
}

function stripUidPadding(text: string): string {
  return text.replace(/[\0 ]+$/, '');
}

function asUid(value: unknown, strictness: UidStrictness): string | undefined {
  if (typeof value !== 'string') return undefined;
  return uidSyntaxProblem(value, strictness) === undefined ? stripUidPadding(value) : undefined;
}

/** A Study Instance UID when `value` is a UID (PS3.5 §9.1), otherwise `undefined`. */
export function asStudyUid(value: unknown, strictness: UidStrictness = 'strict'): StudyUid | undefined {
  return asUid(value, strictness) as StudyUid | undefined;
}

/** A Series Instance UID when `value` is a UID (PS3.5 §9.1), otherwise `undefined`. */
export function asSeriesUid(value: unknown, strictness: UidStrictness = 'strict'): SeriesUid | undefined {
  return asUid(value, strictness) as SeriesUid | undefined;
}

/** A SOP Instance UID when `value` is a UID (PS3.5 §9.1), otherwise `undefined`. */
export function asSopInstanceUid(value: unknown, strictness: UidStrictness = 'strict'): SopInstanceUid | undefined {
  return asUid(value, strictness) as SopInstanceUid | undefined;
}

/** A site id when `value` matches `[a-z0-9-]+` (deployment contract §2), otherwise `undefined`. */
export function asSiteId(value: unknown): SiteId | undefined {
  return typeof value === 'string' && /^[a-z0-9-]+$/.test(value) ? (value as SiteId) : undefined;
}
