// PEP 658/714: fetching `<file url>.metadata` when the index says it serves it, verified against its sha256.

import type { FetchContext } from '../fetch/context.ts';
import { fetchBytes, stripFragment } from '../fetch/download.ts';
import { isSha256Digest } from '../fetch/cache.ts';
import { FetchError, HashMismatchError, offlineMiss } from '../fetch/errors.ts';
import { getPage } from '../fetch/page.ts';
import type { DistFile } from './types.ts';

/** The METADATA text of `file`, or null when the index does not serve it (or answers 404). */
export async function fetchCoreMetadata(ctx: FetchContext, file: DistFile): Promise<string | null> {
  if (!file.coreMetadata) return null;
  const url = `${stripFragment(file.url)}.metadata`;
  const expected = file.coreMetadata.sha256?.toLowerCase();
  if (expected !== undefined && !isSha256Digest(expected)) {
    throw new FetchError(
      'bad-response',
      url,
      `${file.filename}: the index gives an invalid metadata sha256 ${JSON.stringify(expected)}`,
    );
  }
  if (!expected) {
    const page = await getPage(ctx, url, '*/*');
    return page.status === 200 ? page.body : null;
  }
  const cached = await ctx.cache?.readBlob(expected);
  if (cached) return decode(cached);
  if (ctx.offline) throw offlineMiss(url);
  const read = await fetchBytes(ctx, url, ctx.maxPageBytes);
  if (!read) return null;
  if (read.sha256 !== expected) throw new HashMismatchError(`${file.filename}.metadata`, url, expected, read.sha256);
  await ctx.cache?.writeBlob(expected, read.bytes);
  return decode(read.bytes);
}

function decode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}
