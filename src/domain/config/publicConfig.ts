/**
 * What the browser is told about the deployment (`GET /config.json`): enough to label sites and to build
 * same-origin URLs, never an upstream URL.
 */
import { z } from '../zod.ts';
import { hangingProtocolsSchema } from '../../hanging-protocols/protocolSchema.ts';
import type { HangingProtocol } from '../../hanging-protocols/protocolTypes.ts';
import type { RuntimeConfig } from './runtimeConfig.ts';

export interface PublicSite {
  id: string;
  name: string;
  issuerOfPatientId: string;
  patientIdSystem: string;
  /** Same-origin DICOMweb root, proxied by the gateway. */
  dicomweb: string;
  timeoutMs: number;
}

export interface PublicConfig {
  sites: PublicSite[];
  /** The same-origin PIXm (ITI-83) base: `/identity/fhir` (the identity manager), `/identity/pixm` (an external one, proxied) or none. */
  identity: { pixm: string | null };
  /** The viewer's image cache size in MiB and its render path, when the deployment sets them. */
  viewer?: { imageCacheMB?: number; renderPath?: 'auto' | 'gpu' | 'cpu' };
  /** The deployment's own hanging protocols, when it configures some (tried before the built-in ones). */
  hangingProtocols?: HangingProtocol[];
  /** The OpenID provider users sign in at, when the deployment has sign-in (contract §5). */
  auth?: { issuer: string };
}

/** The same-origin FHIR base of Passerelle's own identity manager (contract §6): ITI-83, and ITI-78 beside it. */
export const IDENTITY_MANAGER_BASE = '/identity/fhir';

/** Whether the identity service is Passerelle's own manager, which also answers demographics queries (PDQm). */
export function hasIdentityManager(config: Pick<PublicConfig, 'identity'>): boolean {
  return config.identity.pixm === IDENTITY_MANAGER_BASE;
}

export function toPublicConfig(config: RuntimeConfig, defaultTimeoutMs: number): PublicConfig {
  return {
    sites: config.sites.map((site) => ({
      id: site.id,
      name: site.name,
      issuerOfPatientId: site.issuerOfPatientId,
      patientIdSystem: site.patientIdSystem,
      dicomweb: `/sites/${site.id}/dicom-web`,
      timeoutMs: site.timeoutMs ?? defaultTimeoutMs,
    })),
    // Passerelle's own identity manager (contract §6) answers ITI-83 itself; an external PIXm is proxied.
    identity: { pixm: config.identity?.manager ? IDENTITY_MANAGER_BASE : config.identity?.pixm ? '/identity/pixm' : null },
    ...(config.viewer !== undefined && (config.viewer.imageCacheMB !== undefined || config.viewer.renderPath !== undefined)
      ? {
          viewer: {
            ...(config.viewer.imageCacheMB !== undefined ? { imageCacheMB: config.viewer.imageCacheMB } : {}),
            ...(config.viewer.renderPath !== undefined ? { renderPath: config.viewer.renderPath } : {}),
          },
        }
      : {}),
    ...(config.hangingProtocols !== undefined ? { hangingProtocols: config.hangingProtocols } : {}),
    ...(config.auth ? { auth: { issuer: config.auth.issuer } } : {}),
  };
}

const publicSiteSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  issuerOfPatientId: z.string(),
  patientIdSystem: z.string(),
  dicomweb: z.string().startsWith('/sites/'),
  timeoutMs: z.number().int().positive(),
});

const publicConfigSchema = z.object({
  sites: z.array(publicSiteSchema),
  identity: z.object({ pixm: z.string().startsWith('/identity/').nullable() }),
  viewer: z.object({ imageCacheMB: z.number().int().positive().optional(), renderPath: z.enum(['auto', 'gpu', 'cpu']).optional() }).optional(),
  hangingProtocols: hangingProtocolsSchema.optional(),
  auth: z.object({ issuer: z.string() }).optional(),
});

/** Checks what the gateway sent; only same-origin paths are accepted as endpoints. */
export function parsePublicConfig(input: unknown): PublicConfig {
  return publicConfigSchema.parse(input);
}
