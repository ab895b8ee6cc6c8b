/**
 * The harvest's memory of each site (migration 0004): the watermark (latest Study Date read) and the last run's
 * outcome, so that a restart resumes where the last run stopped and progress survives it.
 */
import type { IdentityDb } from './identityStore.ts';

export interface HarvestSiteRow {
  siteId: string;
  watermark: string | null;
  state: string;
  studiesRead: number;
  patientsLearnt: number;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  error: string | null;
}

export async function harvestSites(db: IdentityDb): Promise<HarvestSiteRow[]> {
  const rows = await db.selectFrom('identity_harvest_site').selectAll().orderBy('site_id').execute();
  return rows.map((row) => ({
    siteId: row.site_id,
    watermark: row.watermark,
    state: row.state,
    studiesRead: row.studies_read,
    patientsLearnt: row.patients_learnt,
    lastRunAt: row.last_run_at,
    lastSuccessAt: row.last_success_at,
    error: row.error,
  }));
}

/** Writes a site's harvest state (the whole row). */
export async function saveHarvestSite(db: IdentityDb, row: HarvestSiteRow): Promise<void> {
  const values = {
    watermark: row.watermark,
    state: row.state,
    studies_read: row.studiesRead,
    patients_learnt: row.patientsLearnt,
    last_run_at: row.lastRunAt,
    last_success_at: row.lastSuccessAt,
    error: row.error,
  };
  await db
    .insertInto('identity_harvest_site')
    .values({ site_id: row.siteId, ...values })
    .onConflict((conflict) => conflict.column('site_id').doUpdateSet(values))
    .execute();
}
