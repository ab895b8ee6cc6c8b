/**
 * Reads, once at start, the secrets the configuration points at (`sites[].credentials`, `identity.credentials`:
 * `credentialsSchema.ts`) from the environment or from files. A missing variable, an unreadable file or an unusable
 * value refuses the start with a message naming the field and the variable or file, never the value.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CredentialsConfig } from '../../src/domain/config/credentialsSchema.ts';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';

/** One upstream's credential, secrets read; held by the gateway only, never logged or sent to the browser. */
export type UpstreamCredential =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | {
      type: 'client-credentials';
      clientId: string;
      clientSecret: string;
      scope?: string;
      /** The token endpoint; without it, discovered from `issuer`. */
      tokenUrl?: string;
      issuer?: string;
    };

export interface UpstreamCredentials {
  /** By site id; a site without `credentials` has no entry. */
  sites: Map<string, UpstreamCredential>;
  identity?: UpstreamCredential;
}

export type CredentialsResult = { ok: true; credentials: UpstreamCredentials } | { ok: false; errors: string[] };

export interface SecretSources {
  env: Readonly<Record<string, string | undefined>>;
  /** `…File` paths are relative to this folder (the configuration file's). */
  baseDir: string;
  readFile?: (file: string) => string;
}

/** No credentials at all: what a gateway without any `credentials` in its configuration holds. */
export const NO_CREDENTIALS: UpstreamCredentials = { sites: new Map() };

export function resolveUpstreamCredentials(config: RuntimeConfig, sources: SecretSources): CredentialsResult {
  const errors: string[] = [];
  const sites = new Map<string, UpstreamCredential>();
  config.sites.forEach((site, index) => {
    if (!site.credentials) return;
    const credential = resolveOne(site.credentials, `sites[${index}].credentials`, config.auth?.issuer, sources, errors);
    if (credential) sites.set(site.id, credential);
  });
  const identityConfig = config.identity?.credentials;
  const identity = identityConfig ? resolveOne(identityConfig, 'identity.credentials', config.auth?.issuer, sources, errors) : undefined;
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, credentials: { sites, ...(identity ? { identity } : {}) } };
}

function resolveOne(
  credentials: CredentialsConfig,
  field: string,
  issuer: string | undefined,
  sources: SecretSources,
  errors: string[],
): UpstreamCredential | undefined {
  const secret = (name: string, from: { env?: string | undefined; file?: string | undefined }): string | undefined => {
    const outcome = readSecret(from, sources);
    if (outcome.ok) return outcome.value;
    errors.push(`${field}.${name}${outcome.source}: ${outcome.reason}`);
    return undefined;
  };
  switch (credentials.type) {
    case 'basic': {
      const username = secret('username', { env: credentials.usernameEnv, file: credentials.usernameFile });
      const password = secret('password', { env: credentials.passwordEnv, file: credentials.passwordFile });
      if (username?.includes(':')) {
        errors.push(`${field}.username${credentials.usernameEnv ? 'Env' : 'File'}: the username contains ":", which HTTP Basic authentication cannot carry (RFC 7617)`);
        return undefined;
      }
      return username !== undefined && password !== undefined ? { type: 'basic', username, password } : undefined;
    }
    case 'bearer': {
      const token = secret('token', { env: credentials.tokenEnv, file: credentials.tokenFile });
      return token !== undefined ? { type: 'bearer', token } : undefined;
    }
    case 'client-credentials': {
      const clientSecret = secret('clientSecret', { env: credentials.clientSecretEnv, file: credentials.clientSecretFile });
      if (clientSecret === undefined) return undefined;
      return {
        type: 'client-credentials',
        clientId: credentials.clientId,
        clientSecret,
        ...(credentials.scope !== undefined ? { scope: credentials.scope } : {}),
        ...(credentials.tokenUrl !== undefined ? { tokenUrl: credentials.tokenUrl } : {}),
        ...(issuer !== undefined ? { issuer } : {}),
      };
    }
  }
}

type SecretOutcome = { ok: true; value: string } | { ok: false; source: 'Env' | 'File'; reason: string };

/** The value of the variable or the text of the file (one final line break dropped); the value never goes in a message. */
function readSecret(from: { env?: string | undefined; file?: string | undefined }, sources: SecretSources): SecretOutcome {
  if (from.env !== undefined) {
    const value = sources.env[from.env];
    if (value === undefined) return { ok: false, source: 'Env', reason: `the environment variable ${from.env} is not set` };
    return checked(value, 'Env', `the environment variable ${from.env}`);
  }
  if (from.file !== undefined) {
    const file = path.resolve(sources.baseDir, from.file);
    let text: string;
    try {
      text = (sources.readFile ?? ((name: string) => fs.readFileSync(name, 'utf8')))(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, source: 'File', reason: `cannot read ${file}${code ? ` (${code})` : ''}` };
    }
    return checked(text.replace(/\r?\n$/, ''), 'File', `the file ${file}`);
  }
  return { ok: false, source: 'Env', reason: 'names no environment variable or file' };
}

function checked(value: string, source: 'Env' | 'File', where: string): SecretOutcome {
  if (value === '') return { ok: false, source, reason: `${where} is empty` };
  // A line break or other control character would end the HTTP header it is sent in (RFC 9110 §5.5).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, source, reason: `${where} holds a line break or another control character` };
  return { ok: true, value };
}
