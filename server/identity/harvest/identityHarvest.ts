/**
 * The harvest: the identity manager learns the patients of sites that do not feed it from their own archives,
 * site after site (one QIDO request in flight at a time, so that a harvest never weighs on an archive), on a schedule
 * (`identity.manager.harvest.everyMinutes`) and on demand. Each site's watermark and last outcome are kept in the
 * database (migration 0004), so that a later run, or a restarted server, reads only newer studies. At a run's end
 * the matcher's weights are estimated again by EM from every stored record. With an audit trail, each site's run and
 * each patient record it created or changed are recorded (harvestAudit.ts), with who started the run.
 */
import type { AuditTrail } from '../../audit/startAuditTrail.ts';
import { harvestSites, saveHarvestSite, type HarvestSiteRow } from '../../db/identityHarvestStore.ts';
import type { IdentityDb } from '../../db/identityStore.ts';
import type { UpstreamGuard } from '../../gateway/upstreamGuard.ts';
import type { IdentityManager } from '../identityManager.ts';
import type { HarvestSite } from './harvestedPatient.ts';
import { harvestFeedEntries, SCHEDULED_HARVEST, siteRunEntry, type HarvestActor } from './harvestAudit.ts';
import { harvestSite } from './harvestSite.ts';

export type HarvestState = 'never' | 'waiting' | 'running' | 'done' | 'failed';

/** One site's progress, as `GET /identity/harvest` tells it. */
export interface SiteHarvestStatus {
  siteId: string;
  state: HarvestState;
  /** In the current run, or the last one. */
  studiesRead: number;
  patientsLearnt: number;
  /** The latest Study Date read (YYYYMMDD): the next run starts there. */
  watermark: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  error: string | null;
}

export interface HarvestOptions {
  db: IdentityDb;
  manager: IdentityManager;
  /** The sites to harvest, each with its archive's DICOMweb root and the gateway's guard of it. */
  sites: readonly (HarvestSite & { dicomweb: string; guard: UpstreamGuard })[];
  /** Minutes between scheduled runs; none: on demand only. */
  everyMinutes?: number;
  pageSize?: number;
  now?: () => Date;
  /** Where each site's run and each record it fed are recorded; none: not recorded. */
  audit?: AuditTrail | undefined;
  /** Told when a run is over (tests wait on it; the server may log it). */
  onRunEnd?: (statuses: SiteHarvestStatus[]) => void;
}

export interface IdentityHarvest {
  /**
   * Starts a run unless one is under way; resolves when that run (this one or the one under way) ends. `actor`: who
   * asks (the trail names them); default the schedule's system actor.
   */
  run(actor?: HarvestActor): Promise<SiteHarvestStatus[]>;
  status(): Promise<SiteHarvestStatus[]>;
  running(): boolean;
  /**
   * A run is under way and no harvested site had ever been read to its end before it: the manager is still learning
   * the archives' patients, and its cross-references for them would be incomplete (the identity routes answer 503).
   */
  learning(): boolean;
  /** Starts the schedule (the first run after `everyMinutes`). */
  start(): void;
  /** Stops the schedule and, between two pages, the run under way. */
  stop(): Promise<void>;
}

function toStatus(row: HarvestSiteRow): SiteHarvestStatus {
  return {
    siteId: row.siteId,
    state: row.state as HarvestState,
    studiesRead: row.studiesRead,
    patientsLearnt: row.patientsLearnt,
    watermark: row.watermark,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    error: row.error,
  };
}

export function createIdentityHarvest(options: HarvestOptions): IdentityHarvest {
  const now = options.now ?? (() => new Date());
  const live = new Map<string, HarvestSiteRow>();
  let current: Promise<SiteHarvestStatus[]> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  /** Whether the run under way is the first to read the sites; unknown (undefined) until their rows are read. */
  let firstRun: boolean | undefined;
  /** From run() until the run has read the stored rows: each site is waiting already, as the POST's answer says. */
  const starting = () => current !== undefined && firstRun === undefined;

  const rows = async (): Promise<HarvestSiteRow[]> => {
    const stored = new Map((await harvestSites(options.db)).map((row) => [row.siteId, row]));
    return options.sites.map(
      (site) =>
        live.get(site.id) ??
        stored.get(site.id) ?? { siteId: site.id, watermark: null, state: 'never', studiesRead: 0, patientsLearnt: 0, lastRunAt: null, lastSuccessAt: null, error: null },
    );
  };

  const runAll = async (actor: HarvestActor): Promise<SiteHarvestStatus[]> => {
    const audit = options.audit;
    const before = await rows();
    firstRun = before.every((row) => row.lastSuccessAt === null);
    for (const row of before) live.set(row.siteId, { ...row, state: 'waiting' });
    for (const site of options.sites) {
      const previous = live.get(site.id) as HarvestSiteRow;
      const startedAt = now();
      const row: HarvestSiteRow = { ...previous, state: 'running', studiesRead: 0, patientsLearnt: 0, lastRunAt: startedAt, error: null };
      live.set(site.id, row);
      let outcome;
      try {
        outcome = await harvestSite({
          site,
          guard: site.guard,
          manager: options.manager,
          db: options.db,
          watermark: previous.watermark,
          ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
          onProgress: (progress) => live.set(site.id, { ...row, studiesRead: progress.studiesRead, patientsLearnt: progress.patientsLearnt }),
          stopped: () => stopping,
          ...(audit
            ? {
                onFed: (fed) => {
                  for (const entry of harvestFeedEntries(actor, site, fed, now())) audit.record(entry);
                },
                trailWritable: () => audit.isHealthy(),
              }
            : {}),
        });
      } catch (error) {
        outcome = { ok: false as const, progress: { studiesRead: 0, patientsLearnt: 0, studiesSkipped: 0, watermark: previous.watermark }, error: (error as Error).message };
      }
      const done: HarvestSiteRow = {
        ...row,
        state: outcome.ok ? 'done' : 'failed',
        studiesRead: outcome.progress.studiesRead,
        patientsLearnt: outcome.progress.patientsLearnt,
        // A failed run keeps the old watermark: its unread pages are read next time.
        watermark: outcome.ok ? outcome.progress.watermark : previous.watermark,
        lastSuccessAt: outcome.ok ? now() : previous.lastSuccessAt,
        error: outcome.ok ? null : outcome.error,
      };
      live.set(site.id, done);
      await saveHarvestSite(options.db, done);
      audit?.record(
        siteRunEntry(actor, {
          site,
          at: now(),
          from: previous.watermark,
          ok: outcome.ok,
          studiesRead: done.studiesRead,
          patientsLearnt: done.patientsLearnt,
          watermark: done.watermark,
          error: done.error,
        }),
      );
    }
    // New records change what EM can learn: the weights are estimated again from every stored record.
    if (options.sites.length > 0) await options.manager.learnWeights();
    const statuses = (await rows()).map(toStatus);
    live.clear();
    return statuses;
  };

  const harvest: IdentityHarvest = {
    run(actor = SCHEDULED_HARVEST) {
      if (!current) {
        stopping = false;
        firstRun = undefined;
        current = runAll(actor).finally(() => {
          current = undefined;
          firstRun = undefined;
        });
        void current.then((statuses) => options.onRunEnd?.(statuses), () => undefined);
      }
      return current;
    },
    status: async () => (await rows()).map((row) => toStatus(starting() && !live.has(row.siteId) ? { ...row, state: 'waiting' } : row)),
    running: () => current !== undefined,
    learning: () => current !== undefined && firstRun !== false,
    start() {
      if (timer || !options.everyMinutes) return;
      timer = setInterval(() => void harvest.run().catch(() => undefined), options.everyMinutes * 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      stopping = true;
      await current?.catch(() => undefined);
    },
  };
  return harvest;
}
