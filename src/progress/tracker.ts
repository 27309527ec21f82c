// Folds progress events into counters a presenter can draw at its own pace (the stderr line, the Ink bars):
// projects seen and requests in flight while resolving, the dependency tree as it fills in, files and bytes
// downloaded (bytes as they stream in), files and bytes scanned.
import type { PlannedPackage, ProgressEvent, ProgressSink } from '../model/progress.ts';
import type { RiskLevel } from '../model/result.ts';
import { normalizeName } from '../pypi/names.ts';
import { DependencyGraph, type GraphNode } from './dependency-graph.ts';

export interface Counter {
  done: number;
  /** Undefined while the total is not known yet. */
  total?: number;
}

export interface StreamingFile {
  filename: string;
  bytes: Counter;
}

export interface ProgressSnapshot {
  elapsedMs: number;
  resolving: { projects: number; inFlight: number; done: boolean };
  /** Bytes count the files finished and those still streaming in; `current` is the latest one streaming in. */
  download: { files: Counter; bytes: Counter; bytesPerSecond: number; current?: StreamingFile };
  scan: { files: Counter; bytes: Counter; targets: Counter; current?: string };
  /** The resolved packages (empty until resolution ends). */
  packages: PlannedPackage[];
  /** The dependency tree as far as it is known (see DependencyGraph), with the risk of each node audited so far. */
  tree: (GraphNode & { risk?: RiskLevel })[];
  /** The key of the node that changed last: considered by the resolver, or audited. */
  latest?: string;
}

export class ProgressTracker implements ProgressSink {
  private readonly startedAt: number;
  private readonly projects = new Set<string>();
  private inFlight = 0;
  private planned?: PlannedPackage[];
  private readonly risks = new Map<string, RiskLevel>();
  private readonly graph = new DependencyGraph();
  private latest?: string;
  private downloads: { files: number; bytes: number; networkBytes: number; firstAt?: number } = {
    files: 0,
    bytes: 0,
    networkBytes: 0,
  };
  /** Files streaming in: bytes received so far and the announced size, in the order they started. */
  private readonly streaming = new Map<string, Counter>();
  private scan = { files: 0, totalFiles: 0, bytes: 0, totalBytes: 0, targets: 0, current: [] as string[] };

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  emit(event: ProgressEvent): void {
    switch (event.type) {
      case 'request-start':
        if (event.what === 'project') this.projects.add(event.name);
        this.inFlight++;
        break;
      case 'request-end':
        this.inFlight = Math.max(0, this.inFlight - 1);
        break;
      case 'requires':
        this.graph.considered(event.name, event.version, event.requires);
        this.latest = normalizeName(event.name);
        break;
      case 'resolved':
        this.planned = event.packages;
        this.graph.resolved(event.packages);
        break;
      case 'download-progress':
        this.downloads.firstAt ??= this.now();
        this.streaming.set(event.filename, {
          done: event.bytes,
          ...(event.total !== undefined && { total: event.total }),
        });
        break;
      case 'downloaded':
        this.downloads.firstAt ??= this.now();
        this.streaming.delete(event.filename);
        this.downloads.files++;
        this.downloads.bytes += event.bytes;
        if (!event.fromCache) this.downloads.networkBytes += event.bytes;
        break;
      case 'scan-start':
        this.scan.totalFiles += event.files;
        this.scan.totalBytes += event.bytes;
        this.scan.current.push(event.target);
        break;
      case 'file-scanned':
        this.scan.files++;
        this.scan.bytes += event.bytes;
        break;
      case 'scan-end':
        this.scan.targets++;
        this.scan.current = this.scan.current.filter((target) => target !== event.target);
        if (event.name) {
          this.risks.set(normalizeName(event.name), event.risk);
          this.latest = normalizeName(event.name);
        }
        break;
    }
  }

  snapshot(): ProgressSnapshot {
    const now = this.now();
    const planned = this.planned;
    const plannedBytes = planned?.every((p) => p.size !== undefined)
      ? planned.reduce((sum, p) => sum + (p.size ?? 0), 0)
      : undefined;
    const seconds = (now - (this.downloads.firstAt ?? now)) / 1000;
    const streaming = [...this.streaming];
    const streamed = streaming.reduce((sum, [, counter]) => sum + counter.done, 0);
    const current = streaming.at(-1);
    const downloaded = this.downloads.bytes + streamed;
    return {
      elapsedMs: now - this.startedAt,
      resolving: { projects: this.projects.size, inFlight: this.inFlight, done: planned !== undefined },
      download: {
        files: {
          done: this.downloads.files,
          ...(planned && { total: Math.max(planned.length, this.downloads.files) }),
        },
        bytes: {
          done: downloaded,
          ...(plannedBytes !== undefined && { total: Math.max(plannedBytes, downloaded) }),
        },
        bytesPerSecond: seconds > 0.2 ? (this.downloads.networkBytes + streamed) / seconds : 0,
        ...(current && { current: { filename: current[0], bytes: current[1] } }),
      },
      scan: {
        files: { done: this.scan.files, total: this.scan.totalFiles },
        bytes: { done: this.scan.bytes, total: this.scan.totalBytes },
        targets: { done: this.scan.targets, ...(planned && { total: planned.length }) },
        ...(this.scan.current.length > 0 && { current: this.scan.current[this.scan.current.length - 1] }),
      },
      packages: planned ?? [],
      tree: this.graph.list().map((node) => {
        const risk = this.risks.get(node.key);
        return risk ? { ...node, risk } : node;
      }),
      ...(this.latest !== undefined && { latest: this.latest }),
    };
  }
}
