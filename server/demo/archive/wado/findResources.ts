/**
 * The Study, Series and Instance resources named by a WADO-RS URL (PS3.18 §10.4.1), or 404 Not Found with the
 * unknown UID (PS3.18 §8.5).
 */
import type { InstanceRecord } from '../dicom/indexPart10File.ts';
import { notFound } from '../http/httpProblem.ts';
import type { ArchiveIndex, SeriesEntry, StudyEntry } from '../store/archiveIndex.ts';

export interface ResourceParams {
  study: string;
  series?: string;
  instance?: string;
}

export function requireStudy(index: ArchiveIndex, studyUid: string): StudyEntry {
  const study = index.study(studyUid);
  if (!study) throw notFound(`no study ${studyUid} in this archive`);
  return study;
}

export function requireSeries(index: ArchiveIndex, studyUid: string, seriesUid: string): SeriesEntry {
  const series = requireStudy(index, studyUid).series.find((entry) => entry.uid === seriesUid);
  if (!series) throw notFound(`no series ${seriesUid} in study ${studyUid}`);
  return series;
}

export function requireInstance(index: ArchiveIndex, studyUid: string, seriesUid: string, sopInstanceUid: string): InstanceRecord {
  const instance = requireSeries(index, studyUid, seriesUid).instances.find((entry) => entry.sopInstanceUid === sopInstanceUid);
  if (!instance) throw notFound(`no instance ${sopInstanceUid} in series ${seriesUid}`);
  return instance;
}

/** The instances of the resource the params name: a study, a series, or one instance. */
export function instancesOf(index: ArchiveIndex, params: ResourceParams): InstanceRecord[] {
  if (params.series === undefined) return requireStudy(index, params.study).series.flatMap((series) => series.instances);
  if (params.instance === undefined) return requireSeries(index, params.study, params.series).instances;
  return [requireInstance(index, params.study, params.series, params.instance)];
}

/** URL of an instance resource under the DICOMweb root. */
export function instanceUrl(root: string, instance: InstanceRecord): string {
  return `${root}/studies/${instance.studyInstanceUid}/series/${instance.seriesInstanceUid}/instances/${instance.sopInstanceUid}`;
}
