/**
 * The embedded demo: generates (or reuses) the synthetic studies, serves each demo hospital's share through its
 * own DICOMweb archive and starts the demo PIXm service, all on loopback ports chosen by the system. Returns the
 * runtime configuration that points the gateway at them, exactly as a deployment's file would.
 */
import path from 'node:path';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { demoSites } from './demoSites.ts';
import { generateDemoStudies } from './generate/generateDemoStudies.ts';
import { startDemoArchive } from './archive/startDemoArchive.ts';
import { startDemoPixm, demoPixmPersons } from './pixm/startDemoPixm.ts';

export interface RunningDemo {
  config: RuntimeConfig;
  close(): Promise<void>;
}

export async function startDemo(cacheDir: string, log: (line: string) => void): Promise<RunningDemo> {
  const manifest = await generateDemoStudies(cacheDir, log);
  const closers: (() => Promise<void>)[] = [];
  const sites: RuntimeConfig['sites'] = [];
  for (const site of demoSites) {
    const files = manifest.files.filter((file) => file.site === site.key).map((file) => path.join(cacheDir, file.path));
    const archive = await startDemoArchive({ files, name: site.name });
    closers.push(() => archive.close());
    sites.push({
      id: site.id,
      name: site.name,
      dicomweb: archive.url,
      issuerOfPatientId: site.issuerOfPatientId,
      patientIdSystem: site.patientIdSystem,
      timeoutMs: 8000,
    });
    log(`Demo archive "${site.name}": ${files.length} instances at ${archive.url}`);
  }
  const pixm = await startDemoPixm({ persons: demoPixmPersons() });
  closers.push(() => pixm.close());
  log(`Demo identity service (PIXm): ${pixm.url}`);
  return {
    config: { sites, identity: { pixm: pixm.url } },
    close: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
}
