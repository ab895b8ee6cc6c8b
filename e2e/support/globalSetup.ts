/**
 * Before the end-to-end tests: the real test bed (two Orthanc archives with the demo studies, the PIXm service)
 * and Passerelle started on it with `npm start -- --config`. Tests read the URLs from the environment.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestbed } from '../../scripts/testbed/startTestbed.ts';
import { startGateway } from './startGateway.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const testbed = await startTestbed({ cacheDir: path.join(root, '.cache', 'demo'), log: (line) => console.log(line) });
  let gateway;
  try {
    gateway = await startGateway(testbed.configFile, root, { env: testbed.gatewayEnv });
  } catch (error) {
    await testbed.stop();
    throw error;
  }
  process.env.PASSERELLE_URL = gateway.url;
  // Gateways the specs start on variants of the configuration inherit the archive credentials it names.
  Object.assign(process.env, testbed.gatewayEnv);
  process.env.PASSERELLE_TESTBED = JSON.stringify({
    configFile: testbed.configFile,
    pixm: testbed.pixmUrl,
    sites: testbed.config.sites.map((site) => {
      const archive = Object.values(testbed.archives).find((candidate) => candidate.dicomweb === site.dicomweb);
      return { id: site.id, dicomweb: site.dicomweb, ...(archive?.authorization !== undefined ? { authorization: archive.authorization } : {}) };
    }),
  });
  console.log(`Passerelle under test: ${gateway.url}`);
  return async () => {
    await gateway.stop();
    await testbed.stop();
  };
}
