/**
 * A counting HTTP relay in front of a real archive: what the archive would see of Passerelle's gateway. It counts
 * the requests in flight and the most at once, and can hold requests (forwarded only when the test releases them),
 * so that a test decides what is in flight when something happens, instead of racing it.
 *
 * A request whose archive cannot be reached when it is forwarded has its connection cut, as the archive's own
 * would be when it dies.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ArchiveGate {
  /** Base URL of the relay (`http://127.0.0.1:PORT`); paths are the archive's own. */
  url: string;
  /** Requests in flight through the relay now (held ones included). */
  inFlight(): number;
  /** The most requests in flight at once so far. */
  mostInFlight(): number;
  /** Requests received so far. */
  received(): number;
  /** Paths of the requests held now, oldest first. */
  held(): string[];
  /**
   * Holds the requests whose path matches, letting the first `passFirst` of them through;
   * `undefined` stops holding new ones.
   */
  holdWhere(match: RegExp | undefined, passFirst?: number): void;
  /** Forwards every held request. */
  releaseAll(): void;
  close(): Promise<void>;
}

export async function startArchiveGate(archiveUrl: string): Promise<ArchiveGate> {
  const archive = new URL(archiveUrl);
  let inFlight = 0;
  let most = 0;
  let received = 0;
  let holding: { match: RegExp; passLeft: number } | undefined;
  const held: { path: string; forward(): void }[] = [];

  const forward = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const upstream = http.request(
      { host: archive.hostname, port: archive.port, path: req.url, method: req.method, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    received += 1;
    inFlight += 1;
    most = Math.max(most, inFlight);
    res.once('close', () => (inFlight -= 1));
    const path = req.url ?? '';
    if (holding?.match.test(path)) {
      if (holding.passLeft > 0) {
        holding.passLeft -= 1;
      } else {
        held.push({ path, forward: () => forward(req, res) });
        return;
      }
    }
    forward(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inFlight: () => inFlight,
    mostInFlight: () => most,
    received: () => received,
    held: () => held.map((request) => request.path),
    holdWhere: (match, passFirst = 0) => {
      holding = match ? { match, passLeft: passFirst } : undefined;
    },
    releaseAll: () => {
      for (const request of held.splice(0)) request.forward();
    },
    close: () =>
      new Promise<void>((resolve) => {
        held.splice(0);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
