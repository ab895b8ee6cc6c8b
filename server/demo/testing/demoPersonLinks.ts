/**
 * What the identity manager cross-references for each demo identifier, beside what the demo's persons say it should
 * (`demoPersons`, the stand-alone PIXm's table): the demo's feed test and its harvest test both check that a manager
 * links exactly the demo's persons.
 */
import type { IdentityManager } from '../../identity/identityManager.ts';
import { demoPersons, demoSite, demoSites, type DemoSiteKey } from '../demoSites.ts';

export interface DemoPersonLinks {
  /** `site patientId`, to name a failure. */
  label: string;
  /** `system|value` of the other sites' identifiers PIXm answers (none when it answers no person). */
  answered: string[];
  /** `system|value` of the same person's other identifiers. */
  expected: string[];
}

export async function demoPersonLinks(manager: IdentityManager): Promise<DemoPersonLinks[]> {
  const sitesSystems = demoSites.map((site) => site.patientIdSystem);
  const identifierText = (identifier: { site: DemoSiteKey; patientId: string }) => `${demoSite(identifier.site).patientIdSystem}|${identifier.patientId}`;
  const links: DemoPersonLinks[] = [];
  for (const person of demoPersons) {
    for (const identifier of person.identifiers) {
      const answer = await manager.crossReference({ system: demoSite(identifier.site).patientIdSystem, value: identifier.patientId }, sitesSystems);
      links.push({
        label: `${identifier.site} ${identifier.patientId}`,
        answered: answer.ok ? answer.targetIdentifiers.map((target) => `${target.system}|${target.value}`) : [],
        expected: person.identifiers.filter((other) => other !== identifier).map(identifierText),
      });
    }
  }
  return links;
}
