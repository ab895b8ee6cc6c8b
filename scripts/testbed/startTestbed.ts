/**
 * The real test bed: two Orthanc archives (one per demo hospital) loaded with the generated demo studies, split by
 * site, plus a stand-alone PIXm service answering from the demo's table of persons (an external identity service,
 * `identity.pixm`); and a configuration file pointing at them, used through `npm start -- --config FILE` exactly as
 * a deployment would.
 *
 * The identity manager (`identity.manager`) is tested on a variant of this configuration with `auth`
 * (e2e/support/identityManagerGateway.ts): its feeds need tokens the gateway checks against `auth.issuer`, and sign-in
 * on the shared gateway would ask every other spec to sign in.
 *
 * The chu archive asks for HTTP Basic authentication, as real archives do: its password is drawn at each start,
 * the configuration names it by environment variable (`credentials`), and `gatewayEnv` holds what a gateway on this
 * test bed needs in its environment.
 */
import { randomBytes } from 'node:crypto';
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
  /** Each archive; `orthancHeaders(archive)` gives the credentials of the one that asks for some. */
  archives: Record<DemoSiteKey, RunningOrthanc>;
  /** The environment a gateway started on `configFile` needs: the variables its `credentials` name. */
  gatewayEnv: Record<string, string>;
  pixmUrl: string;
  /** The database every gateway on this test bed shares (sessions, audit trail), as instances behind a load balancer do. */
  database: TestDatabase;
  stop(): Promise<void>;
}

/** The demo site whose archive asks for authentication, and the variables the configuration names. */
export const AUTHENTICATED_SITE: DemoSiteKey = 'chu';
export const ARCHIVE_USER_ENV = 'TESTBED_CHU_ARCHIVE_USER';
export const ARCHIVE_PASSWORD_ENV = 'TESTBED_CHU_ARCHIVE_PASSWORD';
const ARCHIVE_USER = 'passerelle';

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
    const archivePassword = randomBytes(18).toString('base64url');
    const gatewayEnv = { [ARCHIVE_USER_ENV]: ARCHIVE_USER, [ARCHIVE_PASSWORD_ENV]: archivePassword };
    const archives = {} as Record<DemoSiteKey, RunningOrthanc>;
    await Promise.all(
      demoSites.map(async (site) => {
        const archive = await startOrthanc({
          name: site.id,
          workDir: path.join(workDir, site.id),
          orthanc: prerequisites.orthanc,
          dicomwebPlugin: prerequisites.dicomwebPlugin,
          ...(site.key === AUTHENTICATED_SITE ? { users: { [ARCHIVE_USER]: archivePassword } } : {}),
        });
        started.push(() => archive.stop());
        const files = manifest.files.filter((file) => file.site === site.key).map((file) => path.join(options.cacheDir, file.path));
        const loadStarted = Date.now();
        await loadInstances(archive, files);
        const access = archive.authorization !== undefined ? ` (HTTP Basic, user ${ARCHIVE_USER}, password in ${ARCHIVE_PASSWORD_ENV})` : '';
        log(`Orthanc "${site.id}" at ${archive.dicomweb}${access}: ${files.length} instances loaded in ${Date.now() - loadStarted} ms`);
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
        ...(site.key === AUTHENTICATED_SITE ? { credentials: { type: 'basic' as const, usernameEnv: ARCHIVE_USER_ENV, passwordEnv: ARCHIVE_PASSWORD_ENV } } : {}),
      })),
      identity: { pixm: pixm.url },
      database: { url: database.appUrl },
    };
    const configFile = path.join(workDir, 'passerelle.json');
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    return { workDir, configFile, config, archives, gatewayEnv, pixmUrl: pixm.url, database, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
