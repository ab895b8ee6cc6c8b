/** Gives the image loader an instance's WADO-RS metadata, with what real files miss filled in (loaderMetadata.ts). */
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { isDicomJsonDataset } from '../../domain/dicom/dicomJson.ts';
import { loaderMetadata } from '../../domain/viewer/loaderMetadata.ts';

type LoaderMetadata = Parameters<typeof dicomImageLoader.wadors.metaDataManager.add>[1];

/** Registers `instance` for the frames of `imageId`'s instance. */
export function registerInstanceMetadata(imageId: string, instance: unknown): void {
  if (!isDicomJsonDataset(instance)) return;
  dicomImageLoader.wadors.metaDataManager.add(imageId, loaderMetadata(instance) as unknown as LoaderMetadata);
}
