/**
 * A name as the identity manager searches and compares it: lower case, accents gone, hyphens, apostrophes and runs of
 * spaces made one space (`Lefèvre-D'Arc` → `lefevre d arc`). The manager's PDQm search and its strict traits use it
 * on the server; the identity review marks two traits the same with it in the browser.
 */
export function searchForm(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
