import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../shared/projectRoot.ts';

// OHIF: the published package's built app, fetched on first use.

export const OHIF_VERSION = '3.13.2';
const OHIF_DIR = path.join(projectRoot, '.cache', 'ohif');

export function ensureOhif(): string {
  const dist = path.join(OHIF_DIR, 'package', 'dist');
  if (fs.existsSync(path.join(dist, 'index.html'))) return dist;
  fs.mkdirSync(OHIF_DIR, { recursive: true });
  console.log(`Fetching @ohif/app@${OHIF_VERSION} into ${OHIF_DIR} (npm pack)…`);
  const pack = spawnSync('npm', ['pack', `@ohif/app@${OHIF_VERSION}`, '--pack-destination', OHIF_DIR, '--silent'], { encoding: 'utf8', timeout: 600_000 });
  if (pack.status !== 0) throw new Error(`npm pack @ohif/app@${OHIF_VERSION} failed: ${pack.stderr || pack.stdout}`);
  const tarball = path.join(OHIF_DIR, pack.stdout.trim().split('\n').pop() as string);
  const untar = spawnSync('tar', ['xzf', tarball, '-C', OHIF_DIR], { encoding: 'utf8', timeout: 300_000 });
  if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed: ${untar.stderr}`);
  fs.rmSync(tarball, { force: true });
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`@ohif/app@${OHIF_VERSION} holds no built app (${dist}/index.html)`);
  return dist;
}

export function ohifAppConfig(): string {
  const dataSource = {
    namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
    sourceName: 'dicomweb',
    configuration: {
      friendlyName: 'Bench Orthanc',
      name: 'orthanc',
      wadoUriRoot: '/dicom-web',
      qidoRoot: '/dicom-web',
      wadoRoot: '/dicom-web',
      qidoSupportsIncludeField: true,
      supportsReject: false,
      imageRendering: 'wadors',
      thumbnailRendering: 'wadors',
      enableStudyLazyLoad: true,
      supportsFuzzyMatching: false,
      supportsWildcard: true,
      staticWado: false,
      singlepart: 'bulkdata,video',
      bulkDataURI: { enabled: true, relativeResolution: 'studies' },
      omitQuotationForMultipartRequest: true,
    },
  };
  return `window.config = ${JSON.stringify(
    {
      routerBasename: '/',
      extensions: [],
      modes: [],
      customizationService: {},
      showStudyList: true,
      maxNumberOfWebWorkers: 3,
      showWarningMessageForCrossOrigin: false,
      showCPUFallbackMessage: false,
      showLoadingIndicator: true,
      strictZSpacingForVolumeViewport: true,
      maxNumRequests: { interaction: 100, thumbnail: 75, prefetch: 25 },
      defaultDataSourceName: 'dicomweb',
      dataSources: [dataSource],
    },
    null,
    2,
  )};\n`;
}
