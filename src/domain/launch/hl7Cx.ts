/**
 * The HL7 v2 CX data type (Extended Composite ID with Check Digit, HL7 v2.5 §2.A.14) as IHE Invoke Image
 * Display carries it in `patientID` (RAD-106, with the URL form of ITI TF-2x Appendix E):
 * `ID^^^NAMESPACE&UNIVERSAL-ID&UNIVERSAL-ID-TYPE`. Only CX.1 (ID Number) and CX.4 (Assigning Authority, an HD:
 * namespace ID, universal ID, universal ID type) matter here; the other components are read past.
 *
 * Delimiters are the HL7 defaults (HL7 v2.5 §2.5.4): `^` component, `&` subcomponent, `~` repetition, `\`
 * escape. Escape sequences (§2.7.1) are decoded after the value is split, so an escaped delimiter is data.
 * Percent-decoding of the URL is the caller's (URLSearchParams already did it).
 */

/** CX.4 Assigning Authority (HD): any of its parts may be missing. */
export interface AssigningAuthority {
  /** HD.1 Namespace ID, e.g. `CHU-DIJON`. */
  namespaceId?: string;
  /** HD.2 Universal ID, e.g. an OID `1.2.250.1.999.1.1`. */
  universalId?: string;
  /** HD.3 Universal ID Type, e.g. `ISO`. */
  universalIdType?: string;
}

/** A CX value read: the ID (CX.1) and its assigning authority (CX.4), both decoded and trimmed. */
export interface Hl7Cx {
  id: string;
  assigningAuthority: AssigningAuthority;
}

/** A CX value, or why the text is not one. */
export type Hl7CxReading = { kind: 'cx'; cx: Hl7Cx } | { kind: 'invalid'; reason: string };

/** The delimiters an escape stands for (HL7 v2.5 §2.7.1). */
const ESCAPES: Readonly<Record<string, string>> = { F: '|', S: '^', T: '&', R: '~', E: '\\' };

/** A raw piece of text between delimiters, escapes still in it. */
type Tokens = string[][];

/**
 * Splits the raw text into components and subcomponents, stepping over escape sequences so that a delimiter
 * inside one is not taken for a separator.
 */
function split(text: string): { components: Tokens } | { reason: string } {
  const components: Tokens = [['']];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    const component = components[components.length - 1] as string[];
    if (char === '\\') {
      const end = text.indexOf('\\', index + 1);
      if (end < 0) return { reason: 'has an escape sequence "\\" that is not closed' };
      component[component.length - 1] += text.slice(index, end + 1);
      index = end + 1;
      continue;
    }
    if (char === '~') return { reason: 'holds several identifiers ("~"); one is expected' };
    if (char === '^') components.push(['']);
    else if (char === '&') component.push('');
    else component[component.length - 1] += char;
    index += 1;
  }
  return { components };
}

/**
 * Decodes the escape sequences of one subcomponent: `\F\ \S\ \T\ \R\ \E\`. Others (formatting, character set,
 * hexadecimal) have no place in an identifier and make it unreadable rather than guessed at.
 */
export function decodeHl7Escapes(text: string): { value: string } | { reason: string } {
  let value = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char !== '\\') {
      value += char;
      index += 1;
      continue;
    }
    const end = text.indexOf('\\', index + 1);
    if (end < 0) return { reason: 'has an escape sequence "\\" that is not closed' };
    const name = text.slice(index + 1, end);
    const decoded = ESCAPES[name];
    if (decoded === undefined) return { reason: `has an unsupported escape sequence "\\${name}\\"` };
    value += decoded;
    index = end + 1;
  }
  return { value };
}

function decodeTrimmed(raw: string | undefined): { value?: string } | { reason: string } {
  if (raw === undefined) return {};
  const decoded = decodeHl7Escapes(raw);
  if ('reason' in decoded) return decoded;
  const value = decoded.value.trim();
  return value === '' ? {} : { value };
}

/**
 * Reads a CX value. CX.1 must be a single subcomponent (an unescaped `&` in it is refused, not cut); CX.4 is
 * read as an HD. A repetition (`~`) is refused: one launch names one patient. Never throws.
 */
export function parseHl7Cx(text: string): Hl7CxReading {
  const parts = split(text);
  if ('reason' in parts) return { kind: 'invalid', reason: parts.reason };
  const [idComponent = [''], , , authorityComponent = []] = parts.components;
  if (idComponent.length > 1) return { kind: 'invalid', reason: 'has an unescaped "&" in the ID (write it "\\T\\")' };
  const id = decodeTrimmed(idComponent[0]);
  if ('reason' in id) return { kind: 'invalid', reason: id.reason };
  const assigningAuthority: AssigningAuthority = {};
  const fields = ['namespaceId', 'universalId', 'universalIdType'] as const;
  for (const [position, field] of fields.entries()) {
    const part = decodeTrimmed(authorityComponent[position]);
    if ('reason' in part) return { kind: 'invalid', reason: part.reason };
    if (part.value !== undefined) assigningAuthority[field] = part.value;
  }
  return { kind: 'cx', cx: { id: id.value ?? '', assigningAuthority } };
}
