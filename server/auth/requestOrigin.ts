/**
 * The origin users reach the gateway at: `publicUrl` when configured (behind a reverse proxy, https), else the
 * request's own Host on the scheme the gateway serves (a loopback deployment, the demo).
 */
import type { FastifyRequest } from 'fastify';

export function gatewayOrigin(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?$/i;

/** Whether a Host header names this machine (a loopback gateway refuses other names: DNS rebinding). */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

/** Whether a listening address is a loopback one (`--host`). */
export function isLoopbackAddress(host: string): boolean {
  return isLoopbackHost(host) || host === '::1';
}
