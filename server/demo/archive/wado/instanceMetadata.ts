/**
 * The metadata of an instance (PS3.18 §10.4.1.1.2, §8.7.3.2): its whole data set in the DICOM JSON Model with every
 * bulk value, the Pixel Data included, replaced by a BulkDataURI (PS3.18 §F.2.6) under the instance's `bulk/`
 * resource, plus the Transfer Syntax UID (0002,0010) the instance is stored in.
 */
import { toDicomJson, toDicomJsonElement, type DicomJson } from '../dicom/dicomJson.ts';
import { PIXEL_DATA_TAG } from '../dicom/bulkData.ts';
import type { InstanceRecord } from '../dicom/indexPart10File.ts';
import { instanceUrl } from './findResources.ts';

export function instanceMetadata(instance: InstanceRecord, root: string): DicomJson {
  const base = `${instanceUrl(root, instance)}/bulk/`;
  const out: DicomJson = {};
  const transferSyntax = instance.meta['00020010'];
  const transferSyntaxJson = transferSyntax && toDicomJsonElement(transferSyntax, '00020010');
  if (transferSyntaxJson) out['00020010'] = transferSyntaxJson;
  Object.assign(out, toDicomJson(instance.dataset, { bulkPaths: instance.bulk, bulkDataUri: (path) => base + path }));
  if (instance.pixelData) out[PIXEL_DATA_TAG] = { vr: instance.pixelData.vr, BulkDataURI: base + PIXEL_DATA_TAG };
  return out;
}
