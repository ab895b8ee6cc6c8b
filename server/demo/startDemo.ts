/**
 * The embedded demo: generates (or reuses) the synthetic studies, serves each demo hospital's share through its
 * own DICOMweb archive and starts the demo OpenID provider, all on loopback ports chosen by the system. Returns the
 * runtime configuration that points the gateway at them, exactly as a deployment's file would, with the gateway's
 * client secret (generated at this start, handed over in-process). Its identity service is Passerelle's own
 * identity cross-reference manager (`identity.manager`), which learns the demo's patients from the demo archives
 * with its harvest (`identity.manager.harvest`), run once at each start (`learnPatients`): the first start reads
 * every study, a later one only the studies from each site's watermark on.
 */
import path from 'node:path';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { demoSites } from './demoSites.ts';
import { generateDemoStudies } from './generate/generateDemoStudies.ts';
import { startDemoArchive } from './archive/startDemoArchive.ts';
import type { IdentityHarvest } from '../identity/harvest/identityHarvest.ts';
import type { IdentityManager } from '../identity/identityManager.ts';
import { demoRolesConfig } from './idp/demoUsers.ts';
import { PASSERELLE_CLIENT_ID, startDemoIdp } from './idp/startDemoIdp.ts';

export interface RunningDemo {
  config: RuntimeConfig;
  /** The gateway's client secret at the demo provider. */
  clientSecret: string;
  /** Tells the demo provider where the gateway listens (its redirect URIs). */
  allowGateway(origins: readonly string[]): void;
  /**
   * Runs the gateway's harvest of the demo archives (the first start learns every patient, a later one what is new)
   * and logs how many patients it learnt and how long it took; resolves when it is over, never rejects.
   */
  learnPatients(identity: { harvest: IdentityHarvest; manager: IdentityManager }): Promise<void>;
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
      // No schedule: the demo archives never change; the run at start (`learnPatients`) is the only one.
      identity: { manager: { harvest: {} } },
      auth: { issuer: idp.issuer, clientId: PASSERELLE_CLIENT_ID, roles: demoRolesConfig },
    },
    clientSecret: idp.clientSecret,
    allowGateway: (origins) => idp.allowGateway(origins),
    learnPatients: async ({ harvest, manager }) => {
      const started = performance.now();
      try {
        const statuses = await harvest.run();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const learnt = statuses.reduce((sum, status) => sum + status.patientsLearnt, 0);
        const studies = statuses.reduce((sum, status) => sum + status.studiesRead, 0);
        log(`Demo identity manager: ${learnt} patients learnt from the archives in ${seconds} s (${studies} studies read; ${describeWeights(manager)})`);
        for (const failed of statuses.filter((status) => status.state === 'failed')) log(`Demo identity manager: the harvest of ${failed.siteId} failed: ${failed.error ?? 'no reason given'}`);
      } catch (error) {
        log(`Demo identity manager: the harvest failed: ${(error as Error).message}`);
      }
    },
    close: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
}

/** Where the matcher's weights come from, in words, for the start's log. */
export function describeWeights(manager: IdentityManager): string {
  const origin = manager.weightsOrigin();
  if (!origin) return 'matcher weights: calibrated';
  const when = origin.learntAt.toISOString();
  return origin.source === 'em'
    ? `matcher weights: learnt by EM from ${origin.records} records at ${when}`
    : `matcher weights: calibrated (EM over ${origin.records} records at ${when} kept them: too few pairs to estimate from)`;
}
