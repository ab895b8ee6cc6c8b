/** The one function of pako (zlib port, RFC 1951) used here: it ships no types of its own. */
declare module 'pako' {
  const pako: { inflateRaw(data: Uint8Array): Uint8Array };
  export default pako;
}
