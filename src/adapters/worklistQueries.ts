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

export const crossReferenceQuery = (config: PublicConfig, source: PixmIdentifier) =>
  queryOptions({
    queryKey: ['pix', source.system, source.value],
    queryFn: ({ signal }) => crossReference(config, source, signal),
    staleTime: 60_000,
    retry: false,
  });
