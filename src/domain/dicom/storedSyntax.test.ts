import { describe, expect, it } from 'vitest';
import { decodedFrameSyntax, hasNoFrameRepresentation, isFrameRefusal, storedTransferSyntax } from './storedSyntax.ts';

describe('storedTransferSyntax', () => {
  it('takes Transfer Syntax UID of the file meta information first', () => {
    expect(storedTransferSyntax({ '00020010': { vr: 'UI', Value: ['1.2.840.10008.1.2.2'] }, '00083002': { vr: 'UI', Value: ['1.2.840.10008.1.2.1'] } })).toBe('1.2.840.10008.1.2.2');
  });

  it('takes a single Available Transfer Syntax UID', () => {
    expect(storedTransferSyntax({ '00083002': { vr: 'UI', Value: ['1.2.840.10008.1.2.1.99'] } })).toBe('1.2.840.10008.1.2.1.99');
  });

  it('says nothing when the metadata names neither, or several', () => {
    expect(storedTransferSyntax({})).toBeUndefined();
    expect(storedTransferSyntax({ '00083002': { vr: 'UI', Value: ['1.2.840.10008.1.2.1', '1.2.840.10008.1.2.4.50'] } })).toBeUndefined();
    expect(storedTransferSyntax('not a data set')).toBeUndefined();
  });
});

describe('hasNoFrameRepresentation', () => {
  it('is true of big endian and deflated only', () => {
    expect(hasNoFrameRepresentation('1.2.840.10008.1.2.2')).toBe(true);
    expect(hasNoFrameRepresentation('1.2.840.10008.1.2.1.99')).toBe(true);
    expect(hasNoFrameRepresentation('1.2.840.10008.1.2.1')).toBe(false);
    expect(hasNoFrameRepresentation('1.2.840.10008.1.2.4.80')).toBe(false);
    expect(hasNoFrameRepresentation(undefined)).toBe(false);
  });
});

describe('isFrameRefusal', () => {
  it('takes 406 and server errors about the resource as a refusal', () => {
    expect(isFrameRefusal(406)).toBe(true);
    expect(isFrameRefusal(500)).toBe(true);
    expect(isFrameRefusal(501)).toBe(true);
    expect(isFrameRefusal(400)).toBe(true);
  });

  it('does not take an unreachable, down or slow archive, or a client error, as a refusal', () => {
    for (const status of [502, 503, 504, 404, 401, 403, 200, 0]) expect(isFrameRefusal(status)).toBe(false);
  });
});

describe('decodedFrameSyntax', () => {
  it('decodes an inflated deflated data set as explicit little endian, others as stored', () => {
    expect(decodedFrameSyntax('1.2.840.10008.1.2.1.99')).toBe('1.2.840.10008.1.2.1');
    expect(decodedFrameSyntax('1.2.840.10008.1.2.2')).toBe('1.2.840.10008.1.2.2');
  });
});
