/**
 * The archive's catalogue: indexed instances grouped in the Study / Series / Instance hierarchy of the DICOM
 * information model (PS3.3 §A.1.2), with the study and series aggregates that QIDO-RS answers with
 * (PS3.4 §C.3.4 Additional Query/Retrieve Attributes), all in a fixed order so that paging is stable
 * (PS3.18 §8.3.4.4.1: the same query returns the same ordered list).
 */
import { firstNumber, firstString } from '../dicom/datasetValues.ts';
import type { InstanceRecord } from '../dicom/indexPart10File.ts';

export interface SeriesEntry {
  uid: string;
  studyUid: string;
  /** By Instance Number, then SOP Instance UID. */
  instances: InstanceRecord[];
}

export interface StudyEntry {
  uid: string;
  /** By Series Number, then Series Instance UID. */
  series: SeriesEntry[];
  instanceCount: number;
  /** Modalities in Study (0008,0061): distinct Modality of its series, sorted. */
  modalities: string[];
  /** SOP Classes in Study (0008,0062), sorted. */
  sopClasses: string[];
}

/** The data set that stands for an entity at its level: the first instance's (patient, study, series attributes). */
export function representative(entity: StudyEntry | SeriesEntry): InstanceRecord {
  const instance = 'series' in entity ? entity.series[0]?.instances[0] : entity.instances[0];
  if (!instance) throw new Error(`empty ${'series' in entity ? 'study' : 'series'} ${entity.uid}`);
  return instance;
}

function compareNumbersThenText(a: number | undefined, b: number | undefined, textA: string, textB: string): number {
  if (a !== b) {
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    return a - b;
  }
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

export class ArchiveIndex {
  private readonly studiesByUid = new Map<string, StudyEntry>();

  constructor(readonly studies: readonly StudyEntry[]) {
    for (const study of studies) this.studiesByUid.set(study.uid, study);
  }

  study(studyUid: string): StudyEntry | undefined {
    return this.studiesByUid.get(studyUid);
  }

  series(studyUid: string, seriesUid: string): SeriesEntry | undefined {
    return this.study(studyUid)?.series.find((series) => series.uid === seriesUid);
  }

  instance(studyUid: string, seriesUid: string | undefined, sopInstanceUid: string): InstanceRecord | undefined {
    const study = this.study(studyUid);
    const seriesList = seriesUid === undefined ? study?.series : study?.series.filter((series) => series.uid === seriesUid);
    for (const series of seriesList ?? []) {
      const found = series.instances.find((instance) => instance.sopInstanceUid === sopInstanceUid);
      if (found) return found;
    }
    return undefined;
  }

  allSeries(): SeriesEntry[] {
    return this.studies.flatMap((study) => study.series);
  }

  allInstances(): InstanceRecord[] {
    return this.allSeries().flatMap((series) => series.instances);
  }
}

/** Groups `records` into studies and series; a repeated SOP Instance UID keeps its first file. */
export function buildArchiveIndex(records: readonly InstanceRecord[]): ArchiveIndex {
  const seen = new Set<string>();
  const studies = new Map<string, Map<string, InstanceRecord[]>>();
  for (const record of records) {
    if (seen.has(record.sopInstanceUid)) continue;
    seen.add(record.sopInstanceUid);
    const seriesMap = studies.get(record.studyInstanceUid) ?? new Map<string, InstanceRecord[]>();
    studies.set(record.studyInstanceUid, seriesMap);
    const list = seriesMap.get(record.seriesInstanceUid) ?? [];
    seriesMap.set(record.seriesInstanceUid, list);
    list.push(record);
  }
  const entries: StudyEntry[] = [];
  for (const [studyUid, seriesMap] of studies) {
    const series: SeriesEntry[] = [...seriesMap].map(([uid, instances]) => ({
      uid,
      studyUid,
      instances: instances.sort((a, b) =>
        compareNumbersThenText(firstNumber(a.dataset, '00200013'), firstNumber(b.dataset, '00200013'), a.sopInstanceUid, b.sopInstanceUid),
      ),
    }));
    series.sort((a, b) =>
      compareNumbersThenText(firstNumber(representative(a).dataset, '00200011'), firstNumber(representative(b).dataset, '00200011'), a.uid, b.uid),
    );
    const all = series.flatMap((entry) => entry.instances);
    const distinct = (tag: string) => [...new Set(all.map((instance) => firstString(instance.dataset, tag)).filter((value): value is string => !!value))].sort();
    entries.push({ uid: studyUid, series, instanceCount: all.length, modalities: distinct('00080060'), sopClasses: distinct('00080016') });
  }
  const dateTime = (study: StudyEntry) => {
    const { dataset } = representative(study);
    return `${firstString(dataset, '00080020') ?? ''}${(firstString(dataset, '00080030') ?? '').padEnd(13, '0')}`;
  };
  entries.sort((a, b) => {
    const byDate = dateTime(b).localeCompare(dateTime(a));
    return byDate !== 0 ? byDate : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
  });
  return new ArchiveIndex(entries);
}
