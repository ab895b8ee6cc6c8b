/**
 * An HTTP proxy in front of a real service that holds the requests a test chooses until the test lets them go,
 * or answers them with an error status: an identity service that has not answered yet, or one that fails, at the
 * moment the test decides (no timing guesses). Other requests are forwarded at once.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HoldingProxy {
  /** Same path layout as the target: `http://127.0.0.1:PORT/fhir` for a target `…/fhir`. */
  url: string;
  /** Matching requests received so far. */
  received(): number;
  /** Resolves once `count` matching requests have been received. */
  waitForRequests(count?: number): Promise<void>;
  /** Forwards the held requests, and the matching ones that come next, at once. */
  release(): void;
  /** Holds the matching requests that come next. */
  hold(): void;
  /** Answers the held requests, and the matching ones that come next, with `status` and no body. */
  failWith(status: number): void;
  close(): Promise<void>;
}

type Mode = { kind: 'hold' } | { kind: 'forward' } | { kind: 'fail'; status: number };

export async function startHoldingProxy(target: string, matches: (url: URL) => boolean): Promise<HoldingProxy> {
  const targetUrl = new URL(target);
  const sockets = new Set<Socket>();
  let mode: Mode = { kind: 'hold' };
  let received = 0;
  let held: (() => void)[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];

  const forward = (request: http.IncomingMessage, response: http.ServerResponse, upstreamUrl: URL) => {
    if (response.destroyed) return;
    const upstream = http.request(upstreamUrl, { method: request.method, headers: { ...request.headers, host: upstreamUrl.host } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`holding proxy: ${error.message}`);
    });
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  };
  const settle = (request: http.IncomingMessage, response: http.ServerResponse, upstreamUrl: URL) => {
    if (mode.kind === 'fail') {
      if (!response.destroyed) response.writeHead(mode.status, { 'content-type': 'text/plain' }).end();
    } else {
      forward(request, response, upstreamUrl);
    }
  };
  const letGo = () => {
    const waiting = held;
    held = [];
    for (const go of waiting) go();
  };

  const server = http.createServer((request, response) => {
    const upstreamUrl = new URL(request.url ?? '/', targetUrl.origin);
    if (!matches(upstreamUrl)) {
      forward(request, response, upstreamUrl);
      return;
    }
    received += 1;
    waiters = waiters.filter((waiter) => (received >= waiter.count ? (waiter.resolve(), false) : true));
    if (mode.kind === 'hold') held.push(() => settle(request, response, upstreamUrl));
    else settle(request, response, upstreamUrl);
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
    received: () => received,
    waitForRequests: (count = 1) => (received >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    release: () => {
      mode = { kind: 'forward' };
      letGo();
    },
    hold: () => {
      mode = { kind: 'hold' };
    },
    failWith: (status) => {
      mode = { kind: 'fail', status };
      letGo();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
