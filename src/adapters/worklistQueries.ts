/**
 * TanStack Query option factories of the worklist: one query per site and search (`['studies', siteId, …]`), one
 * per identity cross-reference (`['pix', system, value]`).
 */
import { queryOptions } from '@tanstack/react-query';
import type { PublicConfig, PublicSite } from '../domain/config/publicConfig.ts';
import type { StudySearchFilters } from '../domain/federation/searchFilters.ts';
import type { PixmIdentifier } from '../domain/identity/identifierSystem.ts';
import { searchSiteStudies } from './dicomwebArchive.ts';
import { crossReference } from './pixmClient.ts';

export const siteStudiesQuery = (site: PublicSite, filters: StudySearchFilters, offset = 0) =>
  queryOptions({
    queryKey: ['studies', site.id, filters, offset],
    queryFn: ({ signal }) => searchSiteStudies(site, filters, { signal, offset }),
    staleTime: 60_000,
    retry: false,
  });

/**
 * An identity answer is never reused from memory: a link an identity officer has just removed must not show again
 * (the identity manager answers `cache-control: no-store`, so the browser's HTTP cache keeps none either). Each
 * worklist or viewer that mounts asks again; the last answer stays on screen while the new one comes.
 */
export const crossReferenceQuery = (config: PublicConfig, source: PixmIdentifier) =>
  queryOptions({
    queryKey: ['pix', source.system, source.value],
    queryFn: ({ signal }) => crossReference(config, source, signal),
    staleTime: 0,
    refetchOnMount: 'always',
    refetchOnWindowFocus: 'always',
    retry: false,
  });
