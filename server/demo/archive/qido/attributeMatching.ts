/**
 * Attribute matching of QIDO-RS query keys (PS3.18 §8.3.4.1, semantics of PS3.4 §C.2.2.2):
 * - Universal Matching (§C.2.2.2.3): an empty value matches everything;
 * - List of UID Matching (§C.2.2.2.2): UIDs separated by backslash or comma (PS3.18 §8.3.4.1);
 * - Range Matching (§C.2.2.2.5) for DA, TM and DT: `a-b`, `-b`, `a-`, or a single value;
 * - Wild Card Matching (§C.2.2.2.4): `*` and `?`; Person Names case-insensitively (as §C.2.2.2.1 permits);
 * - Single Value Matching (§C.2.2.2.1) otherwise, exact; numbers by value;
 * - Multiple Value Matching (§C.2.2.2.8): backslash-separated alternatives for code strings.
 * An attribute with several values matches when any of its values does.
 */
import { valueAsText } from '../dicom/datasetValues.ts';
import { badRequest } from '../http/httpProblem.ts';

export type ValueMatcher = (values: readonly unknown[]) => boolean;

const NUMERIC_VRS = new Set(['IS', 'DS', 'US', 'SS', 'UL', 'SL', 'FL', 'FD', 'SV', 'UV']);
const UNMATCHABLE_VRS = new Set(['SQ', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const MULTIPLE_VALUE_VRS = new Set(['CS', 'AE', 'SH', 'LO']);

const DATE = /^\d{8}$/;
const TIME = /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/;
const DATE_TIME = /^\d{4}(\d{2}(\d{2}(\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?)?)?)?([+-]\d{4})?$/;

function wildcardRegExp(pattern: string, flags: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}

/** Canonical text of a temporal value for comparison; lower bounds pad with 0, upper bounds with 9. */
function temporalKey(vr: string, value: string, upper: boolean): string {
  const pad = upper ? '9' : '0';
  if (vr === 'DA') return value;
  if (vr === 'TM') {
    const [whole = '', fraction = ''] = value.split('.');
    return `${whole.padEnd(6, pad)}.${fraction.padEnd(6, pad)}`;
  }
  const withoutOffset = value.replace(/[+-]\d{4}$/, '');
  const [whole = '', fraction = ''] = withoutOffset.split('.');
  return `${whole.padEnd(14, pad)}.${fraction.padEnd(6, pad)}`;
}

/** Splits a range at the `-` that leaves a valid value (or nothing) on both sides; a single value is its own range. */
function splitRange(query: string, format: RegExp): [string, string] | undefined {
  const valid = (text: string) => text === '' || format.test(text);
  if (format.test(query)) return [query, query];
  for (let dash = query.indexOf('-'); dash >= 0; dash = query.indexOf('-', dash + 1)) {
    const lower = query.slice(0, dash);
    const upper = query.slice(dash + 1);
    if (valid(lower) && valid(upper) && (lower !== '' || upper !== '')) return [lower, upper];
  }
  return undefined;
}

function rangeMatcher(vr: string, query: string, name: string): ValueMatcher {
  const format = vr === 'DA' ? DATE : vr === 'TM' ? TIME : DATE_TIME;
  const range = splitRange(query, format);
  if (!range) {
    throw badRequest(`${name}: "${query}" is not a ${vr} value or range (PS3.4 §C.2.2.2.5; e.g. 20240131, 20240101-20240131, -20240131)`);
  }
  const [lower, upper] = range;
  const low = lower === '' ? undefined : temporalKey(vr, lower, false);
  const high = upper === '' ? undefined : temporalKey(vr, upper, true);
  return (values) =>
    values.some((value) => {
      const text = valueAsText(value)?.trim();
      if (!text || !format.test(text)) return false;
      const key = temporalKey(vr, text, false);
      return (low === undefined || key >= low) && (high === undefined || key <= high);
    });
}

function normalizePersonName(text: string): string {
  return text.replace(/[\^=\s]+$/, '').toLowerCase();
}

export function buildMatcher(vr: string, query: string, name: string): ValueMatcher {
  if (query === '') return () => true;
  if (UNMATCHABLE_VRS.has(vr)) throw badRequest(`${name}: matching on ${vr} attributes is not supported`);
  if (vr === 'UI') {
    const uids = new Set(query.split(/[\\,]/).map((uid) => uid.trim()).filter((uid) => uid !== ''));
    return (values) => values.some((value) => typeof value === 'string' && uids.has(value.trim()));
  }
  if (vr === 'DA' || vr === 'TM' || vr === 'DT') return rangeMatcher(vr, query, name);
  if (NUMERIC_VRS.has(vr)) {
    const wanted = query.split('\\').map(Number);
    if (wanted.some((number) => !Number.isFinite(number))) throw badRequest(`${name}: "${query}" is not a number`);
    return (values) => values.some((value) => wanted.includes(Number(valueAsText(value))));
  }
  if (vr === 'PN') {
    const pattern = /[*?]/.test(query) ? wildcardRegExp(normalizePersonName(query), 'is') : undefined;
    const exact = normalizePersonName(query);
    return (values) =>
      values.some((value) => {
        const text = normalizePersonName(valueAsText(value) ?? '');
        return pattern ? pattern.test(text) : text === exact;
      });
  }
  const alternatives = MULTIPLE_VALUE_VRS.has(vr) ? query.split('\\') : [query];
  const tests = alternatives.map((alternative) => {
    if (/[*?]/.test(alternative)) {
      const pattern = wildcardRegExp(alternative, 's');
      return (text: string) => pattern.test(text);
    }
    return (text: string) => text === alternative;
  });
  return (values) =>
    values.some((value) => {
      const text = valueAsText(value)?.trim();
      return text !== undefined && tests.some((test) => test(text));
    });
}
