/**
 * The query parameters of a QIDO-RS request (PS3.18 §8.3.4): `{attributeID}={value}` match keys, where the
 * attribute is a keyword or an eight-hex-digit tag (§8.3.4.1); `includefield` (§8.3.4.3: a list of attributes, or
 * `all`), `fuzzymatching` (§8.3.4.2, accepted and not applied), `limit` and `offset` (§8.3.4.4).
 */
import { normalizeTag, tagOfKeyword, vrOfTag } from '../dicom/dcmjsApi.ts';
import { badRequest } from '../http/httpProblem.ts';
import { buildMatcher, type ValueMatcher } from './attributeMatching.ts';

export interface QueryKey {
  tag: string;
  vr: string;
  /** How the client named it, for error messages. */
  name: string;
  match: ValueMatcher;
}

export interface QidoQuery {
  keys: QueryKey[];
  includeAll: boolean;
  includeTags: string[];
  limit: number | undefined;
  offset: number;
}

/** Parameters of PS3.18 §8.3.3 (`accept`, `charset`) and §8.3.4 that are not match keys. */
const CONTROL_PARAMETERS = new Set(['limit', 'offset', 'includefield', 'fuzzymatching', 'accept', 'charset', 'orderby']);

/** The tag of an attribute named by keyword or by tag. */
export function resolveAttribute(name: string): string {
  if (name.includes('.')) throw badRequest(`${name}: sequence matching (dotted attribute paths) is not supported`);
  const tag = normalizeTag(name) ?? tagOfKeyword(name);
  if (!tag) throw badRequest(`${name}: not a DICOM keyword or tag (PS3.18 §8.3.4.1)`);
  return tag;
}

function parseCount(name: string, text: string | null): number | undefined {
  if (text === null) return undefined;
  if (!/^\d+$/.test(text.trim())) throw badRequest(`${name}: "${text}" is not an unsigned integer (PS3.18 §8.3.4.4)`);
  return Number(text.trim());
}

export function parseQidoQuery(search: URLSearchParams): QidoQuery {
  const keys: QueryKey[] = [];
  const includeTags: string[] = [];
  let includeAll = false;
  for (const [rawName, value] of search) {
    const name = rawName.trim();
    const lower = name.toLowerCase();
    if (lower === 'includefield') {
      for (const field of value.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
        if (field.toLowerCase() === 'all') includeAll = true;
        else includeTags.push(resolveAttribute(field));
      }
      continue;
    }
    if (CONTROL_PARAMETERS.has(lower) || name.startsWith('_') || name === '') continue;
    const tag = resolveAttribute(name);
    const vr = vrOfTag(tag) ?? 'LO';
    keys.push({ tag, vr, name, match: buildMatcher(vr, value, name) });
  }
  const fuzzy = search.get('fuzzymatching');
  if (fuzzy !== null && fuzzy !== 'true' && fuzzy !== 'false') throw badRequest(`fuzzymatching: "${fuzzy}" is neither true nor false`);
  return {
    keys,
    includeAll,
    includeTags,
    limit: parseCount('limit', search.get('limit')),
    offset: parseCount('offset', search.get('offset')) ?? 0,
  };
}
