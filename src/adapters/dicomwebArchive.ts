/**
 * A site's archive over DICOMweb QIDO-RS (PS3.18 §10.6), through the gateway's same-origin root. Every ending of
 * a search, failures included, comes back as a `SiteOutcome` value.
 */
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SiteId } from '../domain/dicom/identifiers.ts';
import type { SearchOptions, SiteOutcome } from '../domain/federation/archive.ts';
import type { StudySearchFilters } from '../domain/federation/searchFilters.ts';
import { qidoQueryString, qidoStudyQuery } from '../domain/federation/qidoStudyQuery.ts';
import { siteOutcomeFromQido } from '../domain/federation/siteSearchOutcome.ts';
import { getQido } from './getQido.ts';

/** Margin over the site's timeout so that the gateway's own 504, which names the site, arrives first. */
const CLIENT_MARGIN_MS = 1000;

export async function searchSiteStudies(
  site: PublicSite,
  filters: StudySearchFilters,
  options: SearchOptions & { offset?: number } = {},
): Promise<SiteOutcome> {
  const query = qidoStudyQuery(site, filters, { offset: options.offset });
  if (query.kind === 'skip') return { siteId: site.id as SiteId, status: 'ok', studies: [], ms: 0 };
  if (query.kind === 'invalid') {
    return { siteId: site.id as SiteId, status: 'error', studies: [], ms: 0, error: query.problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ') };
  }
  const { answer, ms } = await getQido(`${site.dicomweb}/studies?${qidoQueryString(query.parameters)}`, {
    signal: options.signal,
    deadlineMs: site.timeoutMs + CLIENT_MARGIN_MS,
  });
  return siteOutcomeFromQido(answer, { site, filters, pageSize: query.pageSize, ms });
}
