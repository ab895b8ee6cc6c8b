/**
 * Retrieval of what a stack viewport needs before any pixel: the study's series (QIDO-RS, PS3.18 §10.6) and
 * the chosen series' metadata (WADO-RS, PS3.18 §10.4), both from the site's same-origin DICOMweb root.
 */
import { queryOptions } from '@tanstack/react-query';
import { describeHttpFailure } from '../adapters/describeHttpFailure.ts';
import { getWithRetry } from '../adapters/getWithRetry.ts';
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
 * The picture standing for a series in the series browser: the rendering (PS3.18 §10.4.1.1.3,
 * `…/instances/{uid}/rendered`) of its middle instance, found by a QIDO-RS instance search. Asked for with
 * any media type: Orthanc refuses the list of image types a browser sends for an `<img>`.
 */
export const seriesThumbnailQuery = (site: PublicSite, studyUid: StudyUid, seriesUid: SeriesUid) =>
  queryOptions({
    queryKey: ['viewer', 'thumbnail', site.id, studyUid, seriesUid],
    queryFn: async ({ signal }): Promise<Blob> => {
      const seriesPath = `${site.dicomweb}/studies/${studyUid}/series/${seriesUid}`;
      const instanceUid = middleInstanceUid(await getDicomJson(`${seriesPath}/instances?includefield=00200013`, site.timeoutMs, signal));
      if (!instanceUid) throw new Error('no instance');
      const answer = await getWithRetry(`${seriesPath}/instances/${instanceUid}/rendered`, { headers: { Accept: '*/*' }, signal, deadlineMs: site.timeoutMs });
      if (answer.kind !== 'response') throw new Error(answer.kind);
      if (!answer.response.ok) throw new Error(await describeHttpFailure(answer.response));
      return answer.response.blob();
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
