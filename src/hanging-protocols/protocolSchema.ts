/**
 * Validation of configured hanging protocols (`hangingProtocols` in the runtime configuration): the shape
 * of {@link HangingProtocol}, then the references between its parts (display sets named by viewports and
 * `like`, viewport counts within the layout, sync group indices within the stage). Each error names its
 * field, as the rest of the configuration does (`hangingProtocols[0].stages[1].viewports[2].displaySet: …`).
 */
import { z } from '../domain/zod.ts';
import { LAYOUT_IDS, viewportCount } from '../domain/viewer/viewportLayouts.ts';
import { MATCH_ATTRIBUTES, READER_ROLES, SYNC_KINDS, type HangingProtocol } from './protocolTypes.ts';

const id = z.string({ error: 'must be a string' }).regex(/^[A-Za-z0-9._-]+$/, 'must match [A-Za-z0-9._-]+');
const label = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty');
const keywords = z.array(label, { error: 'must be a list of strings' }).min(1, 'must list at least one value');
const millimetres = z.number({ error: 'must be a number of mm' }).positive('must be positive');

const constraintSchema = z.union(
  [
    z.strictObject({ equals: z.union([z.string(), z.boolean()], { error: 'must be a string or a boolean' }) }),
    z.strictObject({ oneOf: keywords }),
    z.strictObject({ containsAny: keywords }),
  ],
  { error: 'must be one of { equals }, { oneOf: [...] }, { containsAny: [...] }' },
);

const ruleSchema = z.strictObject({
  attribute: z.enum(MATCH_ATTRIBUTES, { error: `must be one of ${MATCH_ATTRIBUTES.join(', ')}` }),
  constraint: constraintSchema,
  weight: z.number({ error: 'must be a number' }).finite('must be finite'),
  required: z.boolean({ error: 'must be true or false' }),
});

const selectorSchema = z.strictObject({
  modality: keywords.optional(),
  keywords: keywords.optional(),
  excludeKeywords: keywords.optional(),
  orientation: z.enum(['axial', 'sagittal', 'coronal'], { error: 'must be axial, sagittal or coronal' }).optional(),
  sliceThicknessMm: z.strictObject({ min: millimetres.optional(), max: millimetres.optional() }).optional(),
  minImages: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').optional(),
  like: id.optional(),
});

const displaySetSchema = z.strictObject({
  id,
  study: z.union([z.literal('current'), z.strictObject({ prior: z.number().int().min(0) })], { error: 'must be "current" or { "prior": n } (n ≥ 0)' }),
  series: selectorSchema,
  rank: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0').optional(),
});

const viewportSchema = z.union([z.strictObject({ displaySet: id }), z.strictObject({ report: z.literal(true) })], {
  error: 'must be { "displaySet": id } or { "report": true }',
});

const syncGroupSchema = z.strictObject({
  kinds: z.array(z.enum(SYNC_KINDS, { error: `must be one of ${SYNC_KINDS.join(', ')}` })).min(1, 'must list at least one kind'),
  viewports: z.array(z.number({ error: 'must be a viewport index' }).int('must be a whole number').min(0, 'must be at least 0')).min(2, 'must list at least two viewports'),
});

const stageSchema = z.strictObject({
  id,
  name: label,
  layout: z.enum(LAYOUT_IDS, { error: `must be one of ${LAYOUT_IDS.join(', ')}` }),
  viewports: z.array(viewportSchema, { error: 'must be a list of viewports' }).min(1, 'must list at least one viewport'),
  syncGroups: z.array(syncGroupSchema, { error: 'must be a list of sync groups' }),
});

type Issue = { path: PropertyKey[]; message: string };

function referenceIssues(protocol: HangingProtocol): Issue[] {
  const issues: Issue[] = [];
  const ids = new Map<string, number>();
  protocol.displaySets.forEach((set, index) => {
    const first = ids.get(set.id);
    if (first !== undefined) issues.push({ path: ['displaySets', index, 'id'], message: `duplicates displaySets[${first}].id "${set.id}"` });
    else ids.set(set.id, index);
  });
  protocol.displaySets.forEach((set, index) => {
    const like = set.series.like;
    if (like !== undefined && (!ids.has(like) || like === set.id)) issues.push({ path: ['displaySets', index, 'series', 'like'], message: `names no other display set ("${like}")` });
  });
  protocol.stages.forEach((stage, stageIndex) => {
    const count = viewportCount(stage.layout);
    if (stage.viewports.length > count) issues.push({ path: ['stages', stageIndex, 'viewports'], message: `lists ${stage.viewports.length} viewports; layout ${stage.layout} has ${count}` });
    stage.viewports.forEach((viewport, index) => {
      if ('displaySet' in viewport && !ids.has(viewport.displaySet)) {
        issues.push({ path: ['stages', stageIndex, 'viewports', index, 'displaySet'], message: `names no display set ("${viewport.displaySet}")` });
      }
    });
    stage.syncGroups.forEach((group, groupIndex) => {
      group.viewports.forEach((viewport, index) => {
        if (viewport >= stage.viewports.length) issues.push({ path: ['stages', stageIndex, 'syncGroups', groupIndex, 'viewports', index], message: `is not a viewport of this stage (0–${stage.viewports.length - 1})` });
      });
    });
  });
  return issues;
}

/** One protocol (see {@link HangingProtocol}). */
export const hangingProtocolSchema = z
  .strictObject({
    id,
    name: label,
    matchingRules: z.array(ruleSchema, { error: 'must be a list of rules' }),
    displaySets: z.array(displaySetSchema, { error: 'must be a list of display sets' }),
    stages: z.array(stageSchema, { error: 'must be a list of stages' }).min(1, 'must list at least one stage'),
    requiresPrior: z.boolean({ error: 'must be true or false' }).optional(),
    reportPanel: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .superRefine((protocol, ctx) => {
    for (const issue of referenceIssues(protocol)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    protocol.matchingRules.forEach((rule, index) => {
      const value = 'equals' in rule.constraint ? rule.constraint.equals : undefined;
      const booleanAttribute = rule.attribute === 'hasReport' || rule.attribute === 'hasPrior';
      if (booleanAttribute && typeof value !== 'boolean') ctx.addIssue({ code: 'custom', path: ['matchingRules', index, 'constraint'], message: `${rule.attribute} takes { "equals": true | false }` });
      if (rule.attribute === 'role' && typeof value === 'string' && !(READER_ROLES as readonly string[]).includes(value)) {
        ctx.addIssue({ code: 'custom', path: ['matchingRules', index, 'constraint', 'equals'], message: `must be one of ${READER_ROLES.join(', ')}` });
      }
    });
  });

/** A list of protocols with distinct ids. */
export const hangingProtocolsSchema = z.array(hangingProtocolSchema, { error: 'must be a list of hanging protocols' }).superRefine((protocols, ctx) => {
  const seen = new Map<string, number>();
  protocols.forEach((protocol, index) => {
    const first = seen.get(protocol.id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `is also the id of protocol [${first}] ("${protocol.id}")` });
    else seen.set(protocol.id, index);
  });
});

/** Checks parsed JSON against {@link hangingProtocolsSchema}; each error names its field (`[0].stages[0].layout: …`). */
export function validateHangingProtocols(input: unknown): { ok: true; protocols: HangingProtocol[] } | { ok: false; errors: string[] } {
  const parsed = hangingProtocolsSchema.safeParse(input);
  if (parsed.success) return { ok: true, protocols: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const field = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
      return field === '' ? issue.message : `${field}: ${issue.message}`;
    }),
  };
}
