/**
 * A large series' slices taken as their stored instances (WADO-RS Retrieve Instance, PS3.18 §10.4.1.1.1, as
 * stored): one read of each file by the archive gives both the instance's metadata and its frame, where a metadata
 * request and then a frame request cost two. The instance is kept until its frame is decoded (storedInstance.ts).
 */
import type { DicomJsonDataset } from '../../domain/dicom/dicomJson.ts';
import { part10Json } from '../../domain/dicom/part10Json.ts';
import { takeWholeInstances } from './archiveSafeFrames.ts';
import { storedInstance } from './storedInstance.ts';

/**
 * Takes the instances of the series at `seriesUrl` (absolute WADO-RS URL, as its image ids name it) whole; the
 * returned function reads one instance's metadata from its stored file, `undefined` where the file has no VRs to
 * read it by (implicit VR: its metadata is then asked of the archive).
 */
export function wholeInstanceMetadata(seriesUrl: string, timeoutMs: number): (sopInstanceUid: string) => Promise<DicomJsonDataset | undefined> {
  takeWholeInstances(seriesUrl);
  return async (sopInstanceUid) => part10Json((await storedInstance(`${seriesUrl}/instances/${sopInstanceUid}`, timeoutMs)).dataSet);
}
