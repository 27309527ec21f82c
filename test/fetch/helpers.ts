// Test helpers for the fetch side: a local HTTP server that records requests, the recorded PyPI responses, and a
// FetchContext with a fresh cache folder and fast retries.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cache } from '../../src/pypi/fetch/cache.ts';
import type { FetchContext } from '../../src/pypi/fetch/context.ts';
import { HttpClient, type HttpOptions } from '../../src/pypi/fetch/http.ts';

export const PYPI_API = join(import.meta.dirname, '../fixtures/pypi-api');

export function recorded(relativePath: string): string {
  return readFileSync(join(PYPI_API, relativePath), 'utf8');
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface TestServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestContext {
  ctx: FetchContext;
  cacheDir: string;
  /** Close connections and delete the cache folder. */
  dispose(): Promise<void>;
}

export function testContext(
  http: HttpOptions = {},
  options: { offline?: boolean; cacheDir?: string } = {},
): TestContext {
  const cacheDir = options.cacheDir ?? mkdtempSync(join(tmpdir(), 'pyguard-fetch-test-'));
  const client = new HttpClient({ env: {}, retryBaseMs: 5, ...http });
  return {
    ctx: {
      http: client,
      cache: new Cache(cacheDir),
      offline: options.offline ?? false,
      maxDownloadBytes: 1024 * 1024,
      maxPageBytes: 1024 * 1024,
    },
    cacheDir,
    dispose: async () => {
      await client.close();
      if (!options.cacheDir) rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, headers);
  res.end(body);
}
