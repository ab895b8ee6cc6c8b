import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_DEPTH, MAX_CONTENT_ITEMS, readStructuredReport, type ReportNode } from './structuredReport.ts';

const cs = (value: string) => ({ vr: 'CS', Value: [value] });
const code = (value: string, scheme: string, meaning: string) => ({
  vr: 'SQ',
  Value: [{ '00080100': { vr: 'SH', Value: [value] }, '00080102': { vr: 'SH', Value: [scheme] }, '00080104': { vr: 'LO', Value: [meaning] } }],
});
const content = (...items: unknown[]) => ({ vr: 'SQ', Value: items });
const text = (meaning: string, value: string) => ({
  '0040A010': cs('CONTAINS'),
  '0040A040': cs('TEXT'),
  '0040A043': code('121070', 'DCM', meaning),
  '0040A160': { vr: 'UT', Value: [value] },
});
const container = (meaning: string, ...items: unknown[]) => ({
  '0040A010': cs('CONTAINS'),
  '0040A040': cs('CONTAINER'),
  '0040A043': code('121070', 'DCM', meaning),
  '0040A730': content(...items),
});

/** A Basic Text SR as Orthanc's WADO-RS metadata answers it: one-element array, content inline. */
const basicText = [
  {
    '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.11'] },
    '00080023': { vr: 'DA', Value: ['20261118'] },
    '00080033': { vr: 'TM', Value: ['113000'] },
    '0040A491': cs('COMPLETE'),
    '0040A493': cs('VERIFIED'),
    '0040A073': {
      vr: 'SQ',
      Value: [
        {
          '0040A027': { vr: 'LO', Value: ['Imagerie (démo)'] },
          '0040A030': { vr: 'DT', Value: ['20261118113000'] },
          '0040A075': { vr: 'PN', Value: [{ Alphabetic: 'LEROY^THOMAS' }] },
        },
      ],
    },
    '0040A040': cs('CONTAINER'),
    '0040A043': code('18748-4', 'LN', 'Diagnostic Imaging Report'),
    '0040A730': content(container('Indication', text('Indication', 'Surveillance d’un nodule.')), container('Conclusion', text('Conclusion', 'Nodule stable.'))),
  },
];

describe('readStructuredReport', () => {
  it('reads a Basic Text SR: title, flags, verifying observer, date and headed sections', () => {
    const report = readStructuredReport(basicText);
    expect(report.title).toBe('Diagnostic Imaging Report');
    expect(report.completion).toBe('COMPLETE');
    expect(report.verification).toBe('VERIFIED');
    expect(report.contentDate).toBe('20261118');
    expect(report.contentTime).toBe('113000');
    expect(report.observers).toEqual([{ role: 'verifier', name: 'LEROY, Thomas', organization: 'Imagerie (démo)', dateTime: '20261118113000' }]);
    expect(report.content).toEqual([
      { kind: 'section', heading: 'Indication', children: [{ kind: 'text', concept: 'Indication', text: 'Surveillance d’un nodule.' }] },
      { kind: 'section', heading: 'Conclusion', children: [{ kind: 'text', concept: 'Conclusion', text: 'Nodule stable.' }] },
    ]);
    expect(report.truncated).toBe(false);
  });

  it('reads the value types of Enhanced and Comprehensive SR, and leaves unknown ones out', () => {
    const report = readStructuredReport({
      '0040A040': cs('CONTAINER'),
      '0040A078': {
        vr: 'SQ',
        Value: [
          { '0040A084': cs('PSN'), '0040A123': { vr: 'PN', Value: [{ Alphabetic: 'FAURE^JULIE' }] }, '00080080': { vr: 'LO', Value: ['Radiologie'] } },
          { '0040A084': cs('DEV'), '0040A123': { vr: 'PN', Value: [{ Alphabetic: 'CAD^ENGINE' }] } },
        ],
      },
      '0040A730': content(
        {
          '0040A040': cs('NUM'),
          '0040A043': code('410668003', 'SCT', 'Length'),
          '0040A300': { vr: 'SQ', Value: [{ '0040A30A': { vr: 'DS', Value: ['14'] }, '004008EA': code('mm', 'UCUM', 'mm') }] },
        },
        { '0040A040': cs('CODE'), '0040A043': code('121071', 'DCM', 'Finding'), '0040A168': code('27925004', 'SCT', 'Nodule') },
        { '0040A040': cs('DATE'), '0040A043': code('111060', 'DCM', 'Study Date'), '0040A121': { vr: 'DA', Value: ['20260630'] } },
        { '0040A040': cs('TIME'), '0040A122': { vr: 'TM', Value: ['1620'] } },
        { '0040A040': cs('DATETIME'), '0040A120': { vr: 'DT', Value: ['20260630162000'] } },
        { '0040A040': cs('PNAME'), '0040A043': code('121008', 'DCM', 'Person Observer Name'), '0040A123': { vr: 'PN', Value: [{ Alphabetic: 'MOREAU^ANNE' }] } },
        { '0040A040': cs('UIDREF'), '0040A124': { vr: 'UI', Value: ['1.2.3'] } },
        { '0040A040': cs('IMAGE'), '00081199': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: ['1.2.3.4'] } }] } },
        { '0040A040': cs('COMPOSITE') },
        { '0040A040': cs('SCOORD'), '00700023': cs('POLYLINE') },
        { '0040A040': cs('WHATEVER'), '0040A160': { vr: 'UT', Value: ['hidden'] } },
      ),
    });
    expect(report.content).toEqual<ReportNode[]>([
      { kind: 'text', concept: 'Length', text: '14 mm' },
      { kind: 'text', concept: 'Finding', text: 'Nodule' },
      { kind: 'date', concept: 'Study Date', value: '20260630' },
      { kind: 'time', concept: undefined, value: '1620' },
      { kind: 'datetime', concept: undefined, value: '20260630162000' },
      { kind: 'text', concept: 'Person Observer Name', text: 'MOREAU, Anne' },
      { kind: 'text', concept: undefined, text: '1.2.3' },
      { kind: 'reference', concept: undefined, sopInstanceUid: '1.2.3.4' },
      { kind: 'reference', concept: undefined, sopInstanceUid: undefined },
      { kind: 'coordinates', concept: undefined, graphicType: 'POLYLINE' },
    ]);
    expect(report.observers.map((observer) => [observer.role, observer.name])).toEqual([
      ['author', 'FAURE, Julie'],
      ['author', 'MOREAU, Anne'],
    ]);
  });

  it('keeps hostile text as plain text, to be shown as text', () => {
    const hostile = '<img src=x onerror=alert(1)> https://evil.example/';
    const report = readStructuredReport({ '0040A040': cs('CONTAINER'), '0040A730': content(text('Findings', hostile)) });
    expect(report.content).toEqual([{ kind: 'text', concept: 'Findings', text: hostile }]);
  });

  it('never throws on malformed shapes', () => {
    const shapes: unknown[] = [
      undefined,
      null,
      42,
      'SR',
      [],
      [null],
      {},
      { '0040A730': 'not a sequence' },
      { '0040A730': { vr: 'SQ', Value: 'nope' } },
      { '0040A730': { vr: 'SQ', Value: [null, 3, 'x', [], { '0040A040': { vr: 'CS', Value: [42] } }] } },
      { '0040A730': { vr: 'SQ', Value: [{ '0040A040': cs('NUM'), '0040A300': { vr: 'SQ', Value: [{}] } }] } },
      { '0040A730': { vr: 'SQ', Value: [{ '0040A040': cs('TEXT') }, { '0040A040': cs('CONTAINER') }] } },
      { '0040A073': { vr: 'SQ', Value: [{ '0040A075': { vr: 'PN', Value: [17] } }] }, '0040A043': { vr: 'SQ' } },
    ];
    for (const shape of shapes) {
      expect(() => readStructuredReport(shape)).not.toThrow();
    }
    expect(readStructuredReport(null).content).toEqual([]);
    expect(readStructuredReport({ '0040A730': { vr: 'SQ', Value: [{ '0040A040': cs('CONTAINER') }] } }).content).toEqual([
      { kind: 'section', heading: undefined, children: [] },
    ]);
  });

  it('caps the depth of a hostile, deeply nested tree', () => {
    let node: Record<string, unknown> = text('Leaf', 'deep');
    for (let level = 0; level < 10_000; level += 1) node = { '0040A040': cs('CONTAINER'), '0040A730': content(node) };
    const report = readStructuredReport(node);
    expect(report.truncated).toBe(true);
    let depth = 0;
    let current: ReportNode | undefined = report.content[0];
    while (current?.kind === 'section') {
      depth += 1;
      current = current.children[0];
    }
    expect(depth).toBeLessThanOrEqual(MAX_CONTENT_DEPTH);
  });

  it('caps the number of items of a hostile, huge tree', () => {
    const items = Array.from({ length: MAX_CONTENT_ITEMS * 3 }, (_, index) => text('Finding', `line ${index}`));
    const report = readStructuredReport({ '0040A730': content(...items) });
    expect(report.content).toHaveLength(MAX_CONTENT_ITEMS);
    expect(report.truncated).toBe(true);
  });

  it('clips an enormous text value', () => {
    const report = readStructuredReport({ '0040A730': content(text('Finding', 'x'.repeat(1_000_000))) });
    const first = report.content[0];
    expect(first?.kind === 'text' && first.text.length).toBeLessThan(30_000);
  });
});
