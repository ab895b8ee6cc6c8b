import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ohifAppConfig } from './ohifApp.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Serves OHIF's dist (SPA fallback to index.html) and proxies /dicom-web/* to the archive. */
export async function startOhifServer(dist: string, archiveHttpUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const appConfig = ohifAppConfig();
  const archive = new URL(archiveHttpUrl);
  const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/dicom-web/')) {
      const upstream = http.request(
        { host: archive.hostname, port: archive.port, path: request.url, method: request.method, headers: { ...request.headers, host: archive.host } },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...isolation });
          answer.pipe(response);
        },
      );
      upstream.on('error', (error) => {
        if (!response.headersSent) response.writeHead(502);
        response.end(String(error));
      });
      request.pipe(upstream);
      return;
    }
    if (url.pathname === '/app-config.js') {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store', ...isolation });
      response.end(appConfig);
      return;
    }
    let file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
    response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', ...isolation });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
