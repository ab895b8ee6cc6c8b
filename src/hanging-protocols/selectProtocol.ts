/**
 * Choosing the hanging protocol for a study: every required rule must hold, a protocol that requires a prior
 * needs one, and the highest sum of the weights of the rules that hold wins; ties go to the protocol listed
 * first. A protocol without rules (the single-study fallback) always applies, with score 0.
 */
import type { StudySummary } from '../domain/federation/studySummary.ts';
import { bodyRegions } from './bodyRegions.ts';
import type { HangingProtocol, MatchingRule, MatchReason, ProtocolContext, ProtocolSelection, ReaderRole } from './protocolTypes.ts';
import { firstKeyword, foldText } from './textMatch.ts';

/** The context of a study: its modalities, description, regions, report and prior, and the reader's role. */
export function protocolContext(
  study: StudySummary,
  options: { hasPrior: boolean; role: ReaderRole; bodyPartExamined?: string | readonly string[]; hasReport?: boolean },
): ProtocolContext {
  return {
    modalities: study.modalities.map((modality) => modality.toUpperCase()),
    description: study.description ?? '',
    bodyRegions: bodyRegions(study.description, options.bodyPartExamined),
    hasReport: options.hasReport ?? study.hasReport === true,
    hasPrior: options.hasPrior,
    role: options.role,
    siteId: study.siteId,
  };
}

function valuesOf(rule: MatchingRule, context: ProtocolContext): (string | boolean)[] {
  switch (rule.attribute) {
    case 'modality':
      return [...context.modalities];
    case 'description':
      return [context.description];
    case 'bodyRegion':
      return [...context.bodyRegions];
    case 'hasReport':
      return [context.hasReport];
    case 'hasPrior':
      return [context.hasPrior];
    case 'role':
      return [context.role];
    case 'site':
      return [context.siteId];
  }
}

const same = (a: string | boolean, b: string | boolean) =>
  typeof a === 'string' && typeof b === 'string' ? foldText(a) === foldText(b) : a === b;

/** The value that makes `rule` hold in `context`, or `undefined` when it does not hold. */
export function ruleMatch(rule: MatchingRule, context: ProtocolContext): string | boolean | undefined {
  const values = valuesOf(rule, context);
  const { constraint } = rule;
  if ('equals' in constraint) return values.find((value) => same(value, constraint.equals));
  if ('oneOf' in constraint) return values.find((value) => constraint.oneOf.some((wanted) => same(value, wanted)));
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const keyword = firstKeyword(value, constraint.containsAny);
    if (keyword !== undefined) return keyword;
  }
  return undefined;
}

/** How a protocol scores in a context, or `undefined` when it does not apply. */
export function scoreProtocol(protocol: HangingProtocol, context: ProtocolContext): ProtocolSelection | undefined {
  if (protocol.requiresPrior === true && !context.hasPrior) return undefined;
  let score = 0;
  const why: MatchReason[] = [];
  for (const rule of protocol.matchingRules) {
    const value = ruleMatch(rule, context);
    if (value === undefined) {
      if (rule.required) return undefined;
      continue;
    }
    score += rule.weight;
    why.push({ code: rule.attribute, value });
  }
  if (protocol.matchingRules.length === 0) why.push({ code: 'fallback' });
  return { protocol, score, why };
}

/**
 * The protocol for `context`: highest score among those that apply, the first listed on a tie;
 * `undefined` only when none applies (never when the list holds a protocol without rules).
 */
export function selectProtocol(protocols: readonly HangingProtocol[], context: ProtocolContext): ProtocolSelection | undefined {
  let best: ProtocolSelection | undefined;
  for (const protocol of protocols) {
    const scored = scoreProtocol(protocol, context);
    if (scored !== undefined && (best === undefined || scored.score > best.score)) best = scored;
  }
  return best;
}
