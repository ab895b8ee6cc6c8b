/**
 * Starts Passerelle the way a deployment does, `npm start -- --config FILE --port N`, and waits until it says
 * it is serving. `env` adds to its environment (the variables the configuration's `credentials` name); it
 * inherits the rest, the test bed's credentials included once the global setup has set them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../scripts/testbed/freePort.ts';

export interface RunningGateway {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartGatewayOptions {
  /** The port to listen on (a test that must register the gateway's address elsewhere first picks it); default a free one. */
  port?: number;
  /** Added to the environment (a secret named by the configuration's `…Env` fields). */
  env?: Record<string, string>;
}

export async function startGateway(configFile: string, cwd: string, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const port = options.port ?? (await freePort());
  const child = spawn('npm', ['start', '--silent', '--', '--config', configFile, '--port', String(port)], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start within 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Passerelle is serving (\S+?)\/? /.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with code ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}
