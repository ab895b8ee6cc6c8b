import fs from 'node:fs/promises';
import { parseRuntimeConfig, type ConfigResult } from '../src/domain/config/runtimeConfig.ts';

/** Reads and validates a configuration file; every problem comes back as `field: reason`. */
export async function loadConfigFile(file: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`] };
  }
  return parseRuntimeConfig(text);
}
