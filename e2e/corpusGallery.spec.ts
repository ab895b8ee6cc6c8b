/**
 * The corpus gallery: pydicom's public test files (Debian's python3-pydicom), one study each with fresh UIDs, in an
 * Orthanc 1.10 + DICOMweb 1.7 of its own behind a gateway of its own. Each study is opened by an IID study launch
 * (RAD-106) and shown with the single-study protocol; what the reader gets is compared, file by file, with the
 * table of corpusExpectations.ts: shown (the picture checked against an independent rendering), or a clear error
 * naming why. No page error may occur, and Orthanc is checked alive after each study: one that died is recorded
 * as an archive crash of that study and restarted on its storage, so the other files still get their outcome.
 *
 * One test walks the files (a failed test would restart the worker, and with it the archive and the gateway), with
 * a step and a soft expectation per file, on one page (see corpusViewer.ts); it prints a line per file and the tally, and writes them to
 * test-results/corpus-gallery.json (Orthanc's log beside it, and in corpus-gallery/ a screenshot of each wrong picture).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CORPUS_ISSUER, prepareDicomCorpus, type CorpusManifest } from '../scripts/testbed/dicomCorpus.ts';
import type { RuntimeConfig } from '../src/domain/config/runtimeConfig.ts';
import { cleanupAfterEach } from './support/cleanupAfterEach.ts';
import { startCorpusArchive, type CorpusArchive } from './support/corpusArchive.ts';
import { corpusExpectations, describeExpectation, type CorpusExpectation } from './support/corpusExpectations.ts';
import { bitsOf, outcomeLine, tally, tallyLine, writeReport, type FileOutcome, type Seen } from './support/corpusReport.ts';
import { galleryPage, noEvents, type PageEvents } from './support/corpusViewer.ts';
import { projectRoot } from './support/demoData.ts';
import { startGateway } from './support/startGateway.ts';
import { writeVariantConfig } from './support/variantConfig.ts';

const cleanups = cleanupAfterEach();
const SITE_ID = 'pydicom';
const SITE_TIMEOUT_MS = 8000;
/** How long a study may take to settle: the site's timeout and a margin for the page's start. */
const SETTLE_MS = SITE_TIMEOUT_MS + 7000;
const reportFile = path.join(projectRoot, 'test-results', 'corpus-gallery.json');

function meets(expectation: CorpusExpectation | undefined, seen: Seen, clean: boolean): boolean {
  if (!expectation || !clean) return false;
  if ('shown' in expectation) return seen.kind === 'shown';
  if ('error' in expectation) return seen.kind === 'error' && expectation.error.test(seen.message);
  return seen.kind === 'refused' && expectation.refused.test(seen.message);
}

/** The archive crash after a study, if any, with the requests that failed and Orthanc's last words; restarts it. */
async function archiveCrashAfter(archive: CorpusArchive, events: PageEvents): Promise<string | undefined> {
  const problem = await archive.problem();
  if (!problem) return undefined;
  const crash = [problem, ...events.archiveRequests.map((request) => `request: ${request}`), 'Orthanc log, last lines:', archive.logTail(12)].join('\n');
  await archive.restart();
  return crash;
}

async function startGallery(manifest: CorpusManifest): Promise<{ archive: CorpusArchive; baseUrl: string }> {
  const archive = await startCorpusArchive(manifest);
  cleanups.push(async () => {
    await archive.stop();
    fs.mkdirSync(path.dirname(reportFile), { recursive: true });
    fs.copyFileSync(path.join(archive.workDir, 'orthanc.log'), reportFile.replace(/\.json$/, '-orthanc.log'));
    fs.rmSync(archive.workDir, { recursive: true, force: true });
  });
  const config: RuntimeConfig = {
    sites: [
      {
        id: SITE_ID,
        name: 'pydicom test files',
        dicomweb: archive.dicomweb,
        issuerOfPatientId: CORPUS_ISSUER,
        patientIdSystem: 'urn:oid:1.2.250.1.999.9.1',
        timeoutMs: SITE_TIMEOUT_MS,
      },
    ],
  };
  const variant = writeVariantConfig(config, () => undefined);
  cleanups.push(() => variant.remove());
  const gateway = await startGateway(variant.file, projectRoot);
  cleanups.push(() => gateway.stop());
  return { archive, baseUrl: gateway.url };
}

test('every pydicom test file is shown, or says why it cannot, with no page error and Orthanc alive', async ({ context }) => {
  test.setTimeout(900_000);
  const manifest = await prepareDicomCorpus(path.join(projectRoot, '.cache'), (line) => console.log(line));
  const { archive, baseUrl } = await startGallery(manifest);
  const gallery = galleryPage(context, {
    baseUrl,
    siteId: SITE_ID,
    settleMs: SETTLE_MS,
    screenshotDir: reportFile.replace(/\.json$/, ''),
    useReference: (file) => {
      const expectation = corpusExpectations[file.file];
      return !(expectation && 'shown' in expectation && expectation.referenceWrong);
    },
  });
  const outcomes: FileOutcome[] = [];
  // CORPUS_FILES=a.dcm,b.dcm opens only those (to look at a few files); the gallery as a whole opens them all.
  const only = process.env.CORPUS_FILES?.split(',').filter(Boolean);
  for (const file of manifest.files.filter((candidate) => !only || only.includes(candidate.file))) {
    await test.step(file.file, async () => {
      const started = Date.now();
      const events = noEvents();
      const upload = archive.uploads.find((candidate) => candidate.file === file.file);
      const expected = corpusExpectations[file.file];
      const twin = expected && 'shown' in expected && expected.referenceOf ? manifest.files.find((candidate) => candidate.file === expected.referenceOf?.file) : undefined;
      const decodedSize = expected && 'shown' in expected ? expected.decodedSize : undefined;
      const checked = { ...file, ...(twin ? { reference: twin.reference } : {}), ...(decodedSize ? { rows: decodedSize.rows, columns: decodedSize.columns } : {}) };
      const seen: Seen = upload?.accepted ? await gallery.open(checked, events) : { kind: 'refused', message: upload?.message ?? 'not uploaded' };
      const archiveCrash = upload?.accepted ? await archiveCrashAfter(archive, events) : undefined;
      const expectation = corpusExpectations[file.file];
      const outcome: FileOutcome = {
        file: file.file,
        transferSyntaxUid: file.transferSyntaxUid,
        photometric: file.photometric,
        bits: bitsOf(file),
        imageStudy: Boolean(upload?.accepted && file.rows && file.columns),
        seen,
        pageErrors: events.pageErrors,
        consoleErrors: events.consoleErrors,
        archiveRequests: events.archiveRequests,
        ...(archiveCrash ? { archiveCrash } : {}),
        expected: describeExpectation(expectation),
        met: meets(expectation, seen, events.pageErrors.length === 0 && !archiveCrash),
        ms: Date.now() - started,
      };
      outcomes.push(outcome);
      console.log(outcomeLine(outcome));
      expect.soft(outcome.met, outcomeLine(outcome)).toBe(true);
    });
  }
  writeReport(reportFile, outcomes);
  const counts = tally(outcomes);
  console.log(tallyLine(counts));
  expect(counts.pageErrors, 'page errors').toBe(0);
  expect(counts.archiveCrashes, 'archive crashes').toBe(0);
  expect(counts.silent, 'silent failures').toBe(0);
});
