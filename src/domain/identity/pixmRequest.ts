/**
 * The IHE PIXm Query (ITI-83) request: `GET [base]/Patient/$ihe-pix?sourceIdentifier=system|value`, with
 * optional repeated `targetSystem` parameters (IHE ITI TF-2 §3.83.4.1.2).
 */
import type { PixmIdentifier } from './identifierSystem.ts';

/**
 * Escapes a value for a FHIR search parameter (FHIR R4 §3.1.1.5.7, "Escaping Search Parameters"): `\`, `|`,
 * `,` and `$` are preceded by `\` so that they are read as data, not as separators.
 */
export function escapeFhirSearchValue(value: string): string {
  return value.replace(/[\\|,$]/g, (character) => `\\${character}`);
}

/** The token `system|value` of an identifier, each part escaped (FHIR R4 §3.1.1.4.7, token search). */
export function fhirIdentifierToken(identifier: PixmIdentifier): string {
  return `${escapeFhirSearchValue(identifier.system)}|${escapeFhirSearchValue(identifier.value)}`;
}

/** Percent-encodes a parameter value; a lone surrogate (refused by `encodeURIComponent`) becomes U+FFFD. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/**
 * The ITI-83 path and query relative to the FHIR base: `Patient/$ihe-pix?sourceIdentifier=…[&targetSystem=…]`,
 * values escaped for FHIR then URL-encoded (`|` becomes `%7C`, an escaped `|` in a value `%5C%7C`).
 */
export function pixmQueryPath(source: PixmIdentifier, targetSystems: readonly string[] = []): string {
  const parameters = [
    `sourceIdentifier=${encodeQueryValue(fhirIdentifierToken(source))}`,
    ...targetSystems.map((system) => `targetSystem=${encodeQueryValue(escapeFhirSearchValue(system))}`),
  ];
  return `Patient/$ihe-pix?${parameters.join('&')}`;
}

/** The ITI-83 request URL under a FHIR base (`/identity/pixm`, with or without a trailing `/`). */
export function pixmQueryUrl(base: string, source: PixmIdentifier, targetSystems: readonly string[] = []): string {
  return `${base.replace(/\/+$/, '')}/${pixmQueryPath(source, targetSystems)}`;
}
