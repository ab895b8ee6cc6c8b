/**
 * A small HTTP proxy in front of a DICOMweb archive that waits `delayMs` before forwarding QIDO-RS searches
 * (`…/studies`, `…/series`, `…/instances` without a further path), and forwards everything else at once: a slow
 * archive, for the benchmark.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface DelayingProxy {
  /** Same path layout as the target: `http://127.0.0.1:PORT/dicom-web` for a target `…/dicom-web`. */
  url: string;
  close(): Promise<void>;
}

export function isQidoSearchPath(pathname: string): boolean {
  return /\/(studies|series|instances)$/.test(pathname);
}

export async function startDelayingProxy(target: string, delayMs: number): Promise<DelayingProxy> {
  const targetUrl = new URL(target);
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    const upstreamUrl = new URL(request.url ?? '/', targetUrl.origin);
    const forward = () => {
      if (response.destroyed) return;
      const headers = { ...request.headers, host: upstreamUrl.host };
      const upstream = http.request(upstreamUrl, { method: request.method, headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', (error) => {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`delaying proxy: ${error.message}`);
      });
      response.on('close', () => upstream.destroy());
      if (request.method === 'GET' || request.method === 'HEAD') upstream.end();
      else request.pipe(upstream);
    };
    if (isQidoSearchPath(upstreamUrl.pathname)) {
      const timer = setTimeout(forward, delayMs);
      response.on('close', () => clearTimeout(timer));
    } else {
      forward();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${targetUrl.pathname.replace(/\/$/, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
