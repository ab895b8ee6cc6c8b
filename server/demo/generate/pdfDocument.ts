/**
 * A minimal one-page PDF 1.4 writer (ISO 32000-1): catalog, page tree, one A4 page, the standard Helvetica and
 * Helvetica-Bold fonts in WinAnsiEncoding (no embedding needed for the standard 14 fonts), one uncompressed
 * content stream of text lines, an Info dictionary, and a cross-reference table with exact byte offsets.
 * Text must be ISO 8859-1, which WinAnsiEncoding matches from 0xA0 to 0xFF.
 */
import { encodeLatin1 } from './dataset.ts';

export interface PdfLine {
  text: string;
  size: number;
  bold?: boolean;
  /** Extra space above the line, in points. */
  spaceBefore?: number;
}

export interface PdfPage {
  title: string;
  author: string;
  /** PDF date, e.g. "D:20260630162000". */
  creationDate: string;
  lines: readonly PdfLine[];
}

const pageWidth = 595;
const pageHeight = 842;
const margin = 56;

/** A PDF literal string: backslash and parentheses escaped (ISO 32000-1 §7.3.4.2). */
export function pdfString(text: string): string {
  encodeLatin1(text);
  return `(${text.replace(/[\\()]/g, (character) => `\\${character}`)})`;
}

/** Splits `text` into lines of at most `width` characters, at spaces. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

function contentStream(lines: readonly PdfLine[]): string {
  const operations: string[] = [];
  let y = pageHeight - margin;
  for (const line of lines) {
    y -= (line.spaceBefore ?? 0) + line.size * 1.35;
    if (y < margin) throw new Error('report does not fit on one page');
    operations.push(`BT /${line.bold ? 'F2' : 'F1'} ${line.size} Tf ${margin} ${y.toFixed(2)} Td ${pdfString(line.text)} Tj ET`);
  }
  return `${operations.join('\n')}\n`;
}

/** The PDF file's bytes. Deterministic: the same input always gives the same bytes. */
export function buildPdf(page: PdfPage): Uint8Array {
  const content = contentStream(page.lines);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    // Latin-1 text: one byte per character, so the string length is the byte length.
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
    `<< /Title ${pdfString(page.title)} /Author ${pdfString(page.author)} /Producer (Passerelle demo) /CreationDate (${page.creationDate}) >>`,
  ];
  // The comment with bytes above 127 marks the file as binary (ISO 32000-1 §7.5.2).
  let file = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(file.length);
    file += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = file.length;
  // Each cross-reference entry is exactly 20 bytes, ending with space + LF (ISO 32000-1 §7.5.4).
  file += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) file += `${String(offset).padStart(10, '0')} 00000 n \n`;
  file += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return encodeLatin1(file);
}
