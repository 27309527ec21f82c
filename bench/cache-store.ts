// Measures the result cache's store: the content-addressed folder of gzip JSON (src/cache/result-store.ts) against
// better-sqlite3, on the results of a real `check` (one entry per distribution, and one per Python file).
// better-sqlite3 is not a dependency (it compiles for ~80 s on every fresh machine): install it anywhere and point
// BETTER_SQLITE3 at its folder. Usage: BETTER_SQLITE3=/tmp/x/node_modules/better-sqlite3 node --import tsx bench/cache-store.ts RESULT.json
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ResultStore } from '../src/cache/result-store.ts';
import type { AuditResult } from '../src/model/result.ts';

interface Sqlite {
  exec(sql: string): void;
  prepare(sql: string): { run(...args: unknown[]): void; get(...args: unknown[]): { value: Buffer } | undefined };
  transaction(fn: () => void): () => void;
  close(): void;
}

const seconds = (start: number): number => (performance.now() - start) / 1000;

async function measure(label: string, entries: [string, unknown][]): Promise<string[]> {
  const rows: string[] = [];
  const bytes = entries.reduce((sum, [, value]) => sum + JSON.stringify(value).length, 0);
  const work = await mkdtemp(join(tmpdir(), 'pyguard-store-bench-'));
  try {
    const store = new ResultStore(work, { engine: 'bench', rules: 'bench' });
    let start = performance.now();
    await Promise.all(entries.map(([key, value]) => store.put(key, value)));
    const put = seconds(start);
    start = performance.now();
    const got = await Promise.all(entries.map(([key]) => store.get(key)));
    const get = seconds(start);
    if (got.some((value) => value === undefined)) throw new Error('folder store lost an entry');
    rows.push(
      `${label.padEnd(34)} folder+gzip   ${String(entries.length).padStart(6)} ${(bytes / 1e6).toFixed(1).padStart(8)} ${put.toFixed(3).padStart(8)} ${get.toFixed(3).padStart(8)}`,
    );
    const module = process.env.BETTER_SQLITE3;
    if (module) {
      const Database = createRequire(import.meta.url)(module) as new (path: string) => Sqlite;
      const db = new Database(join(work, 'results.sqlite'));
      db.exec('PRAGMA journal_mode=WAL; CREATE TABLE results (key TEXT PRIMARY KEY, value BLOB)');
      const insert = db.prepare('INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)');
      const select = db.prepare('SELECT value FROM results WHERE key = ?');
      start = performance.now();
      db.transaction(() => {
        for (const [key, value] of entries) insert.run(key, gzipSync(JSON.stringify(value), { level: 1 }));
      })();
      const sqlPut = seconds(start);
      start = performance.now();
      for (const [key] of entries) JSON.parse(gunzipSync(select.get(key)!.value).toString('utf8'));
      const sqlGet = seconds(start);
      db.close();
      rows.push(
        `${label.padEnd(34)} sqlite+gzip   ${String(entries.length).padStart(6)} ${(bytes / 1e6).toFixed(1).padStart(8)} ${sqlPut.toFixed(3).padStart(8)} ${sqlGet.toFixed(3).padStart(8)}`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return rows;
}

const result = JSON.parse(readFileSync(process.argv[2], 'utf8')) as AuditResult;
// four copies under different keys: about a hundred distributions
const targets = [0, 1, 2, 3].flatMap((copy) =>
  result.targets.map((target, i) => [`target-${copy}-${i}`, target] as [string, unknown]),
);
const files = [0, 1, 2, 3].flatMap((copy) =>
  result.targets.flatMap((target, i) =>
    target.files.map((file, j) => [`file-${copy}-${i}-${j}`, [file]] as [string, unknown]),
  ),
);
console.log('entries                            store         count       MB    put s    get s');
for (const line of [...(await measure('one per distribution', targets)), ...(await measure('one per file', files))])
  console.log(line);
