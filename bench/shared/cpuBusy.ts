import fs from 'node:fs';
import os from 'node:os';

/** Busy and total CPU time of the whole machine so far, in clock ticks (/proc/stat, Linux). */
function cpuTicks(): { busy: number; total: number } | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/**
 * Starts watching how busy the machine is; `stop()` says how many cores were busy on average since (NaN where
 * /proc/stat cannot be read). A figure near the number of cores means the viewer, the archive and the gateway
 * were competing for the processor, so that a throughput ratio says as much about the machine as about them.
 */
export function watchCpu(): { stop(): number } {
  const start = cpuTicks();
  return {
    stop() {
      const end = cpuTicks();
      if (!start || !end || end.total <= start.total) return Number.NaN;
      return ((end.busy - start.busy) / (end.total - start.total)) * os.cpus().length;
    },
  };
}
