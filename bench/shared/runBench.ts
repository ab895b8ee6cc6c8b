/** Runs a bench's main and exits with its code; on an error, prints it (and `extra()` when it says something) and exits 2. */
export function runBench(main: () => Promise<number>, extra?: () => string | undefined): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const more = extra?.();
      if (more) console.error(more);
      process.exit(2);
    },
  );
}
