/**
 * The harvest's HTTP interface, for identity officers:
 * - `GET /identity/harvest`: progress per site (state, studies read, patients learnt, watermark, last run, error);
 * - `POST /identity/harvest`: starts a run now, unless one is under way (`202` either way, with the progress).
 * The gateway's access rules ask for a signed-in user under `/identity/`, and its CSRF hook checks the POST; the
 * role is checked here.
 */
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/accessRules.ts';
import type { IdentityHarvest } from './identityHarvest.ts';

export const HARVEST_PATH = '/identity/harvest';

export function registerHarvestRoutes(app: FastifyInstance, harvest: IdentityHarvest): void {
  const preHandler = requireRole('identity-officer');
  app.get(HARVEST_PATH, { preHandler }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { running: harvest.running(), sites: await harvest.status() };
  });
  app.post(HARVEST_PATH, { preHandler }, async (_request, reply) => {
    const already = harvest.running();
    void harvest.run().catch(() => undefined);
    reply.code(202).header('cache-control', 'no-store');
    return { started: !already, running: true, sites: await harvest.status() };
  });
}
