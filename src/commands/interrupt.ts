// Ctrl-C: whatever holds the terminal (the progress line, the interactive app) registers how to give it back;
// an interrupt runs those, then pyguard exits with 130 as shells expect after SIGINT.
export const EXIT_INTERRUPTED = 130;

const restorers = new Set<() => void>();

/** Registers `restore` until the returned function is called. */
export function onInterrupt(restore: () => void): () => void {
  restorers.add(restore);
  return () => restorers.delete(restore);
}

export function interrupt(): never {
  for (const restore of [...restorers]) {
    try {
      restore();
    } catch {
      // restoring the rest of the terminal matters more than this one failure
    }
  }
  process.exit(EXIT_INTERRUPTED);
}
