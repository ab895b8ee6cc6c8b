import type { AuthConfig } from '../../src/domain/config/runtimeConfig.ts';

export type ClientSecretResult = { ok: true; secret: string } | { ok: false; error: string };

/** The gateway's client secret, from the environment variable `auth.clientSecretEnv` (never from the file). */
export function clientSecretFrom(auth: AuthConfig, env: Readonly<Record<string, string | undefined>>): ClientSecretResult {
  if (!auth.clientSecretEnv) return { ok: false, error: 'auth.clientSecretEnv: name the environment variable that holds the client secret' };
  const secret = env[auth.clientSecretEnv];
  if (!secret) return { ok: false, error: `auth.clientSecretEnv: the environment variable ${auth.clientSecretEnv} is not set` };
  if (secret.length < 16) return { ok: false, error: `auth.clientSecretEnv: the secret in ${auth.clientSecretEnv} is shorter than 16 characters` };
  return { ok: true, secret };
}
