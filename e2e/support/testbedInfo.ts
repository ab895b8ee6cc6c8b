/** What the global setup started, for the specs. */
export interface TestbedInfo {
  configFile: string;
  pixm: string;
  /** `authorization`: what a direct request to that archive must carry (`Basic …`), for the one that asks for it. */
  sites: { id: string; dicomweb: string; authorization?: string }[];
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

/** Headers for a request straight to a test-bed archive (not through the gateway): its credentials, if it has some. */
export function archiveHeaders(siteId: string, headers: Record<string, string> = {}): Record<string, string> {
  const site = testbedInfo().sites.find((candidate) => candidate.id === siteId);
  if (!site) throw new Error(`no site ${siteId} in the test bed`);
  return site.authorization !== undefined ? { ...headers, authorization: site.authorization } : headers;
}
