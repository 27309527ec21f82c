// `pyguard cache info|clean|prune [--older-than DURATION] [--cache-dir DIR]`: shows what the cache folder holds,
// deletes it, or prunes analysis results of other engine/rules versions and entries unused for DURATION.
import { engineVersions } from '../analysis/engine-version.ts';
import { cacheInfo, cleanCache, type FolderUsage, parseDuration, pruneCache } from '../cache/maintenance.ts';
import { defaultCacheDir } from '../pypi/fetch/cache.ts';
import { EXIT_OK, UserError } from '../util/errors.ts';
import type { CommandIO } from './io.ts';
import { parseCommandArgs } from './registry.ts';

const USAGE = 'usage: pyguard cache info|clean|prune [--older-than 30d] [--cache-dir DIR]';

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
const counted = (usage: FolderUsage): string =>
  `${usage.files} file${usage.files === 1 ? '' : 's'}, ${megabytes(usage.bytes)}`;

export async function runCache(argv: string[], io: CommandIO): Promise<number> {
  const args = parseCommandArgs('cache', argv);
  const [action, ...extra] = args.positionals;
  if (!action || extra.length > 0 || !['info', 'clean', 'prune'].includes(action))
    throw new UserError(`cache: ${USAGE}`);
  const olderThan = args.values.get('older-than');
  if (olderThan !== undefined && action !== 'prune')
    throw new UserError(`cache: --older-than goes with prune (${USAGE})`);
  const olderThanMs = olderThan === undefined ? undefined : parseDuration(olderThan);
  if (olderThan !== undefined && olderThanMs === undefined)
    throw new UserError(`cache: --older-than: expected a duration such as 30d, 12h or 90m, got "${olderThan}"`);
  const root = args.values.get('cache-dir') ?? defaultCacheDir(io.env);
  const versions = engineVersions();
  if (action === 'info') {
    const info = await cacheInfo(root, versions);
    const lines = [`cache folder: ${info.root}`, `engine ${versions.engine}, rules ${versions.rules}`];
    for (const part of info.parts) lines.push(`  ${part.name}/ (${part.label}): ${counted(part.usage)}`);
    for (const result of info.resultVersions)
      lines.push(
        `    results/${result.version}: ${counted(result.usage)}${result.current ? ' (current)' : ' (another version: pyguard cache prune deletes it)'}`,
      );
    io.stdout(`${lines.join('\n')}\n`);
  } else if (action === 'clean') {
    io.stdout(`deleted ${counted(await cleanCache(root))} from ${root}\n`);
  } else {
    io.stdout(`deleted ${counted(await pruneCache(root, versions, { olderThanMs }))} from ${root}\n`);
  }
  return EXIT_OK;
}
