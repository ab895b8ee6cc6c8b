/**
 * The real test bed: two Orthanc archives (one per demo hospital) loaded with the generated demo studies, split by
 * site, plus the demo PIXm service; and a configuration file pointing at them, used through
 * `npm start -- --config FILE` exactly as a deployment would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { demoSites, type DemoSiteKey } from '../../server/demo/demoSites.ts';
import { generateDemoStudies } from '../../server/demo/generate/generateDemoStudies.ts';
import { startDemoPixm, demoPixmPersons } from '../../server/demo/pixm/startDemoPixm.ts';
import { requirePrerequisites } from './prerequisites.ts';
import { loadInstances, startOrthanc, type RunningOrthanc } from './startOrthanc.ts';
import { startPostgres } from './startPostgres.ts';
import { createTestDatabase, type TestDatabase } from './testDatabase.ts';

export interface Testbed {
  workDir: string;
  configFile: string;
  config: RuntimeConfig;
  archives: Record<DemoSiteKey, RunningOrthanc>;
  pixmUrl: string;
  /** The database every gateway on this test bed shares (sessions, audit trail), as instances behind a load balancer do. */
  database: TestDatabase;
  stop(): Promise<void>;
}

export async function startTestbed(options: { cacheDir: string; log?: (line: string) => void; timeoutMs?: number }): Promise<Testbed> {
  const log = options.log ?? (() => undefined);
  const prerequisites = requirePrerequisites();
  const manifest = await generateDemoStudies(options.cacheDir, log);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-testbed-'));
  const started: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const close of started.reverse()) await close().catch(() => undefined);
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const archives = {} as Record<DemoSiteKey, RunningOrthanc>;
    await Promise.all(
      demoSites.map(async (site) => {
        const archive = await startOrthanc({
          name: site.id,
          workDir: path.join(workDir, site.id),
          orthanc: prerequisites.orthanc,
          dicomwebPlugin: prerequisites.dicomwebPlugin,
        });
        started.push(() => archive.stop());
        const files = manifest.files.filter((file) => file.site === site.key).map((file) => path.join(options.cacheDir, file.path));
        const loadStarted = Date.now();
        await loadInstances(archive.httpUrl, files);
        log(`Orthanc "${site.id}" at ${archive.dicomweb}: ${files.length} instances loaded in ${Date.now() - loadStarted} ms`);
        archives[site.key] = archive;
      }),
    );
    const pixm = await startDemoPixm({ persons: demoPixmPersons() });
    started.push(() => pixm.close());
    const postgres = await startPostgres();
    started.push(() => postgres.stop());
    const database = await createTestDatabase(postgres.adminUrl, 'passerelle_testbed');
    const config: RuntimeConfig = {
      sites: demoSites.map((site) => ({
        id: site.id,
        name: site.name,
        dicomweb: archives[site.key].dicomweb,
        issuerOfPatientId: site.issuerOfPatientId,
        patientIdSystem: site.patientIdSystem,
        timeoutMs: options.timeoutMs ?? 8000,
      })),
      identity: { pixm: pixm.url },
      database: { url: database.appUrl },
    };
    const configFile = path.join(workDir, 'passerelle.json');
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    return { workDir, configFile, config, archives, pixmUrl: pixm.url, database, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
