import fs from 'node:fs';
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
// The archive's password goes to a file only its owner reads, never to the terminal.
const envFile = path.join(testbed.workDir, 'gateway.env');
fs.writeFileSync(envFile, Object.entries(testbed.gatewayEnv).map(([name, value]) => `export ${name}=${value}\n`).join(''), { mode: 0o600 });
console.log(`Configuration: ${testbed.configFile}\nRun: . ${envFile} && npm start -- --config ${testbed.configFile}`);
const stop = async () => {
  await testbed.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
