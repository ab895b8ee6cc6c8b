/**
 * What a harvest writes into the audit trail (server/audit): one `identity-harvest` record per site and run (who
 * started it, the site, the outcome, studies read, patients learnt, the QIDO search it made), and one `identity-feed`
 * record per patient record it created or changed, the record's identifier as the patient, as an ITI-104 feed over
 * HTTP is recorded (identityRoutes.ts). Pure: the harvest's facts in, trail entries out; the trail batches them.
 */
import type { AuditEntry } from '../../audit/auditRecord.ts';
import type { JsonObject } from '../../db/databaseSchema.ts';
import type { FeedResult } from '../identityManager.ts';
import type { HarvestSite } from './harvestedPatient.ts';

/** Who started a run: the identity officer who asked for it, or the schedule's system actor. */
export interface HarvestActor {
  user: NonNullable<AuditEntry['user']>;
  clientAddress?: string;
  trigger: 'on-demand' | 'schedule';
}

/** The schedule's actor: no person asked for the run, the server's own harvest did. */
export const SCHEDULED_HARVEST: HarvestActor = { user: { id: 'harvest', name: 'scheduled harvest' }, trigger: 'schedule' };

export interface SiteRunFacts {
  site: HarvestSite;
  at: Date;
  /** The watermark the run read from (its QIDO search's StudyDate lower bound), none: every study. */
  from: string | null;
  ok: boolean;
  studiesRead: number;
  patientsLearnt: number;
  /** The watermark after the run. */
  watermark: string | null;
  error: string | null;
}

function actorFields(actor: HarvestActor): Pick<AuditEntry, 'user' | 'clientAddress'> {
  return { user: actor.user, ...(actor.clientAddress !== undefined ? { clientAddress: actor.clientAddress } : {}) };
}

/** The QIDO study search a run makes (PS3.18 §10.6), as the criteria a BALP Query entity holds. */
export function harvestCriteria(from: string | null): JsonObject {
  return { path: 'studies', query: from ? { StudyDate: `${from}-` } : {} };
}

/** One site's run, at its end. */
export function siteRunEntry(actor: HarvestActor, facts: SiteRunFacts): AuditEntry {
  return {
    recordedAt: facts.at,
    ...actorFields(actor),
    action: 'identity-harvest',
    outcome: facts.ok ? 'success' : 'failed',
    siteId: facts.site.id,
    detail: {
      trigger: actor.trigger,
      criteria: harvestCriteria(facts.from),
      studiesRead: facts.studiesRead,
      patientsLearnt: facts.patientsLearnt,
      watermark: facts.watermark,
      ...(facts.error !== null ? { reason: facts.error } : {}),
    },
  };
}

/** The records a page of the harvest created or changed, one entry each, as an ITI-104 feed's. */
export function harvestFeedEntries(actor: HarvestActor, site: HarvestSite, fed: readonly FeedResult[], at: Date): AuditEntry[] {
  return fed.map((result) => {
    const study = result.record.resource.study;
    return {
      recordedAt: at,
      ...actorFields(actor),
      action: 'identity-feed',
      outcome: 'success',
      siteId: site.id,
      patient: { id: result.record.identifier.value, system: result.record.identifier.system, issuer: site.issuerOfPatientId },
      detail: {
        source: 'harvest',
        trigger: actor.trigger,
        created: result.created,
        person: result.record.personId,
        ...(typeof study === 'string' ? { study } : {}),
        matching: result.matching.compared.map((entry) => ({ ...entry })),
      },
    };
  });
}
