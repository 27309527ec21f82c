// Progress events: what the stages (resolve, fetch, analyze) report while they work, and the sink they report to.
// Presentation-independent: the stderr line, the Ink bars or nothing at all subscribe to the same events.
import type { RiskLevel } from './result.ts';

export type ProgressEvent =
  /** The resolver asked the index for something (a project page, a metadata file, a distribution). */
  | { type: 'request-start'; what: 'project' | 'metadata' | 'file'; name: string }
  | { type: 'request-end'; what: 'project' | 'metadata' | 'file'; name: string }
  /**
   * While resolving: a distribution the resolver considers (`<root>` for the user's requirements) and the projects
   * it requires, so the dependency tree can be shown as it fills in. The `resolved` event has the final tree.
   */
  | { type: 'requires'; name: string; version?: string; requires: string[] }
  /** Resolution is done: what will be downloaded and audited. */
  | { type: 'resolved'; packages: PlannedPackage[] }
  /** A distribution file is streaming in: `bytes` received so far, of `total` when the server announced it. */
  | { type: 'download-progress'; filename: string; bytes: number; total?: number }
  /** One distribution file is in memory (downloaded, or read from the cache). */
  | { type: 'downloaded'; filename: string; bytes: number; fromCache: boolean }
  /** An archive was opened: its members join the work to scan. */
  | { type: 'scan-start'; target: string; files: number; bytes: number }
  /** One member of `target` was analysed. */
  | { type: 'file-scanned'; target: string; bytes: number }
  /** A target's verdict is known. */
  | { type: 'scan-end'; target: string; name?: string; risk: RiskLevel };

export interface PlannedPackage {
  name: string;
  version: string;
  filename: string;
  /** Size announced by the index, when it gives one. */
  size?: number;
  /** Normalized names of the packages that require it ('<root>' for a requirement given by the user). */
  requiredBy: string[];
}

/** Where the stages send their progress. */
export interface ProgressSink {
  emit(event: ProgressEvent): void;
}

export const NO_PROGRESS: ProgressSink = { emit: () => {} };
