export type Closer = () => Promise<void> | void;

export interface BenchLifetime {
  /** Registers something to close at the end; closed in reverse order. */
  closers: Closer[];
  /** Stops the watchdog and the signal handlers, then closes everything registered. */
  end(): Promise<void>;
}

/**
 * What a bench holds open, closed at the end, on SIGINT/SIGTERM (exit 130) or when the watchdog fires (exit 2).
 */
export function startBenchLifetime(watchdogMs: number): BenchLifetime {
  const closers: Closer[] = [];
  const cleanup = async () => {
    for (const close of closers.splice(0).reverse()) {
      await Promise.resolve()
        .then(close)
        .catch(() => undefined);
    }
  };
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${watchdogMs / 1000} s, giving up`);
    void cleanup().finally(() => process.exit(2));
  }, watchdogMs);
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    closers,
    end: async () => {
      clearTimeout(watchdog);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      await cleanup();
    },
  };
}
