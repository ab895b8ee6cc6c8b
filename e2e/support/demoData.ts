/**
 * What the end-to-end tests expect to find in the demo data: the demo sites, the studies of each demo person
 * (computed from the generator's catalogue and checked against the generated manifest) and the cross-site
 * patient keys of contract §4.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoSite, type DemoSite } from '../../server/demo/demoSites.ts';
import { demoStudies } from '../../server/demo/generate/demoCatalog.ts';
import { seriesInstanceUid, studyInstanceUid } from '../../server/demo/generate/demoUids.ts';
import type { DemoManifest } from '../../server/demo/generate/generateDemoStudies.ts';
import { patientKeyOf } from '../../src/domain/dicom/patientKey.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const demoCacheDir = path.join(projectRoot, '.cache', 'demo');

export const chu: DemoSite = demoSite('chu');
export const cgfl: DemoSite = demoSite('cgfl');

export interface ExpectedStudy {
  key: string;
  uid: string;
  siteId: string;
  /** YYYYMMDD */
  date: string;
  description: string;
}

let manifestUids: Set<string> | undefined;

/** The study UIDs of the generated demo (`.cache/demo/manifest.json`, written by the test bed). */
function generatedStudyUids(): Set<string> {
  if (!manifestUids) {
    const manifest = JSON.parse(fs.readFileSync(path.join(demoCacheDir, 'manifest.json'), 'utf8')) as DemoManifest;
    manifestUids = new Set(manifest.files.map((file) => `${file.site}/${file.studyInstanceUid}`));
  }
  return manifestUids;
}

/** A demo study by its catalogue key (`cgfl/B-778899/ct-tap-2026-06-30`), checked to be in the generated data. */
export function demoStudy(key: string): ExpectedStudy {
  const study = demoStudies.find((candidate) => candidate.key === key);
  if (!study) throw new Error(`no demo study ${key}`);
  const uid = studyInstanceUid(study);
  if (!generatedStudyUids().has(`${study.patient.site}/${uid}`)) {
    throw new Error(`demo study ${key} (${uid}) is not in the generated manifest of ${demoCacheDir}`);
  }
  return { key, uid, siteId: demoSite(study.patient.site).id, date: study.date, description: study.description };
}

/** The studies of one patient at one site, newest first. */
function studiesOf(siteKey: 'chu' | 'cgfl', patientId: string): ExpectedStudy[] {
  return demoStudies
    .filter((study) => study.patient.site === siteKey && study.patient.patientId === patientId)
    .map((study) => demoStudy(study.key));
}

export function newestFirst(studies: readonly ExpectedStudy[]): ExpectedStudy[] {
  return [...studies].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** DURAND Marie-Claire: A100001 at chu, B-778899 at cgfl (one person, linked by the identity service). */
export const durand = {
  get studies(): ExpectedStudy[] {
    return newestFirst([...studiesOf('chu', 'A100001'), ...studiesOf('cgfl', 'B-778899')]);
  },
  get cgflTap(): ExpectedStudy {
    return demoStudy('cgfl/B-778899/ct-tap-2026-06-30');
  },
  key: patientKeyOf([
    { siteId: chu.id, issuerOfPatientId: chu.issuerOfPatientId, patientId: 'A100001' },
    { siteId: cgfl.id, issuerOfPatientId: cgfl.issuerOfPatientId, patientId: 'B-778899' },
  ]) as string,
};

/** LEFÈVRE Hélène: A100002, chu only. */
export const lefevre = {
  get studies(): ExpectedStudy[] {
    return studiesOf('chu', 'A100002');
  },
  key: singleIdentityKey(chu, 'A100002'),
};

/** MARTIN Paul: 300042 at chu. */
export const martin = {
  get studies(): ExpectedStudy[] {
    return studiesOf('chu', '300042');
  },
  key: singleIdentityKey(chu, '300042'),
};

/** BERNARD Luc: 300042 at cgfl, another person than MARTIN Paul. */
export const bernard = {
  get studies(): ExpectedStudy[] {
    return newestFirst(studiesOf('cgfl', '300042'));
  },
  key: singleIdentityKey(cgfl, '300042'),
};

/** FANTOME^CODECS: QC-0001 at chu, the quality-control phantom whose one study holds the codec gallery. */
export const qcPhantom = {
  key: 'chu/QC-0001/controle-qualite-codecs',
  get study(): ExpectedStudy {
    return demoStudy(this.key);
  },
  /** The Series Instance UID of the series with this number (qcCases.ts). */
  seriesUid(seriesNumber: number): string {
    const study = demoStudies.find((candidate) => candidate.key === this.key);
    if (!study) throw new Error(`no demo study ${this.key}`);
    return seriesInstanceUid(study, seriesNumber);
  },
};

/** The files the generator wrote for one site (absolute paths). */
export function demoFilesOf(siteKey: 'chu' | 'cgfl'): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(demoCacheDir, 'manifest.json'), 'utf8')) as DemoManifest;
  return manifest.files.filter((file) => file.site === siteKey).map((file) => path.join(demoCacheDir, file.path));
}

/** The key of a person known by one identifier only (contract §4: site, issuer, patient ID). */
export function singleIdentityKey(site: DemoSite, patientId: string): string {
  return patientKeyOf([{ siteId: site.id, issuerOfPatientId: site.issuerOfPatientId, patientId }]) as string;
}

/** ROUX Sophie Anne: A100005 at chu (birth name), GIRARD at cgfl (B-812345, married name), the same INS at both. */
export const roux = {
  ins: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '276099913407825' },
  get studies(): ExpectedStudy[] {
    return newestFirst([...studiesOf('chu', 'A100005'), ...studiesOf('cgfl', 'B-812345')]);
  },
  key: patientKeyOf([
    { siteId: chu.id, issuerOfPatientId: chu.issuerOfPatientId, patientId: 'A100005' },
    { siteId: cgfl.id, issuerOfPatientId: cgfl.issuerOfPatientId, patientId: 'B-812345' },
  ]) as string,
};
