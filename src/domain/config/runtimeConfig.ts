/**
 * Runtime configuration of a Passerelle deployment: the archives (sites) it federates and the identity
 * cross-reference service (IHE PIXm, ITI-83), and optionally its own hanging protocols, its database and the audit
 * trail's retention. The file format is the one of the deployment contract.
 */
import { z } from '../zod.ts';
import { hangingProtocolsSchema } from '../../hanging-protocols/protocolSchema.ts';
import { credentialsSchema, type CredentialsConfig } from './credentialsSchema.ts';

const httpUrl = z
  .string({ error: 'must be a string' })
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

const nonEmpty = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty');

const milliseconds = (min: number, max: number) =>
  z
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const DEFAULT_INITIAL_BACKOFF_MS = 5000;
const DEFAULT_MAX_BACKOFF_MS = 60_000;

/** Requests the gateway sends to one upstream at once; more wait their turn (default 8). */
const maxConcurrentRequests = z
  .number({ error: 'must be a number of requests' })
  .int('must be a whole number of requests')
  .min(1, 'must be at least 1')
  .max(256, 'must be at most 256');

/**
 * When the gateway stops sending to a failing upstream: after `failureThreshold` consecutive failures (default 3)
 * it answers 503 at once for `initialBackoffMs` (default 5000), then lets one probe through; each failed probe
 * doubles the back-off up to `maxBackoffMs` (default 60000).
 */
const circuitBreaker = z
  .strictObject({
    failureThreshold: z
      .number({ error: 'must be a number of failures' })
      .int('must be a whole number of failures')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .optional(),
    initialBackoffMs: milliseconds(100, 600_000).optional(),
    maxBackoffMs: milliseconds(100, 3_600_000).optional(),
  })
  .superRefine((settings, ctx) => {
    const initial = settings.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS;
    const max = settings.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    if (max < initial) ctx.addIssue({ code: 'custom', path: ['maxBackoffMs'], message: `must be at least initialBackoffMs (${initial})` });
  });

/** A PostgreSQL connection URL (libpq's URI form) without a password: secrets come from the environment. */
const postgresUrl = z
  .string({ error: 'must be a string' })
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
    } catch {
      return false;
    }
  }, 'must be a postgres:// URL')
  .refine((value) => {
    try {
      return new URL(value).password === '';
    } catch {
      return true;
    }
  }, 'must not hold a password: name an environment variable in database.passwordEnv');

const environmentVariable = z.string({ error: 'must be a string' }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

/** Days the audit trail keeps a record (see DEFAULT_AUDIT_RETENTION_DAYS); at least a month, at most a century. */
const retentionDays = z
  .number({ error: 'must be a number of days' })
  .int('must be a whole number of days')
  .min(30, 'must be at least 30')
  .max(36_500, 'must be at most 36500');

const claimValues = z.array(nonEmpty, { error: 'must be a list of claim values' });

/**
 * Sign-in through an OpenID Connect provider, the gateway being its confidential client (contract §5). The client
 * secret comes from the environment variable `clientSecretEnv`, never from this file. `roles` maps the values of the
 * token's `claim` (a dotted path such as `realm_access.roles` is allowed) to Passerelle's roles.
 */
const authSchema = z.strictObject({
  issuer: httpUrl,
  clientId: nonEmpty,
  clientSecretEnv: environmentVariable.optional(),
  scopes: z.array(nonEmpty, { error: 'must be a list of scopes' }).optional(),
  authParams: z.record(z.string(), z.string({ error: 'must be a string' })).optional(),
  roles: z
    .strictObject({
      claim: nonEmpty,
      clinician: claimValues.optional(),
      identityOfficer: claimValues.optional(),
      auditor: claimValues.optional(),
    })
    .optional(),
  /** The claim naming the user's organisation (a dotted path is allowed); default `organisation`. */
  organisationClaim: nonEmpty.optional(),
  /** How long a session lives: ended after `idleMinutes` without a request (default 30), and `maxHours` after sign-in (default 12). */
  session: z
    .strictObject({
      idleMinutes: z.number({ error: 'must be a number of minutes' }).int('must be a whole number of minutes').min(1, 'must be at least 1').max(24 * 60, 'must be at most 1440').optional(),
      maxHours: z.number({ error: 'must be a number of hours' }).int('must be a whole number of hours').min(1, 'must be at least 1').max(7 * 24, 'must be at most 168').optional(),
    })
    .optional(),
});

export const siteConfigSchema = z.strictObject({
  id: z.string({ error: 'must be a string' }).regex(/^[a-z0-9-]+$/, 'must match [a-z0-9-]+'),
  name: nonEmpty,
  dicomweb: httpUrl,
  issuerOfPatientId: nonEmpty,
  patientIdSystem: nonEmpty,
  timeoutMs: milliseconds(100, 600_000).optional(),
  maxConcurrentRequests: maxConcurrentRequests.optional(),
  circuitBreaker: circuitBreaker.optional(),
  /** How the gateway authenticates to this archive (`credentialsSchema.ts`); secrets stay out of this file. */
  credentials: credentialsSchema.optional(),
});

export const runtimeConfigSchema = z
  .strictObject({
    sites: z.array(siteConfigSchema, { error: 'must be a list of sites' }).min(1, 'must list at least one site'),
    identity: z
      .strictObject({
        pixm: httpUrl.optional(),
        /**
         * Serve Passerelle's own identity cross-reference manager under `/identity/fhir` (contract §6): ITI-104 feeds,
         * ITI-83 PIXm, ITI-78 PDQm. `pixm` may still name an external service.
         */
        manager: z
          .strictObject({
            /**
             * Learn the patients of sites that do not feed the manager from their own archives (QIDO-RS through the
             * gateway, one request at a time): every `everyMinutes` (none: on demand only, `POST /identity/harvest`),
             * the `sites` listed (default: every site), `pageSize` studies per request (default 100).
             */
            harvest: z
              .strictObject({
                everyMinutes: z.number({ error: 'must be a number of minutes' }).int('must be a whole number of minutes').min(1, 'must be at least 1').max(10_080, 'must be at most 10080 (a week)').optional(),
                sites: z.array(z.string({ error: 'must be a site id' }), { error: 'must be a list of site ids' }).optional(),
                pageSize: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
              })
              .optional(),
          })
          .optional(),
        maxConcurrentRequests: maxConcurrentRequests.optional(),
        circuitBreaker: circuitBreaker.optional(),
        credentials: credentialsSchema.optional(),
      })
      .optional(),
    viewer: z
      .strictObject({
        /** Bytes of decoded images the viewer keeps, in MiB (default: a quarter of the device's memory, at most 1 GiB). */
        imageCacheMB: z
          .number({ error: 'must be a number of MiB' })
          .int('must be a whole number of MiB')
          .min(16, 'must be at least 16')
          .max(16_384, 'must be at most 16384')
          .optional(),
        /** What draws the images: `auto` (default: the CPU where WebGL is a software rasteriser), `gpu` or `cpu`. */
        renderPath: z.enum(['auto', 'gpu', 'cpu'], { error: 'must be "auto", "gpu" or "cpu"' }).optional(),
      })
      .optional(),
    /** The deployment's own hanging protocols, tried before the built-in ones. */
    hangingProtocols: hangingProtocolsSchema.optional(),
    /** The PostgreSQL server of the audit trail and sessions (contract §5); without it, the embedded database. */
    database: z.strictObject({ url: postgresUrl, passwordEnv: environmentVariable.optional() }).optional(),
    audit: z.strictObject({ retentionDays: retentionDays.optional() }).optional(),
    auth: authSchema.optional(),
    /** The address users reach Passerelle at (sign-in's redirect URI, `__Host-` cookies when https). */
    publicUrl: httpUrl.optional(),
  })
  .superRefine((config, ctx) => {
    const upstreams: [readonly PropertyKey[], CredentialsConfig | undefined][] = [
      ...config.sites.map((site, index): [PropertyKey[], CredentialsConfig | undefined] => [['sites', index, 'credentials'], site.credentials]),
      [['identity', 'credentials'], config.identity?.credentials],
    ];
    for (const [path, credentials] of upstreams) {
      if (credentials?.type === 'client-credentials' && credentials.tokenUrl === undefined && config.auth === undefined) {
        ctx.addIssue({ code: 'custom', path: [...path, 'tokenUrl'], message: 'is required when the configuration has no auth.issuer to discover it from' });
      }
    }
    (config.identity?.manager?.harvest?.sites ?? []).forEach((siteId, index) => {
      if (!config.sites.some((site) => site.id === siteId)) {
        ctx.addIssue({ code: 'custom', path: ['identity', 'manager', 'harvest', 'sites', index], message: `names no configured site ("${siteId}")` });
      }
    });
    const seen = new Map<string, number>();
    config.sites.forEach((site, index) => {
      const first = seen.get(site.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['sites', index, 'id'], message: `duplicates sites[${first}].id "${site.id}"` });
      } else {
        seen.set(site.id, index);
      }
    });
    for (const key of ['issuerOfPatientId', 'patientIdSystem'] as const) {
      const owners = new Map<string, number>();
      config.sites.forEach((site, index) => {
        const first = owners.get(site[key]);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['sites', index, key],
            message: `duplicates sites[${first}].${key}: each site needs its own patient-identifier domain`,
          });
        } else {
          owners.set(site[key], index);
        }
      });
    }
  });

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type AuthConfig = z.infer<typeof authSchema>;
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** Default per-request timeout towards a site when the configuration names none. */
export const DEFAULT_SITE_TIMEOUT_MS = 8000;

/** Default bound on the requests in flight towards one upstream. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

/** Default circuit breaker of an upstream (see `circuitBreaker` above). */
export const DEFAULT_CIRCUIT_BREAKER = { failureThreshold: 3, initialBackoffMs: DEFAULT_INITIAL_BACKOFF_MS, maxBackoffMs: DEFAULT_MAX_BACKOFF_MS } as const;

export type CircuitBreakerConfig = z.infer<typeof circuitBreaker>;

/**
 * How long the audit trail keeps a record when `audit.retentionDays` is not set: six years. The trail is the
 * evidence of who saw which patient's images; a breach of medical secrecy (code pénal, art. 226-13) is a délit,
 * prosecutable for six years after the facts (code de procédure pénale, art. 8), so a shorter default would erase
 * the evidence while a complaint can still be brought. The CNIL's usual six months to a year for access logs concerns
 * logs kept to detect intrusions; a deployment's data protection officer sets its own duration in the configuration.
 */
export const DEFAULT_AUDIT_RETENTION_DAYS = 6 * 365;

export type ConfigResult = { ok: true; config: RuntimeConfig } | { ok: false; errors: string[] };

/** Formats a path such as `['sites', 1, 'dicomweb']` as `sites[1].dicomweb`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return text === '' ? name : `${text}.${name}`;
  }, '');
}

/** Validates parsed JSON against the contract's configuration schema; each error names its field. */
export function validateRuntimeConfig(input: unknown): ConfigResult {
  const parsed = runtimeConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const field = formatFieldPath(issue.path);
    return field === '' ? issue.message : `${field}: ${issue.message}`;
  });
  return { ok: false, errors };
}

/** Validates the text of a configuration file (JSON). */
export function parseRuntimeConfig(text: string): ConfigResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  return validateRuntimeConfig(json);
}
