/**
 * The auditor's search parameters of `GET /audit/AuditEvent` (contract §5), read as FHIR R4 search
 * (http://hl7.org/fhir/R4/search.html): `patient` a token `system|value` (the archive's own Patient ID and its
 * site's identifier system; a value alone matches any system), `agent` a user id, `date` with the prefixes `ge`,
 * `gt`, `le`, `lt` or `eq` and an implicit range of the value's precision (§3.1.1.4.1), repeatable, `entity` a Study
 * Instance UID, `_count` the page size. Answers come newest first, as a `searchset` Bundle. Unknown parameters are
 * refused, so an auditor never reads an unfiltered answer as a filtered one.
 */
import type { AuditEvent } from './auditEvent.ts';

export const DEFAULT_AUDIT_COUNT = 100;
export const MAX_AUDIT_COUNT = 1000;

export interface AuditSearch {
  patient?: { system: string | null; value: string };
  agent?: string;
  entity?: string;
  /** Inclusive lower bound of the record time. */
  from?: Date;
  /** Exclusive upper bound of the record time. */
  until?: Date;
  count: number;
}

export type AuditSearchResult = { ok: true; search: AuditSearch } | { ok: false; error: string };

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** The range [start, end) a FHIR date or dateTime covers at its precision; times without a zone are UTC. */
export function dateRange(value: string): { start: Date; end: Date } | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const y = Number(year);
  if (month === undefined) return { start: new Date(Date.UTC(y, 0, 1)), end: new Date(Date.UTC(y + 1, 0, 1)) };
  const m = Number(month) - 1;
  if (m < 0 || m > 11) return undefined;
  if (day === undefined) return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
  const d = Number(day);
  const dayStart = new Date(Date.UTC(y, m, d));
  if (dayStart.getUTCMonth() !== m) return undefined;
  if (hour === undefined) return { start: dayStart, end: new Date(Date.UTC(y, m, d + 1)) };
  const start = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${fraction ?? ''}${zone ?? 'Z'}`);
  if (Number.isNaN(start.getTime())) return undefined;
  const step = fraction !== undefined ? 1 : second !== undefined ? 1000 : 60_000;
  return { start, end: new Date(start.getTime() + step) };
}

const later = (a: Date | undefined, b: Date) => (a && a > b ? a : b);
const earlier = (a: Date | undefined, b: Date) => (a && a < b ? a : b);

export function parseAuditSearch(params: URLSearchParams): AuditSearchResult {
  const search: AuditSearch = { count: DEFAULT_AUDIT_COUNT };
  for (const [name, value] of params) {
    switch (name) {
      case 'patient': {
        const bar = value.indexOf('|');
        const patient = bar < 0 ? { system: null, value } : { system: value.slice(0, bar) || null, value: value.slice(bar + 1) };
        if (patient.value === '') return { ok: false, error: 'patient: needs system|value (the Patient ID after the bar)' };
        search.patient = patient;
        break;
      }
      case 'agent':
        if (value === '') return { ok: false, error: 'agent: needs a user id' };
        search.agent = value;
        break;
      case 'entity': {
        const uid = value.replace(/^urn:oid:/, '');
        if (!/^[0-9]+(\.[0-9]+)*$/.test(uid)) return { ok: false, error: `entity: must be a Study Instance UID (got "${value}")` };
        search.entity = uid;
        break;
      }
      case 'date': {
        const prefix = /^(eq|ge|gt|le|lt)/.exec(value)?.[1] ?? 'eq';
        const range = dateRange(value.startsWith(prefix) ? value.slice(prefix.length) : value);
        if (!range) return { ok: false, error: `date: must be [ge|gt|le|lt|eq] followed by a FHIR date or dateTime (got "${value}")` };
        if (prefix === 'ge' || prefix === 'eq') search.from = later(search.from, range.start);
        if (prefix === 'gt') search.from = later(search.from, range.end);
        if (prefix === 'le' || prefix === 'eq') search.until = earlier(search.until, range.end);
        if (prefix === 'lt') search.until = earlier(search.until, range.start);
        break;
      }
      case '_count': {
        const count = Number(value);
        if (!Number.isInteger(count) || count < 1 || count > MAX_AUDIT_COUNT) {
          return { ok: false, error: `_count: must be a whole number from 1 to ${MAX_AUDIT_COUNT} (got "${value}")` };
        }
        search.count = count;
        break;
      }
      default:
        return { ok: false, error: `${name}: not a search parameter of AuditEvent here (patient, agent, date, entity, _count)` };
    }
  }
  return { ok: true, search };
}

/** A FHIR R4 `searchset` Bundle of the matching events, in the order given (newest first). */
export function searchsetBundle(events: readonly AuditEvent[], selfUrl: string, baseUrl: string): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [{ relation: 'self', url: selfUrl }],
    entry: events.map((event) => ({ fullUrl: `${baseUrl}/AuditEvent/${event.id}`, resource: event, search: { mode: 'match' } })),
  };
}
