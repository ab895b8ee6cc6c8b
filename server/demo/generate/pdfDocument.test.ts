import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPdf, pdfString, wrapText } from './pdfDocument.ts';

const page = {
  title: 'Compte rendu (test)',
  author: 'FAURE Julie',
  creationDate: 'D:20260630162000',
  lines: [
    { text: 'Compte rendu - TDM thoraco-abdomino-pelvienne', size: 15, bold: true },
    { text: 'Patient : DURAND Marie-Claire, née le 12/03/1958', size: 10, spaceBefore: 10 },
    { text: 'Parenthèses (équilibrées) et barre \\ oblique', size: 10 },
  ],
};

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

describe('buildPdf', () => {
  it('writes a cross-reference table whose offsets point at each object', () => {
    const text = latin1(buildPdf(page));
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const [, countText] = /^xref\n0 (\d+)\n/.exec(text.slice(startxref)) ?? [];
    const count = Number(countText);
    expect(count).toBe(8);
    const entriesStart = startxref + `xref\n0 ${count}\n`.length;
    for (let i = 0; i < count; i++) {
      const entry = text.slice(entriesStart + 20 * i, entriesStart + 20 * (i + 1));
      expect(entry).toMatch(/^\d{10} \d{5} [nf] \n$/);
      if (i > 0) expect(text.slice(Number(entry.slice(0, 10))).startsWith(`${i} 0 obj\n`)).toBe(true);
    }
  });

  it('declares the exact content stream length', () => {
    const text = latin1(buildPdf(page));
    const match = /<< \/Length (\d+) >>\nstream\n/.exec(text);
    if (!match) throw new Error('no stream');
    const start = match.index + match[0].length;
    expect(text.slice(start + Number(match[1]), start + Number(match[1]) + 'endstream'.length)).toBe('endstream');
  });

  it('is deterministic and encodes accents as single WinAnsi bytes', () => {
    const bytes = buildPdf(page);
    expect(buildPdf(page)).toEqual(bytes);
    expect(Buffer.from(bytes).includes(Buffer.from([0x6e, 0xe9, 0x65]))).toBe(true);
  });

  it('is read by a real PDF reader (poppler)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-pdf-'));
    try {
      const file = path.join(dir, 'report.pdf');
      writeFileSync(file, buildPdf(page));
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('née le 12/03/1958');
      expect(text).toContain('Parenthèses (équilibrées) et barre \\ oblique');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pdf helpers', () => {
  it('escapes string delimiters', () => {
    expect(pdfString('a(b)c\\d')).toBe('(a\\(b\\)c\\\\d)');
  });

  it('wraps at spaces', () => {
    expect(wrapText('un deux trois quatre', 10)).toEqual(['un deux', 'trois', 'quatre']);
  });
});
