/**
 * The harvest's HTTP interface, for identity officers:
 * - `GET /identity/harvest`: progress per site (state, studies read, patients learnt, watermark, last run, error);
 * - `POST /identity/harvest`: starts a run now, unless one is under way (`202` either way, with the progress).
 * The gateway's access rules ask for a signed-in user under `/identity/`, and its CSRF hook checks the POST; the
 * role is checked here. A run started here is recorded in the audit trail as the officer's (harvestAudit.ts).
 */
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/accessRules.ts';
import type { HarvestActor } from './harvestAudit.ts';
import type { IdentityHarvest } from './identityHarvest.ts';

export const HARVEST_PATH = '/identity/harvest';

export function registerHarvestRoutes(app: FastifyInstance, harvest: IdentityHarvest): void {
  const preHandler = requireRole('identity-officer');
  app.get(HARVEST_PATH, { preHandler }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { running: harvest.running(), sites: await harvest.status() };
  });
  app.post(HARVEST_PATH, { preHandler }, async (request, reply) => {
    const already = harvest.running();
    const user = request.user;
    const actor: HarvestActor = {
      user: user
        ? { id: user.id, ...(user.name !== undefined ? { name: user.name } : {}), roles: user.roles, ...(user.organisation !== undefined ? { organisation: user.organisation } : {}) }
        : { id: 'unknown' },
      clientAddress: request.ip,
      trigger: 'on-demand',
    };
    void harvest.run(actor).catch(() => undefined);
    reply.code(202).header('cache-control', 'no-store');
    return { started: !already, running: true, sites: await harvest.status() };
  });
}
