/**
 * The patient of each study the gateway serves, for the audit trail, asked of the study's own archive once and then
 * remembered: one QIDO-RS query per site and study (see studyPatient.ts) through the site's guard, shared by every
 * request that arrives while it is in flight, and kept in a bounded LRU cache, so that scrolling through a series
 * adds no request to the archive per frame. A study the archive does not know is remembered for a minute only; a
 * failed query is not remembered at all (the circuit breaker keeps a failing archive from being asked again and again).
 */
import { createLruCache } from './lruCache.ts';
import { guardedJsonQuery, type UpstreamTrouble } from './guardedQuery.ts';
import { studyPatientFrom, studyPatientQuery, type PatientSite, type StudyPatient } from './studyPatient.ts';
import type { UpstreamGuard } from './upstreamGuard.ts';
import { upstreamUrlFor } from './upstreamPath.ts';

/**
 * Known: the study's patient, or `patient` undefined when the archive does not know the study (or would not say).
 * Not known: the archive could not answer (`trouble`), or the site is not configured.
 */
export type PatientResolution = { ok: true; patient?: StudyPatient } | { ok: false; reason: string; trouble?: UpstreamTrouble };

export interface StudyPatients {
  /** The remembered answer, without waiting; undefined when the archive must be asked. */
  cached(siteId: string, studyUid: string): PatientResolution | undefined;
  resolve(siteId: string, studyUid: string): Promise<PatientResolution>;
}

export interface StudyPatientsOptions {
  sites: ReadonlyMap<string, PatientSite & { dicomweb: string }>;
  guards: ReadonlyMap<string, UpstreamGuard>;
  maxEntries?: number;
  ttlMs?: number;
  unknownTtlMs?: number;
  now?: () => number;
}

export function createStudyPatients(options: StudyPatientsOptions): StudyPatients {
  const cache = createLruCache<PatientResolution>(options.maxEntries ?? 10_000);
  const inFlight = new Map<string, Promise<PatientResolution>>();
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 3_600_000;
  const unknownTtlMs = options.unknownTtlMs ?? 60_000;
  const keyOf = (siteId: string, studyUid: string) => JSON.stringify([siteId, studyUid]);

  const ask = async (siteId: string, studyUid: string): Promise<PatientResolution> => {
    const site = options.sites.get(siteId);
    const guard = options.guards.get(siteId);
    if (!site || !guard) return { ok: false, reason: `unknown site "${siteId}"` };
    const { path, query } = studyPatientQuery(studyUid);
    const target = upstreamUrlFor(site.dicomweb, path, query);
    if (!target.ok) return { ok: false, reason: target.reason };
    const answer = await guardedJsonQuery(guard, target.url);
    if (!answer.ok) return { ok: false, reason: `${guard.label} could not be asked for the patient of the study (${answer.trouble.kind})`, trouble: answer.trouble };
    // An archive that answers but will not say (an error status, not JSON) leaves the patient unknown, as an unknown study does.
    const patient = answer.status < 300 ? studyPatientFrom(answer.body, site) : undefined;
    return patient ? { ok: true, patient } : { ok: true };
  };

  return {
    cached: (siteId, studyUid) => cache.get(keyOf(siteId, studyUid), now()),
    resolve(siteId, studyUid) {
      const key = keyOf(siteId, studyUid);
      const known = cache.get(key, now());
      if (known) return Promise.resolve(known);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const asked = ask(siteId, studyUid)
        .catch((error: unknown): PatientResolution => ({ ok: false, reason: `the patient of the study could not be asked: ${(error as Error).message}` }))
        .then((resolution) => {
        inFlight.delete(key);
        if (resolution.ok) cache.set(key, resolution, now() + (resolution.patient ? ttlMs : unknownTtlMs));
        return resolution;
      });
      inFlight.set(key, asked);
      return asked;
    },
  };
}
