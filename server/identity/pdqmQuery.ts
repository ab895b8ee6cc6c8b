/**
 * The Mobile Patient Demographics Query (IHE ITI-78, ITI TF-2 §3.78.4.1.2) as the manager's store searches it:
 * `family`, `given` (FHIR string search: case- and accent-blind prefix, or `:exact`), `birthdate` (FHIR date search
 * with `eq`/`ne`/`lt`/`gt`/`le`/`ge`, a partial date standing for its span), `gender`, `identifier` (token
 * `system|value`, `system|` or `value`), `_count`. A query with no criterion, or with a parameter the manager does not
 * support, is refused rather than answered too broadly.
 */
import type { RecordSearch, Sex } from '../db/identityStore.ts';
import { canonicalSystem, searchForm } from './patientTraits.ts';

export const DEFAULT_PDQM_COUNT = 50;
export const MAX_PDQM_COUNT = 200;

const IGNORED = new Set(['_format', '_pretty']);
const BIRTH_DATE = /^(eq|ne|lt|gt|le|ge)?([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)$/;
const SEXES: readonly Sex[] = ['male', 'female', 'other', 'unknown'];

export type PdqmQuery = { ok: true; search: RecordSearch } | { ok: false; diagnostics: string };

export function parsePdqmQuery(params: URLSearchParams): PdqmQuery {
  const search: RecordSearch = { limit: DEFAULT_PDQM_COUNT };
  let criteria = 0;
  for (const [rawName, rawValue] of params) {
    const [name, modifier] = rawName.split(':', 2) as [string, string | undefined];
    const value = rawValue.trim();
    if (IGNORED.has(name)) continue;
    if (name === '_count') {
      const count = Number(value);
      if (!Number.isInteger(count) || count < 0) return { ok: false, diagnostics: '_count must be a whole number' };
      search.limit = Math.min(count, MAX_PDQM_COUNT);
      continue;
    }
    if (value === '') return { ok: false, diagnostics: `${rawName} has no value` };
    criteria += 1;
    switch (name) {
      case 'family':
      case 'given': {
        if (modifier !== undefined && modifier !== 'exact') return { ok: false, diagnostics: `the modifier :${modifier} of ${name} is not supported (only :exact)` };
        const exact = modifier === 'exact';
        const text = exact ? value : searchForm(value);
        if (text === '') return { ok: false, diagnostics: `${rawName} has no letters to search for` };
        (search[name] ??= []).push({ text, exact });
        break;
      }
      case 'birthdate': {
        const match = modifier === undefined ? BIRTH_DATE.exec(value) : null;
        if (!match) return { ok: false, diagnostics: 'birthdate must be [eq|ne|lt|gt|le|ge]YYYY[-MM[-DD]]' };
        (search.birthDate ??= []).push({ comparator: (match[1] ?? 'eq') as 'eq', value: match[2] ?? '' });
        break;
      }
      case 'gender':
        if (modifier !== undefined || !SEXES.includes(value as Sex)) return { ok: false, diagnostics: 'gender must be male, female, other or unknown' };
        if (search.sex !== undefined && search.sex !== value) return { ok: false, diagnostics: 'gender is given twice with different values' };
        search.sex = value as Sex;
        break;
      case 'identifier': {
        if (modifier !== undefined) return { ok: false, diagnostics: `the modifier :${modifier} of identifier is not supported` };
        const bar = value.indexOf('|');
        const system = bar < 0 ? undefined : value.slice(0, bar).trim();
        const identifierValue = bar < 0 ? value : value.slice(bar + 1).trim();
        (search.identifier ??= []).push({
          ...(system ? { system: canonicalSystem(system) } : {}),
          ...(identifierValue !== '' ? { value: identifierValue } : {}),
        });
        break;
      }
      default:
        return { ok: false, diagnostics: `the search parameter ${rawName} is not supported (family, given, birthdate, gender, identifier, _count)` };
    }
  }
  if (criteria === 0) return { ok: false, diagnostics: 'a search needs at least one of family, given, birthdate, gender or identifier' };
  return { ok: true, search };
}
