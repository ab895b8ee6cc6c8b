/**
 * Reading a site's QIDO-RS Search for Studies answer (PS3.18 §10.6.3: 200 with a DICOM JSON array, 204 when
 * nothing matches) into a {@link SiteOutcome}. Results are checked again here, because archives do not all
 * honour every matching key: Orthanc merges patients who share a Patient ID whatever their issuer, and ignores
 * an `IssuerOfPatientID` key, so a Patient ID search keeps only the studies of the site's own issuer.
 */
import type { PublicSite } from '../config/publicConfig.ts';
import { asSiteId, type SiteId } from '../dicom/identifiers.ts';
import { isDicomJsonDataset } from '../dicom/dicomJson.ts';
import type { LeftOutStudies, SiteOutcome } from './archive.ts';
import type { StudySearchFilters } from './searchFilters.ts';
import { matchesPatientName } from './patientNameFilter.ts';
import { readQidoStudy, type StudySummary } from './studySummary.ts';

/** What the adapter got from the archive (it does the I/O; this module only reads). */
export type QidoAnswer =
  | { kind: 'response'; status: number; statusText?: string; body: unknown; warnings?: readonly string[] }
  | { kind: 'timeout'; ms?: number }
  | { kind: 'network-error'; message: string }
  | { kind: 'aborted' };

/** What the search was, to check the answer against. */
export interface QidoReadContext {
  site: Pick<PublicSite, 'id' | 'issuerOfPatientId'>;
  filters: StudySearchFilters;
  /** Studies asked for (the request asked for one more, see `qidoStudyQuery`). */
  pageSize: number;
  /** Round-trip time measured by the adapter. */
  ms: number;
}

type Body = { kind: 'items'; items: unknown[] } | { kind: 'unreadable'; description: string };

function readBody(body: unknown): Body {
  let json = body;
  if (typeof body === 'string') {
    const text = body.trim();
    if (text === '') return { kind: 'items', items: [] };
    if (text.startsWith('<')) return { kind: 'unreadable', description: 'an HTML page instead of DICOM JSON' };
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: 'unreadable', description: 'a body that is not JSON' };
    }
  }
  if (json === undefined || json === null) return { kind: 'items', items: [] };
  return Array.isArray(json) ? { kind: 'items', items: json } : { kind: 'unreadable', description: 'JSON that is not a DICOM JSON array' };
}

function httpStatus(status: number, statusText?: string): string {
  return `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
}

function excerpt(body: unknown): string {
  if (typeof body !== 'string') return '';
  const flat = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return flat === '' ? '' : `: ${flat.length > 160 ? `${flat.slice(0, 160)}…` : flat}`;
}

function keepStudy(study: StudySummary, context: QidoReadContext): LeftOutStudies['reason'] | undefined {
  const { filters, site } = context;
  const wantedId = filters.patientId?.value.trim();
  if (wantedId && filters.patientId?.siteId === site.id) {
    if (study.issuerOfPatientId !== site.issuerOfPatientId) return 'issuer-mismatch';
    if (study.patientId !== wantedId) return 'patient-id-mismatch';
  }
  if (!matchesPatientName(filters.patientName, study.patientName)) return 'name-mismatch';
  return undefined;
}

const UNREADABLE: ReadonlySet<LeftOutStudies['reason']> = new Set(['no-study-uid', 'no-patient-id', 'not-a-dataset']);

function outcomeFromItems(items: readonly unknown[], context: QidoReadContext, warnings: readonly string[]): SiteOutcome {
  const siteId = asSiteId(context.site.id);
  if (siteId === undefined) return { siteId: context.site.id as SiteId, status: 'error', studies: [], error: `invalid site id "${context.site.id}"`, ms: context.ms };
  const truncated = items.length > context.pageSize;
  const counts = new Map<LeftOutStudies['reason'], number>();
  const leaveOut = (reason: LeftOutStudies['reason']) => counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const studies: StudySummary[] = [];
  for (const item of items.slice(0, context.pageSize)) {
    if (!isDicomJsonDataset(item)) {
      leaveOut('not-a-dataset');
      continue;
    }
    const read = readQidoStudy(siteId, item);
    if (!('study' in read)) {
      leaveOut(read.reason);
      continue;
    }
    const reason = keepStudy(read.study, context);
    if (reason !== undefined) leaveOut(reason);
    else if (!studies.some((seen) => seen.studyUid === read.study.studyUid)) studies.push(read.study);
  }
  const leftOut = [...counts].map(([reason, count]) => ({ reason, count }));
  const unreadable = leftOut.filter((entry) => UNREADABLE.has(entry.reason)).reduce((sum, entry) => sum + entry.count, 0);
  const problems = [
    ...(truncated ? [`more than ${context.pageSize} studies match: refine the search`] : []),
    ...(unreadable > 0 ? [`${unreadable} unreadable result${unreadable > 1 ? 's' : ''} left out`] : []),
    ...warnings,
  ];
  const outcome: SiteOutcome = { siteId, status: problems.length > 0 ? 'partial' : 'ok', studies, ms: context.ms };
  if (problems.length > 0) outcome.error = problems.join('; ');
  if (truncated) outcome.truncated = true;
  if (leftOut.length > 0) outcome.leftOut = leftOut;
  return outcome;
}

/** Reads what a site answered to a study search into its outcome. Never throws. */
export function siteOutcomeFromQido(answer: QidoAnswer, context: QidoReadContext): SiteOutcome {
  // Configured site ids are validated (`[a-z0-9-]+`); an invalid one is reported by `outcomeFromItems`.
  const siteId = (asSiteId(context.site.id) ?? context.site.id) as SiteId;
  const failed = (status: SiteOutcome['status'], error: string): SiteOutcome => ({ siteId, status, studies: [], error, ms: context.ms });
  try {
    switch (answer.kind) {
      case 'timeout':
        return failed('timeout', answer.ms === undefined ? 'no answer in time' : `no answer within ${answer.ms} ms`);
      case 'network-error':
        return failed('error', answer.message);
      case 'aborted':
        return failed('error', 'cancelled');
      case 'response':
        break;
      default:
        return failed('error', 'unrecognised answer');
    }
    const { status, statusText, body } = answer;
    if (status === 204) return outcomeFromItems([], context, answer.warnings ?? []);
    if (status === 504) return failed('timeout', `${httpStatus(status, statusText)}${excerpt(body)}`);
    if (status < 200 || status >= 300) return failed('error', `${httpStatus(status, statusText)}${excerpt(body)}`);
    const read = readBody(body);
    if (read.kind === 'unreadable') return failed('error', `${httpStatus(status, statusText)} with ${read.description}`);
    return outcomeFromItems(read.items, context, answer.warnings ?? []);
  } catch (error) {
    return failed('error', `unreadable answer: ${error instanceof Error ? error.message : String(error)}`);
  }
}
