/**
 * What a bench needs of the test bed (scripts/testbed/startTestbed.ts) to run gateways in its own process and to
 * reach the archives directly: the archives' credentials, resolved from the environment the test bed hands a
 * gateway, and each archive's address with the headers a direct request to it carries.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Testbed } from '../../scripts/testbed/startTestbed.ts';
import { orthancHeaders } from '../../scripts/testbed/startOrthanc.ts';
import { resolveUpstreamCredentials, type UpstreamCredentials } from '../../server/gateway/upstreamCredentials.ts';
import type { ArchiveAccess } from './seriesFrames.ts';
import { projectRoot } from './projectRoot.ts';

/** The upstream credentials a gateway on the test bed's configuration needs (the chu archive asks for HTTP Basic). */
export function testbedCredentials(testbed: Testbed): UpstreamCredentials {
  const resolved = resolveUpstreamCredentials(testbed.config, { env: { ...process.env, ...testbed.gatewayEnv }, baseDir: projectRoot });
  if (!resolved.ok) throw new Error(`test bed credentials: ${resolved.errors.join('; ')}`);
  return resolved.credentials;
}

/** Site id → the archive's DICOMweb base and its credentials, for requests that bypass the gateway. */
export function testbedArchives(testbed: Testbed): Map<string, ArchiveAccess> {
  const archives = Object.values(testbed.archives);
  return new Map(
    testbed.config.sites.flatMap((site) => {
      const archive = archives.find((candidate) => candidate.dicomweb === site.dicomweb);
      return archive ? [[site.id, { dicomweb: archive.dicomweb, headers: orthancHeaders(archive) }] as const] : [];
    }),
  );
}

/** Listens on a free loopback port; the gateway's origin. */
export async function listenOnLoopback(gateway: FastifyInstance): Promise<string> {
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
}

/** `--name N` from the command line, a positive number, `fallback` without it. */
export function positiveOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
