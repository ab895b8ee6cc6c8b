/**
 * FHIR search values as the identity manager reads them (FHIR R4 §3.1.1.5.7, escaping): `\` escapes `\`, `|`, `,`
 * and `$`, so that a token `system|value` is split on its first unescaped `|` and a list on its unescaped commas.
 */
import { canonicalSystem, type RecordIdentifier } from './patientTraits.ts';

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** Splits on every unescaped occurrence of `separator`, each part unescaped. */
export function splitUnescaped(text: string, separator: '|' | ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    if (character === '\\' && index + 1 < text.length) {
      current += text.slice(index, index + 2);
      index += 1;
    } else if (character === separator) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts.map(unescape);
}

/** A token `system|value` with both parts (the system made canonical), or undefined. */
export function identifierToken(token: string): RecordIdentifier | undefined {
  const [system, ...rest] = splitUnescaped(token, '|');
  if (rest.length !== 1) return undefined;
  const value = (rest[0] ?? '').trim();
  const trimmedSystem = (system ?? '').trim();
  return trimmedSystem !== '' && value !== '' ? { system: canonicalSystem(trimmedSystem), value } : undefined;
}

/** The target systems of an ITI-83 query: `targetSystem` repeated or comma-separated, each made canonical. */
export function targetSystemsOf(values: readonly string[]): string[] {
  return values
    .flatMap((value) => splitUnescaped(value, ','))
    .map((system) => system.trim())
    .filter((system) => system !== '')
    .map(canonicalSystem);
}
