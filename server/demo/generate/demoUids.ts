/**
 * The UIDs of the demo's studies, series, instances and frames of reference, each derived from a stable name
 * (see `uidFromName`), so they are the same on every run and can be computed without generating the data.
 */
import { uidFromName } from './uid.ts';
import { generatorVersion } from './generatorVersion.ts';
import type { DemoStudy } from './demoCatalog.ts';

const root = `passerelle-demo/v${generatorVersion}`;

export function studyInstanceUid(study: DemoStudy): string {
  return uidFromName(`${root}/study/${study.key}`);
}

export function seriesInstanceUid(study: DemoStudy, seriesNumber: number): string {
  return uidFromName(`${root}/study/${study.key}/series/${seriesNumber}`);
}

/** Instance `index` (0-based, in acquisition order) of a series. */
export function sopInstanceUid(study: DemoStudy, seriesNumber: number, index: number): string {
  return uidFromName(`${root}/study/${study.key}/series/${seriesNumber}/instance/${index}`);
}

/** One frame of reference per study: all its series share the acquisition's patient coordinate system. */
export function frameOfReferenceUid(study: DemoStudy): string {
  return uidFromName(`${root}/study/${study.key}/frame-of-reference`);
}

/** Seed name of an instance's pixel noise. */
export function instanceSeedName(study: DemoStudy, seriesNumber: number, index: number): string {
  return `${root}/study/${study.key}/series/${seriesNumber}/instance/${index}/pixels`;
}
