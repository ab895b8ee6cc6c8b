/**
 * A worklist search by INS (contract §3 and §6): the identity service answers, for the INS as source identifier
 * (ITI-83), every site's own ID of that person; the search then runs as a search by one of them, whose own
 * cross-reference brings the others. Nothing is searched until the identity service has said, and nothing at all
 * when it does not know the INS or cannot say (fail closed).
 */
import type { PublicSite } from '../config/publicConfig.ts';
import { sitePatientOf, type SitePatient } from '../identity/identityResolution.ts';
import type { PixmResult } from '../identity/pixmResult.ts';
import type { WorklistSearch } from './worklistUrl.ts';

export type InsSearchResolution =
  /** The person's IDs at the sites (in the configuration's order) and the search to run. */
  | { kind: 'found'; patients: SitePatient[]; search: WorklistSearch }
  /** The identity service knows no site ID of this INS. */
  | { kind: 'not-found' }
  /** The identity service refused or failed; `reason` in English, for the page and logs. */
  | { kind: 'failed'; reason: string };

export function resolveInsSearch(
  search: WorklistSearch,
  sites: readonly Pick<PublicSite, 'id' | 'issuerOfPatientId' | 'patientIdSystem'>[],
  pixm: PixmResult,
): InsSearchResolution {
  switch (pixm.kind) {
    case 'linked': {
      const found = pixm.identifiers.map((identifier) => sitePatientOf(sites, identifier)).filter((patient) => patient !== undefined);
      const patients = sites.flatMap((site) => found.filter((patient) => patient.siteId === site.id));
      const first = patients[0];
      if (!first) return { kind: 'not-found' };
      return {
        kind: 'found',
        patients,
        search: { ...search, patientIdAllSites: false, filters: { ...search.filters, patientId: { siteId: first.siteId, value: first.patientId } } },
      };
    }
    case 'no-links':
    case 'unknown-patient':
      return { kind: 'not-found' };
    case 'unknown-domain':
      return { kind: 'failed', reason: `the identity service refused the INS system: ${pixm.detail}` };
    case 'failed':
      return { kind: 'failed', reason: pixm.reason };
  }
}
