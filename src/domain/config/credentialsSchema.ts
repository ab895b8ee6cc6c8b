/**
 * How Passerelle authenticates to an upstream that asks for it: a site's archive (`sites[].credentials`) or the
 * identity service (`identity.credentials`), deployment contract §5. The file names where each secret lives, an
 * environment variable (`…Env`) or a file (`…File`, relative to the configuration file's folder), never the secret:
 *
 * - `basic`: HTTP Basic (RFC 7617), `usernameEnv`|`usernameFile` and `passwordEnv`|`passwordFile`;
 * - `bearer`: a fixed bearer token (RFC 6750), `tokenEnv`|`tokenFile`;
 * - `client-credentials`: an OAuth 2.0 client credentials grant (RFC 6749 §4.4), `clientId`,
 *   `clientSecretEnv`|`clientSecretFile`, optional `scope`, and `tokenUrl`, the token endpoint; without it the
 *   endpoint is discovered from the configuration's `auth.issuer` (OpenID Connect Discovery 1.0).
 */
import { z } from '../zod.ts';

const environmentVariable = z.string({ error: 'must be a string' }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

const filePath = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty');

const tokenUrl = z.string({ error: 'must be a string' }).refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, 'must be an http(s) URL');

/** A secret written in the file itself is refused, with where it belongs instead. */
const notHere = (name: string) =>
  z.never({ error: `must not be in the configuration file: name an environment variable in ${name}Env or a file in ${name}File` }).optional();

/** Each secret comes from exactly one place: `${name}Env` or `${name}File`. */
function oneSource(value: Record<string, unknown>, name: string, ctx: z.RefinementCtx): void {
  const fromEnv = value[`${name}Env`] !== undefined;
  const fromFile = value[`${name}File`] !== undefined;
  if (fromEnv && fromFile) ctx.addIssue({ code: 'custom', path: [`${name}File`], message: `give ${name}Env or ${name}File, not both` });
  if (!fromEnv && !fromFile) ctx.addIssue({ code: 'custom', path: [`${name}Env`], message: `is required (or ${name}File)` });
}

const basicCredentials = z
  .strictObject({
    type: z.literal('basic'),
    usernameEnv: environmentVariable.optional(),
    usernameFile: filePath.optional(),
    passwordEnv: environmentVariable.optional(),
    passwordFile: filePath.optional(),
    username: notHere('username'),
    password: notHere('password'),
  })
  .superRefine((value, ctx) => {
    oneSource(value, 'username', ctx);
    oneSource(value, 'password', ctx);
  });

const bearerCredentials = z
  .strictObject({
    type: z.literal('bearer'),
    tokenEnv: environmentVariable.optional(),
    tokenFile: filePath.optional(),
    token: notHere('token'),
  })
  .superRefine((value, ctx) => oneSource(value, 'token', ctx));

const clientCredentials = z
  .strictObject({
    type: z.literal('client-credentials'),
    clientId: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty'),
    clientSecretEnv: environmentVariable.optional(),
    clientSecretFile: filePath.optional(),
    clientSecret: notHere('clientSecret'),
    scope: z.string({ error: 'must be a string of space-separated scopes' }).optional(),
    tokenUrl: tokenUrl.optional(),
  })
  .superRefine((value, ctx) => oneSource(value, 'clientSecret', ctx));

export const credentialsSchema = z.discriminatedUnion('type', [basicCredentials, bearerCredentials, clientCredentials], {
  error: (issue) => (issue.code === 'invalid_union' ? 'type must be "basic", "bearer" or "client-credentials"' : undefined),
});

export type CredentialsConfig = z.infer<typeof credentialsSchema>;
export type ClientCredentialsConfig = z.infer<typeof clientCredentials>;
