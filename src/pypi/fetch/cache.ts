// The on-disk cache: content-addressed blobs (blobs/sha256/ab/abcdef…, verified on every read) and the HTTP
// response cache of index pages (http/ab/<key>.json, with ETag / Last-Modified for revalidation).

import { createHash, randomBytes } from 'node:crypto';
import { utimesSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError } from '../../util/errors.ts';
import { plainBytes } from '../../util/bytes.ts';

/** One cached HTTP answer (index page or metadata file). */
export interface CachedResponse {
  url: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  status: number;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  storedAt: string;
  body: string;
}

/** `PYGUARD_CACHE_DIR`, else `$XDG_CACHE_HOME/pyguard`, else `~/.cache/pyguard`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.PYGUARD_CACHE_DIR) return env.PYGUARD_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'pyguard');
  return join(env.HOME || homedir(), '.cache', 'pyguard');
}

/** Whether `digest` is 64 hex digits (any case). */
export function isSha256Digest(digest: string): boolean {
  return /^[0-9a-f]{64}$/i.test(digest);
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export class Cache {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  blobPath(sha256: string): string {
    const digest = sha256.toLowerCase();
    if (!isSha256Digest(digest)) throw new Error(`not a sha256 digest: ${sha256}`);
    return join(this.root, 'blobs', 'sha256', digest.slice(0, 2), digest);
  }

  /** The blob with this digest, or null. A blob whose bytes no longer match its name is deleted. */
  async readBlob(sha256: string): Promise<Uint8Array | null> {
    const path = this.blobPath(sha256);
    const bytes = await readOrNull(path);
    if (bytes === null) return null;
    if (sha256Hex(bytes) !== sha256.toLowerCase()) {
      await rm(path, { force: true });
      return null;
    }
    return bytes;
  }

  /** Store verified bytes under their digest (temporary file, then rename: readers never see half a blob). */
  async writeBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    await writeAtomically(this.blobPath(sha256), bytes);
  }

  async readResponse(key: string): Promise<CachedResponse | null> {
    const bytes = await readOrNull(this.responsePath(key));
    if (bytes === null) return null;
    try {
      return JSON.parse(Buffer.from(bytes).toString('utf8')) as CachedResponse;
    } catch {
      return null;
    }
  }

  async writeResponse(key: string, response: CachedResponse): Promise<void> {
    await writeAtomically(this.responsePath(key), JSON.stringify(response));
  }

  /** Marks a stored response as just confirmed (its age is what `cache prune --older-than` reads). */
  async touchResponse(key: string): Promise<void> {
    try {
      // at once, as the result cache's hits: a check touches a hundred pages or more
      const now = new Date();
      utimesSync(this.responsePath(key), now, now);
    } catch {
      // a page that cannot be touched is still good; it only ages sooner
    }
  }

  private responsePath(key: string): string {
    const digest = sha256Hex(key);
    return join(this.root, 'http', digest.slice(0, 2), `${digest}.json`);
  }
}

async function readOrNull(path: string): Promise<Uint8Array | null> {
  try {
    return plainBytes(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes through a temporary file and a rename, so readers (other processes too) never see half a file. */
export async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(
      `cannot write to the cache ${dirname(path)} (${code}): set PYGUARD_CACHE_DIR to a writable folder`,
    );
  }
}
