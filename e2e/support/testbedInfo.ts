/** What the global setup started, for the specs. */
export interface TestbedInfo {
  configFile: string;
  pixm: string;
  sites: { id: string; dicomweb: string }[];
}

export function gatewayUrl(): string {
  const url = process.env.PASSERELLE_URL;
  if (!url) throw new Error('PASSERELLE_URL is not set: run the tests with `npm test` (the global setup starts the test bed)');
  return url;
}

export function testbedInfo(): TestbedInfo {
  const text = process.env.PASSERELLE_TESTBED;
  if (!text) throw new Error('PASSERELLE_TESTBED is not set: run the tests with `npm test`');
  return JSON.parse(text) as TestbedInfo;
}
