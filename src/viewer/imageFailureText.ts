import type { TFunction } from 'i18next';
import type { ImageFailure } from '../domain/viewer/imageFailure.ts';

/** Why an image is not shown, in the reader's language, naming the site whose archive it comes from. */
export function imageFailureText(t: TFunction, failure: ImageFailure | undefined, site: string): string {
  if (!failure) return '';
  const detail = 'detail' in failure && failure.detail ? ` (${failure.detail})` : '';
  return t(`viewer.imageFailure.${failure.kind}`, { ...failure, site, detail });
}
