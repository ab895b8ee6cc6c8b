/**
 * `npm run testbed`: starts the two Orthanc archives and the PIXm service of the test bed and prints the
 * configuration file to pass to `npm start -- --config`. Stops everything on Ctrl-C.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestbed } from './testbed/startTestbed.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testbed = await startTestbed({ cacheDir: path.join(root, '.cache', 'demo'), log: (line) => console.log(line) });
console.log(`Identity service (PIXm): ${testbed.pixmUrl}`);
// The chu archive's password is drawn at each start; the gateway reads it from the variables its configuration names.
const assignments = Object.entries(testbed.gatewayEnv).map(([name, value]) => `${name}=${value}`).join(' ');
console.log(`Configuration: ${testbed.configFile}\nRun: ${assignments} npm start -- --config ${testbed.configFile}`);
const stop = async () => {
  await testbed.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
