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
    gateway = await startGateway(testbed.configFile, root);
  } catch (error) {
    await testbed.stop();
    throw error;
  }
  process.env.PASSERELLE_URL = gateway.url;
  process.env.PASSERELLE_TESTBED = JSON.stringify({
    configFile: testbed.configFile,
    pixm: testbed.pixmUrl,
    sites: testbed.config.sites.map((site) => ({ id: site.id, dicomweb: site.dicomweb })),
  });
  console.log(`Passerelle under test: ${gateway.url}`);
  return async () => {
    await gateway.stop();
    await testbed.stop();
  };
}
