import { finiteMedian } from '../shared/median.ts';

// The archive alone.

/**
 * Every frame of the series fetched from Node, 6 in parallel, bodies read to the end. `sample()` times one pass;
 * the rate is the median over all passes so far (one warm-up pass is not counted), so that passes taken between
 * the viewers' runs share the machine's state with them.
 */
export async function archiveFrameRate(dicomweb: string, studyUid: string, seriesUid: string): Promise<{ frames: number; sample(): Promise<void>; fps(): number; ms(): number; samples(): number }> {
  const response = await fetch(`${dicomweb}/studies/${studyUid}/series/${seriesUid}/instances`, { headers: { accept: 'application/dicom+json' } });
  const instances = (await response.json()) as Record<string, { Value?: unknown[] }>[];
  const sops = instances.map((instance) => instance['00080018']?.Value?.[0] as string);
  const fetchAll = async () => {
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < sops.length) {
        const sop = sops[next] as string;
        next += 1;
        const answer = await fetch(`${dicomweb}/studies/${studyUid}/series/${seriesUid}/instances/${sop}/frames/1`, {
          headers: { accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*' },
          signal: AbortSignal.timeout(30_000),
        });
        if (!answer.ok) throw new Error(`frame of ${sop}: HTTP ${answer.status}`);
        await answer.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    return performance.now() - started;
  };
  await fetchAll();
  const times: number[] = [];
  const ms = () => finiteMedian(times);
  return {
    frames: sops.length,
    sample: async () => {
      times.push(await fetchAll());
    },
    ms,
    fps: () => (sops.length / ms()) * 1000,
    samples: () => times.length,
  };
}

