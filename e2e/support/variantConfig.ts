/**
 * Variants of the test bed's configuration file, for tests that need a gateway of their own (an archive
 * stopped, the identity service gone, a site that hangs): the file is written to a fresh temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RuntimeConfig, SiteConfig } from '../../src/domain/config/runtimeConfig.ts';

export interface VariantConfig {
  file: string;
  config: RuntimeConfig;
  remove(): void;
}

export function readConfigFile(file: string): RuntimeConfig {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RuntimeConfig;
}

/** Writes `change(copy of base)` as a configuration file in a new temporary folder. */
export function writeVariantConfig(base: RuntimeConfig, change: (config: RuntimeConfig) => RuntimeConfig | void): VariantConfig {
  const copy = structuredClone(base);
  const config = change(copy) ?? copy;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-variant-'));
  const file = path.join(dir, 'passerelle.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return { file, config, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The site of `config` with this id; throws when there is none. */
export function siteOf(config: RuntimeConfig, id: string): SiteConfig {
  const site = config.sites.find((candidate) => candidate.id === id);
  if (!site) throw new Error(`no site ${id} in the configuration (${config.sites.map((candidate) => candidate.id).join(', ')})`);
  return site;
}
