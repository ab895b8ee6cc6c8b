/**
 * Canonical JSON after the JSON Canonicalization Scheme (RFC 8785): object members sorted by their names' UTF-16
 * code units, no whitespace, strings and numbers written as ECMAScript's JSON.stringify writes them (which is what
 * RFC 8785 §3.2.2 prescribes). The same value always gives the same text, so its hash survives a round trip through
 * `jsonb`, which keeps neither key order nor spacing.
 */
import type { JsonValue } from '../db/databaseSchema.ts';

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonical JSON has no representation for ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const names = Object.keys(value).sort(compareCodeUnits);
    const members = names.map((name) => {
      const member = value[name];
      if (member === undefined) throw new Error(`canonical JSON has no representation for undefined (member "${name}")`);
      return `${JSON.stringify(name)}:${canonicalJson(member)}`;
    });
    return `{${members.join(',')}}`;
  }
  throw new Error(`canonical JSON has no representation for a ${typeof value}`);
}

/** RFC 8785 §3.2.3: member names compare as arrays of UTF-16 code units, not by locale. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
