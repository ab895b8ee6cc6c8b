/** A gateway of a test's own, started with `npm start -- --config` on a variant of the test bed's configuration. */
import type { Cleanup } from './cleanupAfterEach.ts';
import { projectRoot } from './demoData.ts';
import { startGateway, type RunningGateway, type StartGatewayOptions } from './startGateway.ts';
import { testbedInfo } from './testbedInfo.ts';
import { readConfigFile, writeVariantConfig } from './variantConfig.ts';

/** Starts it on `change(test bed configuration)`; the gateway and its file go with the test's cleanups. */
export async function variantGateway(
  cleanups: Cleanup[],
  change: Parameters<typeof writeVariantConfig>[1],
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const variant = writeVariantConfig(readConfigFile(testbedInfo().configFile), change);
  cleanups.push(() => variant.remove());
  const gateway = await startGateway(variant.file, projectRoot, options);
  cleanups.push(() => gateway.stop());
  return gateway;
}
