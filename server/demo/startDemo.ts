/**
 * The embedded demo: generates (or reuses) the synthetic studies, serves each demo hospital's share through its
 * own DICOMweb archive and starts the demo OpenID provider, all on loopback ports chosen by the system. Returns the
 * runtime configuration that points the gateway at them, exactly as a deployment's file would, with the gateway's
 * client secret (generated at this start, handed over in-process). Its identity service is Passerelle's own
 * identity cross-reference manager (`identity.manager`), which learns the demo's patients at start
 * (`learnPatients`, demoIdentityFeed.ts).
 */
import path from 'node:path';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { demoSites } from './demoSites.ts';
import { generateDemoStudies } from './generate/generateDemoStudies.ts';
import { startDemoArchive } from './archive/startDemoArchive.ts';
import type { AppDatabase } from '../db/databaseSchema.ts';
import { createIdentityManager } from '../identity/identityManager.ts';
import { feedDemoIdentities } from './demoIdentityFeed.ts';
import { demoRolesConfig } from './idp/demoUsers.ts';
import { PASSERELLE_CLIENT_ID, startDemoIdp } from './idp/startDemoIdp.ts';

export interface RunningDemo {
  config: RuntimeConfig;
  /** The gateway's client secret at the demo provider. */
  clientSecret: string;
  /** Tells the demo provider where the gateway listens (its redirect URIs). */
  allowGateway(origins: readonly string[]): void;
  /** Feeds the demo's patients into the identity manager on this database, as each site's feeding system would. */
  learnPatients(db: AppDatabase): Promise<void>;
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
  const idp = await startDemoIdp();
  closers.push(() => idp.close());
  log(`Demo sign-in (OpenID provider): ${idp.issuer} (users radiologue, medecin, identito, dpo; password demo)`);
  return {
    config: {
      sites,
      identity: { manager: {} },
      auth: { issuer: idp.issuer, clientId: PASSERELLE_CLIENT_ID, roles: demoRolesConfig },
    },
    clientSecret: idp.clientSecret,
    allowGateway: (origins) => idp.allowGateway(origins),
    learnPatients: async (db) => {
      const count = await feedDemoIdentities(createIdentityManager({ db, sites }));
      log(`Demo identity manager: ${count} patient records fed by the sites' feeding systems (flux-chu, flux-cgfl)`);
    },
    close: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
}
