import { DEFAULT_DATA_DIR } from './db/databaseTarget.ts';

/** Command-line arguments of `npm start` (deployment contract §1, §5). */
export interface CliOptions {
  configFile?: string;
  port: number;
  host: string;
  /** Where the embedded database keeps its data when the configuration names no `database.url`. */
  dataDir: string;
  help: boolean;
}

export type CliResult = { ok: true; options: CliOptions } | { ok: false; error: string };

export const usage = `Usage:
  npm start [-- --port N]                                 serve the embedded two-hospital demo
  npm start -- --config FILE [--port N] [--host H]         serve the viewer for the sites in FILE
  --data-dir DIR                                           the embedded database's folder (without database.url)
Defaults: --port 8080, --host 127.0.0.1, --data-dir .data`;

export function parseCliArgs(argv: readonly string[]): CliResult {
  const options: CliOptions = { port: 8080, host: '127.0.0.1', dataDir: DEFAULT_DATA_DIR, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const [flag, inlineValue] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const takeValue = (): string | undefined => {
      if (inlineValue !== undefined) return inlineValue;
      index += 1;
      return argv[index];
    };
    switch (flag) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--config': {
        const value = takeValue();
        if (!value) return { ok: false, error: '--config needs a file path' };
        options.configFile = value;
        break;
      }
      case '--port': {
        const value = takeValue();
        const port = Number(value);
        if (!value || !Number.isInteger(port) || port < 0 || port > 65535) {
          return { ok: false, error: `--port must be a whole number from 0 to 65535 (got ${value ?? 'nothing'})` };
        }
        options.port = port;
        break;
      }
      case '--host': {
        const value = takeValue();
        if (!value) return { ok: false, error: '--host needs a host name or address' };
        options.host = value;
        break;
      }
      case '--data-dir': {
        const value = takeValue();
        if (!value) return { ok: false, error: '--data-dir needs a folder path' };
        options.dataDir = value;
        break;
      }
      default:
        return { ok: false, error: `unknown argument "${arg}"` };
    }
  }
  return { ok: true, options };
}
