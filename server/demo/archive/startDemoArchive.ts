/**
 * The demo DICOMweb archive: serves a folder's worth of Part 10 files over the DICOMweb services of PS3.18 —
 * QIDO-RS search (§10.6), WADO-RS retrieve of instances, metadata, frames, bulk data, rendered images and thumbnails
 * (§10.4) — from an index built once at start (headers parsed, frame byte ranges located); pixel data is read from
 * the files on request.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError } from 'fastify';
import type { ArchiveContext } from './archiveContext.ts';
import { indexPart10File, type InstanceRecord } from './dicom/indexPart10File.ts';
import { HttpProblem } from './http/httpProblem.ts';
import { LruCache } from './store/lruCache.ts';
import { DICOMWEB_PREFIX } from './http/requestInfo.ts';
import { registerQidoRoutes } from './qido/qidoRoutes.ts';
import { registerRenderedRoutes } from './render/renderedRoutes.ts';
import { buildArchiveIndex } from './store/archiveIndex.ts';
import { FileHandlePool } from './store/fileHandlePool.ts';
import { registerBulkRoutes } from './wado/bulkRoutes.ts';
import { registerFrameRoutes } from './wado/frameRoutes.ts';
import { registerMetadataRoutes } from './wado/metadataRoutes.ts';
import { registerRetrieveRoutes } from './wado/retrieveRoutes.ts';

export interface DemoArchiveOptions {
  /** Absolute paths of Part 10 files. */
  files: string[];
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) lets the system choose. */
  port?: number;
  /** For messages about files that could not be indexed. */
  name?: string;
  /** Called with each such message; default `console.warn`. */
  warn?: (message: string) => void;
}

export interface DemoArchiveHandle {
  /** The DICOMweb root, e.g. `http://127.0.0.1:PORT/dicom-web`. */
  url: string;
  close(): Promise<void>;
}

const RENDER_CACHE_BYTES = 32 * 1024 * 1024;

export async function startDemoArchive(options: DemoArchiveOptions): Promise<DemoArchiveHandle> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const records: InstanceRecord[] = [];
  for (const file of options.files) {
    try {
      records.push(indexPart10File(file));
    } catch (error) {
      warn(`${options.name ?? 'demo archive'}: skipped ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const context: ArchiveContext = {
    index: buildArchiveIndex(records),
    files: new FileHandlePool(),
    rendered: new LruCache<string, Buffer>(RENDER_CACHE_BYTES, (png) => png.length),
  };

  const app = Fastify({ logger: false, routerOptions: { maxParamLength: 4096 } });
  app.setErrorHandler((error: FastifyError | HttpProblem, _request, reply) => {
    const status = error instanceof HttpProblem ? error.status : (error.statusCode ?? 500);
    reply.code(status).type('application/json; charset=utf-8').send({ error: error.message });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).type('application/json; charset=utf-8').send({ error: `no DICOMweb resource at ${request.method} ${request.url.split('?')[0] ?? ''}` });
  });
  registerQidoRoutes(app, context);
  registerMetadataRoutes(app, context);
  registerRetrieveRoutes(app, context);
  registerFrameRoutes(app, context);
  registerBulkRoutes(app, context);
  registerRenderedRoutes(app, context);

  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}${DICOMWEB_PREFIX}`,
    close: async () => {
      await app.close();
      await context.files.close();
    },
  };
}
