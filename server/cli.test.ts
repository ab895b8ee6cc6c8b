import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli.ts';

describe('parseCliArgs', () => {
  it('defaults to the demo on 127.0.0.1:8080', () => {
    expect(parseCliArgs([])).toEqual({ ok: true, options: { port: 8080, host: '127.0.0.1', dataDir: '.data', help: false } });
  });
  it('reads --config, --port and --host, spaced or with =', () => {
    expect(parseCliArgs(['--config', 'sites.json', '--port=9000', '--host', '0.0.0.0'])).toEqual({
      ok: true,
      options: { configFile: 'sites.json', port: 9000, host: '0.0.0.0', dataDir: '.data', help: false },
    });
  });
  it('reads --data-dir, the embedded database folder', () => {
    expect(parseCliArgs(['--data-dir', '/var/lib/passerelle'])).toEqual({
      ok: true,
      options: { port: 8080, host: '127.0.0.1', dataDir: '/var/lib/passerelle', help: false },
    });
    expect(parseCliArgs(['--data-dir']).ok).toBe(false);
  });
  it('refuses a bad port and unknown arguments', () => {
    expect(parseCliArgs(['--port', 'eighty']).ok).toBe(false);
    expect(parseCliArgs(['--port', '70000']).ok).toBe(false);
    expect(parseCliArgs(['--conf', 'x']).ok).toBe(false);
    expect(parseCliArgs(['--config']).ok).toBe(false);
  });
});
