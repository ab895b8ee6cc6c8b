/**
 * QIDO-RS searches (PS3.18 §10.6) over the archive index: match every query key against each entity of the
 * target level within the scope of the URL, page the ordered matches (§8.3.4.4.1), and answer each match with the
 * level's attributes (§10.6.3.3) in the DICOM JSON Model.
 */
import type { DcmjsElement } from '../dicom/dcmjsApi.ts';
import { toDicomJsonElement, type DicomJson } from '../dicom/dicomJson.ts';
import { notFound } from '../http/httpProblem.ts';
import { representative, type ArchiveIndex } from '../store/archiveIndex.ts';
import type { QidoQuery } from './parseQidoQuery.ts';
import {
  COMPUTED_TAGS,
  computedElement,
  INSTANCE_DEFAULT_TAGS,
  SERIES_DEFAULT_TAGS,
  STUDY_DEFAULT_TAGS,
  type QidoEntity,
  type QidoLevel,
} from './qidoAttributes.ts';

export interface QidoScope {
  studyUid?: string;
  seriesUid?: string;
}

export interface QidoResult {
  matches: DicomJson[];
  /** Matches after the returned ones, which a further request with a larger offset would return. */
  remaining: number;
}

function entitiesInScope(index: ArchiveIndex, level: QidoLevel, scope: QidoScope): QidoEntity[] {
  const study = scope.studyUid === undefined ? undefined : index.study(scope.studyUid);
  if (scope.studyUid !== undefined && !study) throw notFound(`no study ${scope.studyUid} in this archive`);
  if (level === 'study') return index.studies.map((entry) => ({ level, study: entry }));
  const studies = study ? [study] : index.studies;
  const seriesList = studies.flatMap((entry) => entry.series.map((series) => ({ study: entry, series })));
  if (level === 'series') return seriesList.map((entry) => ({ level, ...entry }));
  const scoped = scope.seriesUid === undefined ? seriesList : seriesList.filter((entry) => entry.series.uid === scope.seriesUid);
  if (scope.seriesUid !== undefined && scoped.length === 0) throw notFound(`no series ${scope.seriesUid} in study ${scope.studyUid ?? ''}`);
  return scoped.flatMap((entry) => entry.series.instances.map((instance) => ({ level, ...entry, instance })));
}

function recordOf(entity: QidoEntity) {
  if (entity.instance) return entity.instance;
  return entity.series ? representative(entity.series) : representative(entity.study);
}

function elementFor(tag: string, entity: QidoEntity, root: string): DcmjsElement | undefined {
  return computedElement(tag, entity, root) ?? recordOf(entity).dataset[tag];
}

function responseTags(level: QidoLevel, scope: QidoScope, query: QidoQuery, entity: QidoEntity): string[] {
  const tags = new Set<string>();
  const add = (list: readonly string[]) => list.forEach((tag) => tags.add(tag));
  if (level === 'study') add(STUDY_DEFAULT_TAGS);
  if (level === 'series') {
    add(SERIES_DEFAULT_TAGS);
    tags.add('0020000D');
    if (scope.studyUid === undefined) add(STUDY_DEFAULT_TAGS);
  }
  if (level === 'instance') {
    add(INSTANCE_DEFAULT_TAGS);
    add(['0020000D', '0020000E']);
    if (scope.seriesUid === undefined) add(SERIES_DEFAULT_TAGS);
    if (scope.studyUid === undefined) add(STUDY_DEFAULT_TAGS);
  }
  add(query.keys.map((key) => key.tag));
  add(query.includeTags);
  if (query.includeAll) {
    add(Object.keys(recordOf(entity).dataset));
    add(COMPUTED_TAGS[level]);
  }
  return [...tags].sort();
}

export function searchArchive(index: ArchiveIndex, level: QidoLevel, scope: QidoScope, query: QidoQuery, root: string): QidoResult {
  const matching = entitiesInScope(index, level, scope).filter((entity) =>
    query.keys.every((key) => key.match(elementFor(key.tag, entity, root)?.Value ?? [])),
  );
  const start = Math.min(query.offset, matching.length);
  const end = query.limit === undefined ? matching.length : Math.min(matching.length, start + query.limit);
  const matches = matching.slice(start, end).map((entity) => {
    const out: DicomJson = {};
    const record = recordOf(entity);
    for (const tag of responseTags(level, scope, query, entity)) {
      if (tag === '7FE00010' || tag.startsWith('0002')) continue;
      const element = elementFor(tag, entity, root);
      const converted = element && toDicomJsonElement(element, tag, { bulkPaths: record.bulk });
      if (converted) out[tag] = converted;
    }
    return out;
  });
  return { matches, remaining: matching.length - end };
}
