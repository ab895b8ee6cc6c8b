import type { BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoSite } from '../../server/demo/demoSites.ts';
import { generateDemoStudies } from '../../server/demo/generate/generateDemoStudies.ts';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { startGateway } from '../../e2e/support/startGateway.ts';
import { freePort } from '../../scripts/testbed/freePort.ts';
import { requirePrerequisites } from '../../scripts/testbed/prerequisites.ts';
import { loadInstances, startOrthanc, type RunningOrthanc } from '../../scripts/testbed/startOrthanc.ts';
import type { Closer } from '../shared/benchLifetime.ts';
import { projectRoot as root } from '../shared/projectRoot.ts';
import { archiveFrameRate } from './archiveFrameRate.ts';
import { ensureOhif } from './ohifApp.ts';
import { startOhifServer } from './ohifServer.ts';
import { snapshotPasserelle } from './passerelleSnapshot.ts';
import { startBenchSignIn } from './signedInContext.ts';
import type { Target, ViewerName } from './viewerTypes.ts';

export interface ViewerBenchSetup {
  chromium: string;
  sliceCount: number;
  gatewayUrl: string;
  ohifUrl: string;
  archive: Awaited<ReturnType<typeof archiveFrameRate>>;
  targets: Record<ViewerName, Target>;
}

/** The demo's chu CT (its largest chu series: 120 slices 512×512, JPEG-LS lossless) and the files of its study. */
export async function demoCtStudy(): Promise<{ studyUid: string; seriesUid: string; sliceCount: number; studyFiles: string[] }> {
  const cacheDir = path.join(root, '.cache', 'demo');
  const manifest = await generateDemoStudies(cacheDir, (line) => console.log(line));
  const seriesSizes = new Map<string, number>();
  for (const file of manifest.files.filter((candidate) => candidate.site === 'chu')) {
    const key = `${file.studyInstanceUid}|${file.seriesInstanceUid}`;
    seriesSizes.set(key, (seriesSizes.get(key) ?? 0) + 1);
  }
  const [largest, sliceCount] = [...seriesSizes.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
  const [studyUid, seriesUid] = largest.split('|') as [string, string];
  const studyFiles = manifest.files.filter((file) => file.site === 'chu' && file.studyInstanceUid === studyUid).map((file) => path.join(cacheDir, file.path));
  return { studyUid, seriesUid, sliceCount, studyFiles };
}

/** `signIn`: Passerelle with `auth` on the demo's OpenID provider, each browser context signed in before it is measured. */
export interface ViewerSetupOptions {
  signIn?: boolean;
}

/**
 * Passerelle (a private copy of the app under `workDir`) with one site on `orthanc`, and OHIF's built app `dist`
 * served with a proxy to it; `targets(studyUid)` gives each viewer's URL of a study.
 */
export async function startViewers(closers: Closer[], workDir: string, orthanc: RunningOrthanc, dist: string, options: ViewerSetupOptions = {}): Promise<{ gatewayUrl: string; ohifUrl: string; targets(studyUid: string): Record<ViewerName, Target> }> {
  const chu = demoSite('chu');
  const config: RuntimeConfig = {
    sites: [{ id: chu.id, name: chu.name, dicomweb: orthanc.dicomweb, issuerOfPatientId: chu.issuerOfPatientId, patientIdSystem: chu.patientIdSystem, timeoutMs: 30_000 }],
  };
  const port = await freePort();
  const signIn = options.signIn ? await startBenchSignIn(closers, `http://127.0.0.1:${port}`) : undefined;
  if (signIn) config.auth = signIn.auth;
  const configFile = path.join(workDir, 'passerelle.json');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const gateway = await startGateway(configFile, snapshotPasserelle(path.join(workDir, 'passerelle')), { port, ...(signIn ? { env: signIn.env } : {}) });
  closers.push(() => gateway.stop());
  const ohif = await startOhifServer(dist, orthanc.httpUrl);
  closers.push(() => ohif.close());
  return {
    gatewayUrl: gateway.url,
    ohifUrl: ohif.url,
    targets: (studyUid) => ({
      passerelle: {
        url: `${gateway.url}/viewer/${encodeURIComponent(chu.id)}/${studyUid}`,
        viewportSelector: '[data-testid=viewport] .viewport-canvas',
        ...(signIn ? { prepareContext: (context: BrowserContext) => signIn.signIn(context, gateway.url) } : {}),
      },
      ohif: { url: `${ohif.url}/viewer?StudyInstanceUIDs=${studyUid}`, viewportSelector: '[data-cy=viewport-pane] canvas.cornerstone-canvas, .viewport-element canvas' },
    }),
  };
}

/**
 * The chu CT study in one Orthanc with its DICOMweb plugin; Passerelle (a private copy of the app) with one site on
 * it, with sign-in where `options` asks; OHIF's built app served with a proxy to it; the archive's own frame rate (one warm-up pass, then 3).
 */
export async function setUpViewerBench(closers: Closer[], options: ViewerSetupOptions = {}): Promise<ViewerBenchSetup> {
  const prerequisites = requirePrerequisites();
  const dist = ensureOhif();
  const { studyUid, seriesUid, sliceCount, studyFiles } = await demoCtStudy();

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-viewer-bench-'));
  closers.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const orthanc = await startOrthanc({ name: demoSite('chu').id, workDir: path.join(workDir, 'orthanc'), orthanc: prerequisites.orthanc, dicomwebPlugin: prerequisites.dicomwebPlugin });
  closers.push(() => orthanc.stop());
  await loadInstances(orthanc.httpUrl, studyFiles);
  console.log(`Orthanc ${orthanc.dicomweb}: study ${studyUid} (${studyFiles.length} instances; CT series of ${sliceCount} slices)`);
  const viewers = await startViewers(closers, workDir, orthanc, dist, options);

  const archive = await archiveFrameRate(orthanc.dicomweb, studyUid, seriesUid);
  for (let i = 0; i < 3; i += 1) await archive.sample();
  console.log(`Archive alone: ${archive.frames} frames in ${Math.round(archive.ms())} ms (6 in parallel, median of 3) = ${archive.fps().toFixed(1)} frames/s`);
  return { chromium: prerequisites.chromium, sliceCount, gatewayUrl: viewers.gatewayUrl, ohifUrl: viewers.ohifUrl, archive, targets: viewers.targets(studyUid) };
}
