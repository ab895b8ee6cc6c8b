/**
 * One harvest of one site's archive: QIDO-RS study searches (PS3.18 §10.6) through the gateway's guard of that site
 * (its concurrency bound, circuit breaker and credential, `guardedJsonQuery`), one small page at a time and never
 * two at once, from the site's watermark (the latest Study Date read) on. Each study's patient is fed to the manager
 * (the same path as an ITI-104 feed, as the site's system, a page's patients in one transaction) unless the manager
 * already holds it with the same traits.
 *
 * Orthanc 1.10 pages with `limit` and `offset` and sorts by nothing in particular: the watermark moves only once
 * every page has been read, and the next run reads the watermark's own day again (studies of that day may have
 * come in since), which costs little since unchanged patients are not fed again.
 */
import { findRecord, type IdentityDb } from '../../db/identityStore.ts';
import { guardedJsonQuery, type UpstreamTrouble } from '../../gateway/guardedQuery.ts';
import type { UpstreamGuard } from '../../gateway/upstreamGuard.ts';
import type { FeedResult, IdentityManager } from '../identityManager.ts';
import type { RecordTraits } from '../patientTraits.ts';
import { HARVEST_FIELDS, TAG, harvestedPatient, type DicomJson, type HarvestSite } from './harvestedPatient.ts';

export interface SiteHarvestProgress {
  studiesRead: number;
  patientsLearnt: number;
  /** Studies left out: another issuer's patient (Orthanc merges them), or no Patient ID. */
  studiesSkipped: number;
  watermark: string | null;
}

export type SiteHarvestOutcome = { ok: true; progress: SiteHarvestProgress } | { ok: false; progress: SiteHarvestProgress; error: string };

export interface SiteHarvestOptions {
  site: HarvestSite & { dicomweb: string };
  guard: UpstreamGuard;
  manager: IdentityManager;
  db: IdentityDb;
  watermark: string | null;
  /** Studies per QIDO page (default 100). */
  pageSize?: number;
  /** Told after each page. */
  onProgress?: (progress: SiteHarvestProgress) => void;
  /** Asked between pages: stop early (the server is closing). */
  stopped?: () => boolean;
  /** Told of the records each page created or changed (the audit trail records each of them). */
  onFed?: (fed: readonly FeedResult[]) => void;
  /** Asked before a page is fed: false when the audit trail cannot take its records, and the run stops there. */
  trailWritable?: () => boolean;
}

function troubleText(trouble: UpstreamTrouble): string {
  switch (trouble.kind) {
    case 'down':
      return 'the archive is marked down (circuit open)';
    case 'busy':
      return `the archive stayed busy for ${trouble.waitedMs} ms`;
    case 'unreachable':
      return `the archive is unreachable (${trouble.code ?? trouble.reason})`;
    case 'timeout':
      return 'the archive did not answer in time';
  }
}

function sameTraits(a: RecordTraits, b: RecordTraits): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function firstUid(body: unknown, tag: string): string | undefined {
  const first = Array.isArray(body) ? (body[0] as DicomJson | undefined) : undefined;
  const value = first?.[tag]?.Value?.[0];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Other Patient IDs Sequence of a study's first instance (WADO-RS metadata, PS3.18 §10.4): its items, `null` when
 * the instance has none, `undefined` when the archive did not answer.
 */
async function otherPatientIds(guard: UpstreamGuard, dicomweb: string, studyUid: string): Promise<unknown[] | null | undefined> {
  const base = `${dicomweb.replace(/\/+$/, '')}/studies/${encodeURIComponent(studyUid)}`;
  const series = await guardedJsonQuery(guard, new URL(`${base}/series?limit=1`));
  if (!series.ok) return undefined;
  const seriesUid = firstUid(series.body, '0020000E');
  if (!seriesUid) return null;
  const instances = await guardedJsonQuery(guard, new URL(`${base}/series/${encodeURIComponent(seriesUid)}/instances?limit=1`));
  if (!instances.ok) return undefined;
  const instanceUid = firstUid(instances.body, '00080018');
  if (!instanceUid) return null;
  const metadata = await guardedJsonQuery(guard, new URL(`${base}/series/${encodeURIComponent(seriesUid)}/instances/${encodeURIComponent(instanceUid)}/metadata`));
  if (!metadata.ok) return undefined;
  const dataset = Array.isArray(metadata.body) ? (metadata.body[0] as DicomJson | undefined) : undefined;
  return dataset?.[TAG.otherPatientIds]?.Value ?? null;
}

/** The QIDO URL of one page of studies from `watermark` on. */
export function studiesPageUrl(dicomweb: string, watermark: string | null, offset: number, limit: number): URL {
  const url = new URL(`${dicomweb.replace(/\/+$/, '')}/studies`);
  if (watermark) url.searchParams.set('StudyDate', `${watermark}-`);
  for (const field of HARVEST_FIELDS) url.searchParams.append('includefield', field);
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('offset', String(offset));
  return url;
}

export async function harvestSite(options: SiteHarvestOptions): Promise<SiteHarvestOutcome> {
  const { site, guard, manager, db } = options;
  const limit = options.pageSize ?? 100;
  const progress: SiteHarvestProgress = { studiesRead: 0, patientsLearnt: 0, studiesSkipped: 0, watermark: options.watermark };
  let latest = options.watermark;
  const seen = new Map<string, string>();
  for (let offset = 0; ; offset += limit) {
    if (options.stopped?.()) return { ok: false, progress, error: 'stopped' };
    const answer = await guardedJsonQuery(guard, studiesPageUrl(site.dicomweb, options.watermark, offset, limit));
    if (!answer.ok) return { ok: false, progress, error: troubleText(answer.trouble) };
    if (answer.status === 204) break;
    if (answer.status !== 200 || !Array.isArray(answer.body)) return { ok: false, progress, error: `the archive answered HTTP ${answer.status} to a study search` };
    const studies = answer.body as DicomJson[];
    const page: Parameters<IdentityManager['feedMany']>[0][number][] = [];
    for (const dataset of studies) {
      progress.studiesRead++;
      const study = harvestedPatient(dataset, site);
      if (study.studyDate && /^\d{8}$/.test(study.studyDate) && (latest === null || study.studyDate > latest)) latest = study.studyDate;
      if (!study.ok) {
        progress.studiesSkipped++;
        continue;
      }
      // One patient's studies often follow one another: the same traits are fed once per run.
      const key = JSON.stringify(study.traits);
      if (seen.get(study.identifier.value) === key) continue;
      seen.set(study.identifier.value, key);
      // Known with these traits and an INS found earlier (which this study's answer may not show): nothing new.
      const known = await findRecord(db, study.identifier);
      if (known && !known.deleted && known.traits.ins && !study.traits.ins && sameTraits({ ...known.traits, ins: null }, study.traits)) continue;
      if (!study.traits.ins && dataset[TAG.otherPatientIds] === undefined && study.studyUid) {
        // Orthanc's QIDO leaves sequences out: Other Patient IDs come from one instance's metadata (three small requests, for a new or changed patient only).
        const others = await otherPatientIds(guard, site.dicomweb, study.studyUid);
        if (others === undefined) return { ok: false, progress, error: 'the archive did not answer a metadata request' };
        if (others) {
          const withOthers = harvestedPatient({ ...dataset, [TAG.otherPatientIds]: { vr: 'SQ', Value: others } }, site);
          if (withOthers.ok) study.traits.ins = withOthers.traits.ins;
        }
      }
      if (known && !known.deleted && sameTraits(known.traits, study.traits)) continue;
      page.push({ identifier: study.identifier, traits: study.traits, resource: { source: 'harvest', site: site.id, ...(study.studyUid ? { study: study.studyUid } : {}) } });
    }
    // A page's patients in one transaction (one lock, one commit), each matched as an ITI-104 feed is.
    if (page.length > 0) {
      // Nothing is fed that the trail could not record: the run stops, its watermark unmoved, and is read again next time.
      if (options.trailWritable && !options.trailWritable()) return { ok: false, progress, error: 'the audit trail cannot be written: nothing more is fed until it can' };
      // Fed first, then told: an optional call `onFed?.(await …)` would skip the feed itself when nobody listens.
      const fed = await manager.feedMany(page, `harvest:${site.id}`);
      options.onFed?.(fed);
    }
    progress.patientsLearnt += page.length;
    options.onProgress?.({ ...progress });
    if (studies.length < limit) break;
  }
  progress.watermark = latest;
  return { ok: true, progress };
}
