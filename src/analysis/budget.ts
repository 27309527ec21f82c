// What one target's hostile files may make the analysis build: bytes decoded from constants (zlib, base64, ...) and
// payloads rescanned as virtual files. Shared by the files of a target (per file on the worker pool); what is
// left over when a budget is spent is reported as not analysed, so the target is unaudited rather than slow.

export interface AnalysisBudget {
  /** Bytes that decoder calls on constants may still produce. */
  decodedBytes: number;
  /** Decoded payloads that may still be rescanned as virtual files, and their total size. */
  virtualFiles: number;
  virtualBytes: number;
}

export const DEFAULT_BUDGET: Readonly<AnalysisBudget> = {
  decodedBytes: 16 * 1024 * 1024,
  virtualFiles: 32,
  virtualBytes: 1024 * 1024,
};

export function newBudget(): AnalysisBudget {
  return { ...DEFAULT_BUDGET };
}

/** Takes `bytes` (and a file, for virtual files) from the budget; false, taking nothing, when not enough is left. */
export function spendDecoded(budget: AnalysisBudget, bytes: number): boolean {
  if (bytes > budget.decodedBytes) return false;
  budget.decodedBytes -= bytes;
  return true;
}

export function spendVirtualFile(budget: AnalysisBudget, bytes: number): boolean {
  if (budget.virtualFiles < 1 || bytes > budget.virtualBytes) return false;
  budget.virtualFiles--;
  budget.virtualBytes -= bytes;
  return true;
}
