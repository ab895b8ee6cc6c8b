/**
 * The attributes that QIDO-RS returns by default at each level (PS3.18 §10.6.3.3, Tables 10.6.3-3, 10.6.3-4 and
 * 10.6.3-5), plus a few that viewers list (Issuer of Patient ID, Study Description, Body Part Examined, Series
 * Date and Time), and the attributes computed from the archive's contents rather than read from a data set
 * (PS3.4 §C.3.4: number of related series and instances, modalities and SOP classes in study; PS3.18 §10.6.3.3:
 * Retrieve URL).
 */
import type { DcmjsElement } from '../dicom/dcmjsApi.ts';
import type { InstanceRecord } from '../dicom/indexPart10File.ts';
import type { SeriesEntry, StudyEntry } from '../store/archiveIndex.ts';

export type QidoLevel = 'study' | 'series' | 'instance';

export const STUDY_DEFAULT_TAGS = [
  '00080020', // Study Date
  '00080030', // Study Time
  '00080050', // Accession Number
  '00080056', // Instance Availability
  '00080061', // Modalities in Study
  '00080090', // Referring Physician's Name
  '00080201', // Timezone Offset From UTC
  '00081030', // Study Description
  '00081190', // Retrieve URL
  '00100010', // Patient's Name
  '00100020', // Patient ID
  '00100021', // Issuer of Patient ID
  '00100030', // Patient's Birth Date
  '00100040', // Patient's Sex
  '0020000D', // Study Instance UID
  '00200010', // Study ID
  '00201206', // Number of Study Related Series
  '00201208', // Number of Study Related Instances
] as const;

export const SERIES_DEFAULT_TAGS = [
  '00080021', // Series Date
  '00080031', // Series Time
  '00080056', // Instance Availability
  '00080060', // Modality
  '00080201', // Timezone Offset From UTC
  '0008103E', // Series Description
  '00081190', // Retrieve URL
  '00180015', // Body Part Examined
  '0020000E', // Series Instance UID
  '00200011', // Series Number
  '00201209', // Number of Series Related Instances
  '00400244', // Performed Procedure Step Start Date
  '00400245', // Performed Procedure Step Start Time
  '00400275', // Request Attributes Sequence
] as const;

export const INSTANCE_DEFAULT_TAGS = [
  '00080016', // SOP Class UID
  '00080018', // SOP Instance UID
  '00080056', // Instance Availability
  '00080201', // Timezone Offset From UTC
  '00081190', // Retrieve URL
  '00200013', // Instance Number
  '00280008', // Number of Frames
  '00280010', // Rows
  '00280011', // Columns
  '00280100', // Bits Allocated
] as const;

/** The entity a result stands for, with its parents. */
export interface QidoEntity {
  level: QidoLevel;
  study: StudyEntry;
  series?: SeriesEntry;
  instance?: InstanceRecord;
}

/** Retrieve URL of the entity (PS3.18 §10.4.1: the Study, Series or Instance resource). */
export function retrieveUrl(root: string, entity: QidoEntity): string {
  const study = `${root}/studies/${entity.study.uid}`;
  if (entity.level === 'study' || !entity.series) return study;
  const series = `${study}/series/${entity.series.uid}`;
  if (entity.level === 'series' || !entity.instance) return series;
  return `${series}/instances/${entity.instance.sopInstanceUid}`;
}

/** Attributes computed by the archive, or undefined when `tag` is read from the data set. */
export function computedElement(tag: string, entity: QidoEntity, root: string): DcmjsElement | undefined {
  switch (tag) {
    case '00080056':
      return { vr: 'CS', Value: ['ONLINE'] };
    case '00080061':
      return { vr: 'CS', Value: entity.study.modalities };
    case '00080062':
      return { vr: 'UI', Value: entity.study.sopClasses };
    case '00081190':
      return { vr: 'UR', Value: [retrieveUrl(root, entity)] };
    case '00201206':
      return { vr: 'IS', Value: [entity.study.series.length] };
    case '00201208':
      return { vr: 'IS', Value: [entity.study.instanceCount] };
    case '00201209':
      return entity.series ? { vr: 'IS', Value: [entity.series.instances.length] } : undefined;
    default:
      return undefined;
  }
}

/** Tags that are computed and therefore answered at the given level even though no data set holds them. */
export const COMPUTED_TAGS: Record<QidoLevel, readonly string[]> = {
  study: ['00080056', '00080061', '00080062', '00081190', '00201206', '00201208'],
  series: ['00080056', '00081190', '00201209'],
  instance: ['00080056', '00081190'],
};
