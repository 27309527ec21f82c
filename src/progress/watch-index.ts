// Reports what the resolver asks an index for (project pages, metadata files) as progress events, so the
// resolving stage can show the projects seen and the requests in flight without the resolver knowing.
import type { ProgressEvent, ProgressSink } from '../model/progress.ts';
import type { PackageIndex } from '../pypi/index/types.ts';

/** Runs `work` between a request-start and a request-end event. */
export async function watched<T>(
  sink: ProgressSink,
  what: Extract<ProgressEvent, { type: 'request-start' }>['what'],
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  sink.emit({ type: 'request-start', what, name });
  try {
    return await work();
  } finally {
    sink.emit({ type: 'request-end', what, name });
  }
}

/** `index` with its requests reported; everything else it offers (whyMissing, ...) passes through unchanged. */
export function watchIndex(index: PackageIndex, sink: ProgressSink): PackageIndex {
  const watching: PackageIndex = Object.create(index);
  watching.getProject = (name) => watched(sink, 'project', name, () => index.getProject(name));
  watching.getCoreMetadata = (file) => watched(sink, 'metadata', file.filename, () => index.getCoreMetadata(file));
  return watching;
}
