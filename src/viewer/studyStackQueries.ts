/**
 * Retrieval of what a stack viewport needs before any pixel: the study's series (QIDO-RS, PS3.18 §10.6) and
 * the chosen series' metadata (WADO-RS, PS3.18 §10.4), both from the site's same-origin DICOMweb root.
 */
import { queryOptions } from '@tanstack/react-query';
import { getDicomJson } from './dicomJsonRequest.ts';
import { largeSeriesFrames } from './largeSeriesQueries.ts';
import { isLargeSeries } from '../domain/viewer/largeSeries.ts';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SeriesUid, StudyUid } from '../domain/dicom/identifiers.ts';
import { firstImageSeries, seriesSummaries, type SeriesSummary } from '../domain/viewer/seriesChoice.ts';
import { stackFrames, type StackFrame } from '../domain/viewer/stackFrames.ts';
import { middleInstanceUid } from '../domain/viewer/seriesThumbnail.ts';
import { withPaletteTables } from './paletteTables.ts';

/** The study's series, and the one to open first (`undefined` when it has no image series). */
export const studySeriesQuery = (site: PublicSite, studyUid: StudyUid) =>
  queryOptions({
    queryKey: ['viewer', 'series', site.id, studyUid],
    queryFn: async ({ signal }): Promise<{ series: SeriesSummary[]; first: SeriesSummary | undefined }> => {
      const series = seriesSummaries(await getDicomJson(`${site.dicomweb}/studies/${studyUid}/series`, site.timeoutMs, signal));
      return { series, first: firstImageSeries(series) };
    },
    staleTime: 5 * 60_000,
    retry: false,
  });

/** Series metadata can be large (thousands of instances): more time than a search. */
const METADATA_DEADLINE_FACTOR = 4;

/**
 * The frames of a series in display order, each with its instance's metadata: the series metadata at once, or for
 * a large series (its instance count known from the study's series search) its instances searched and their
 * metadata read incrementally (largeSeriesQueries.ts).
 */
export const seriesFramesQuery = (site: PublicSite, studyUid: StudyUid, seriesUid: SeriesUid) =>
  queryOptions({
    queryKey: ['viewer', 'frames', site.id, studyUid, seriesUid],
    queryFn: async ({ signal, client }): Promise<StackFrame[]> => {
      const instanceCount = client.getQueryData(studySeriesQuery(site, studyUid).queryKey)?.series.find((series) => series.seriesUid === seriesUid)?.instanceCount;
      if (isLargeSeries(instanceCount)) return largeSeriesFrames(client, { site, studyUid, seriesUid }, instanceCount ?? 0, signal);
      return withPaletteTables(
        site,
        { studyUid, seriesUid },
        stackFrames(
          await getDicomJson(
            `${site.dicomweb}/studies/${studyUid}/series/${seriesUid}/metadata`,
            site.timeoutMs * METADATA_DEADLINE_FACTOR,
            signal,
          ),
        ),
        signal,
      );
    },
    staleTime: 5 * 60_000,
    retry: false,
  });

/**
 * The image standing for a series in the series browser: the middle instance, found by a QIDO-RS instance search,
 * with its own metadata (PS3.18 §10.4.1.1.2), so that its frame is retrieved and decoded in the browser like any
 * other: in its stored syntax, or as the stored instance, never rendered or converted by the archive.
 */
export const seriesThumbnailQuery = (site: PublicSite, studyUid: StudyUid, seriesUid: SeriesUid) =>
  queryOptions({
    queryKey: ['viewer', 'thumbnail', site.id, studyUid, seriesUid],
    queryFn: async ({ signal }): Promise<StackFrame> => {
      const seriesPath = `${site.dicomweb}/studies/${studyUid}/series/${seriesUid}`;
      const instanceUid = middleInstanceUid(await getDicomJson(`${seriesPath}/instances?includefield=00200013`, site.timeoutMs, signal));
      if (!instanceUid) throw new Error('no instance');
      const frames = await withPaletteTables(
        site,
        { studyUid, seriesUid },
        stackFrames(await getDicomJson(`${seriesPath}/instances/${instanceUid}/metadata`, site.timeoutMs, signal)),
        signal,
      );
      const middle = frames[Math.floor((frames.length - 1) / 2)];
      if (!middle) throw new Error('no frame');
      return middle;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
