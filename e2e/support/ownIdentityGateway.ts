/**
 * A gateway of the test's own, in the test's process, with `identity.manager`, sign-in at the demo's OpenID provider
 * and a fresh embedded PostgreSQL with its audit trail: for specs that need the manager to start from no record and
 * no watermark (the identity review, the harvest), where the test bed's shared database holds other specs' records.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startAuditTrail } from '../../server/audit/startAuditTrail.ts';
import { openDatabase } from '../../server/db/openDatabase.ts';
import { demoRolesConfig } from '../../server/demo/idp/demoUsers.ts';
import { PASSERELLE_CLIENT_ID, startDemoIdp, type RunningDemoIdp } from '../../server/demo/idp/startDemoIdp.ts';
import { ensureBuilt } from '../../server/ensureBuilt.ts';
import { createGateway } from '../../server/gateway/createGateway.ts';
import type { UpstreamCredentials } from '../../server/gateway/upstreamCredentials.ts';
import type { RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { projectRoot } from './demoData.ts';

export interface OwnIdentityGateway {
  idp: RunningDemoIdp;
  /** The gateway's origin, `http://127.0.0.1:<port>`. */
  base: string;
  close(): Promise<void>;
}

export async function startOwnIdentityGateway(options: {
  sites: RuntimeConfig['sites'];
  manager: NonNullable<NonNullable<RuntimeConfig['identity']>['manager']>;
  credentials: UpstreamCredentials;
}): Promise<OwnIdentityGateway> {
  await ensureBuilt(projectRoot, path.join(projectRoot, 'dist'), () => undefined);
  const idp = await startDemoIdp();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-identity-e2e-'));
  const opened = await openDatabase({ kind: 'embedded', dataDir });
  const audit = startAuditTrail(opened.db, { retentionEveryMs: null, flushMs: 10 });
  const config: RuntimeConfig = {
    sites: options.sites,
    identity: { manager: options.manager },
    auth: { issuer: idp.issuer, clientId: PASSERELLE_CLIENT_ID, clientSecretEnv: 'PASSERELLE_OIDC_SECRET', roles: demoRolesConfig },
  };
  const gateway = await createGateway({ config, staticDir: path.join(projectRoot, 'dist'), db: opened.db, audit, clientSecret: idp.clientSecret, credentials: options.credentials });
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  idp.allowGateway([base]);
  return {
    idp,
    base,
    close: async () => {
      await gateway.close();
      await audit.close();
      await opened.close();
      await idp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
