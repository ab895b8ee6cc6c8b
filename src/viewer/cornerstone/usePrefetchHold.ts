/**
 * Holds every stack's prefetch while `waiting`: what a viewport about to open needs first (the hanging protocol's
 * plan, a series' metadata, its first image) is not queued behind another viewport's whole series.
 */
import { useEffect } from 'react';
import { awaitFirstImage } from './stackPrefetcher.ts';

let sequence = 0;

export function usePrefetchHold(waiting: boolean): void {
  useEffect(() => {
    if (!waiting) return undefined;
    sequence += 1;
    return awaitFirstImage(`hold-${sequence}`);
  }, [waiting]);
}
