/**
 * Images whose instance metadata is read on demand (a large series): the image loader needs an instance's
 * metadata when the frame's bytes arrive, so a frame request waits for it before it is sent (the loader awaits its
 * `beforeSend` hook). A read that fails lets the request go: the loader then fails for want of metadata, and the
 * slice shows that failure.
 */
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { isDicomJsonDataset, numberValue } from '../../domain/dicom/dicomJson.ts';
import { loaderMetadata } from '../../domain/viewer/loaderMetadata.ts';

type WadorsMetadata = Parameters<typeof dicomImageLoader.wadors.metaDataManager.add>[1];

/** Image id → the read of its instance's metadata, until registered. */
const pending = new Map<string, () => Promise<object>>();

/** The image id metadata is registered under: its instance's first frame (the loader derives the others). */
function instanceImageId(imageId: string): string {
  return imageId.replace(/\/frames\/\d+$/, '/frames/1');
}

/**
 * Registers `instance` as the metadata of the instance of `imageId`, with what real files miss implied by the
 * standard (loaderMetadata.ts).
 */
export function registerInstanceMetadata(imageId: string, instance: object): void {
  if (!isDicomJsonDataset(instance)) return;
  dicomImageLoader.wadors.metaDataManager.add(instanceImageId(imageId), loaderMetadata(instance) as unknown as WadorsMetadata);
}

/** `imageId` will have its metadata from `read` when first requested; the returned function forgets it. */
export function deferInstanceMetadata(imageId: string, read: () => Promise<object>): () => void {
  pending.set(imageId, read);
  return () => {
    if (pending.get(imageId) === read) pending.delete(imageId);
  };
}

/** Waits until the metadata of `imageId` is registered, when it is read on demand; never rejects. */
export async function awaitInstanceMetadata(imageId: string): Promise<void> {
  const read = pending.get(imageId);
  if (!read) return;
  try {
    registerInstanceMetadata(imageId, await read());
    pending.delete(imageId);
  } catch {
    // The request goes without: the loader's own failure names the slice.
  }
}

let installed = false;

/** Makes frame requests wait for on-demand metadata; call after the image loader's `init`, before other hooks wrap it. */
export function installMetadataGate(): void {
  if (installed) return;
  installed = true;
  const { getOptions, setOptions } = dicomImageLoader.internal;
  const { beforeSend } = getOptions();
  setOptions({
    beforeSend: async (xhr: XMLHttpRequest, imageId: string, defaultHeaders: Record<string, string>, params: unknown) => {
      await awaitInstanceMetadata(imageId);
      return beforeSend?.(xhr, imageId, defaultHeaders, params as never);
    },
  } as Parameters<typeof setOptions>[0]);
}

/**
 * Corrects the registered metadata of `imageId`'s instance where its pixel data says otherwise (a codestream's
 * signedness, an RLE frame decoded here to interleaved samples); and nothing else.
 */
export function correctInstanceMetadata(imageId: string, corrections: Record<string, { vr: string; Value: (number | string)[] }>): void {
  const first = instanceImageId(imageId);
  const current: unknown = dicomImageLoader.wadors.metaDataManager.get(first);
  if (!isDicomJsonDataset(current)) return;
  // The loader keeps each frame's view of a multi-frame instance: those views are dropped, to be made anew.
  const frames = Math.max(1, Math.trunc(numberValue(current, '00280008') ?? 1));
  for (let frame = 1; frame <= frames; frame += 1) dicomImageLoader.wadors.metaDataManager.remove(first.replace(/\/frames\/1$/, `/frames/${frame}`));
  dicomImageLoader.wadors.metaDataManager.add(first, { ...current, ...corrections } as unknown as WadorsMetadata);
}

/** The registered metadata of `imageId`'s instance, as DICOM JSON. */
export function instanceMetadataOf(imageId: string): unknown {
  return dicomImageLoader.wadors.metaDataManager.get(instanceImageId(imageId));
}
