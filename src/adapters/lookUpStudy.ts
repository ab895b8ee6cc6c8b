import type { PublicSite } from '../domain/config/publicConfig.ts';
import { qidoQueryString } from '../domain/federation/qidoStudyQuery.ts';
import {
  lookupSiteId,
  readLookupAnswer,
  siteLookupFromOutcomes,
  sitesToAsk,
  studyLookupQueries,
  type SiteLookup,
  type StudyLaunch,
} from '../domain/launch/studyLookup.ts';
import { getQido } from './getQido.ts';

/**
 * Asks every site concerned, in parallel, for the launch's studies (QIDO-RS through each site's same-origin
 * DICOMweb root, with its own timeout). Resolves with one lookup per site asked, in configuration order; never
 * rejects: a failure is that site's answer.
 */
export async function lookUpStudy(launch: StudyLaunch, sites: readonly PublicSite[], signal?: AbortSignal): Promise<SiteLookup[]> {
  return Promise.all(
    sitesToAsk(launch, sites).map(async (site) => {
      const outcomes = await Promise.all(
        studyLookupQueries(launch, site).map(async (query) => {
          const url = `${site.dicomweb}/studies?${qidoQueryString(query.parameters)}`;
          const { answer, ms } = await getQido(url, { deadlineMs: site.timeoutMs + 1000, signal });
          return readLookupAnswer(site, query, answer, ms);
        }),
      );
      return siteLookupFromOutcomes(lookupSiteId(site), outcomes);
    }),
  );
}

