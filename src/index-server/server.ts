// The local package index: serves a flat folder of wheels and sdists as PyPI does, through the Simple API
// (`/simple/`, PEP 503/691), the JSON API (`/pypi/<name>/json`) and the files with their PEP 658 `.metadata`.

import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { normalizeName } from '../pypi/names.ts';
import { describeError, UserError } from '../util/errors.ts';
import { WatchedFolder, type FolderListing } from './folder-listing.ts';
import { projectJson, releaseJson } from './json-api-bodies.ts';
import {
  negotiateSimple,
  SIMPLE_JSON,
  simpleIndexHtml,
  simpleIndexJson,
  simpleProjectHtml,
  simpleProjectJson,
} from './simple-api.ts';

export interface IndexServerOptions {
  /** The folder of distribution files (flat), with an optional index.json. */
  root: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Also answer every route below this path (e.g. "/mirror" serves /mirror/simple/ and /mirror/pypi/...). */
  pathPrefix?: string;
  /** Called with each request's path before it is answered (logging; tests that change the folder mid-run). */
  onRequest?: (path: string) => void;
  /** Answer each request this many milliseconds late, as a distant index would (demos and tests of live progress). */
  delayMs?: number;
}

export interface IndexServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234. */
  url: string;
  /** `{url}/simple/`, for --index-url. */
  simpleUrl: string;
  /** `{url}/pypi`, for --pypi-url (the JSON API's root). */
  jsonUrl: string;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string | number>;
  body: Uint8Array;
}

const encoder = new TextEncoder();

function reply(
  status: number,
  contentType: string,
  body: string | Uint8Array,
  extra: Record<string, string> = {},
): Reply {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  return { status, headers: { 'Content-Type': contentType, 'Content-Length': bytes.length, ...extra }, body: bytes };
}

function jsonReply(value: unknown, contentType = 'application/json'): Reply {
  return reply(200, contentType, JSON.stringify(value));
}

const JSON_NOT_FOUND = (): Reply => reply(404, 'application/json', JSON.stringify({ message: 'Not Found' }));
const TEXT_NOT_FOUND = (): Reply => reply(404, 'text/plain; charset=utf-8', 'Not Found\n');

function redirect(location: string): Reply {
  return reply(301, 'text/plain; charset=utf-8', `Moved to ${location}\n`, { Location: location });
}

class Router {
  constructor(
    private readonly folder: WatchedFolder,
    private readonly prefixes: string[],
  ) {}

  async route(request: IncomingMessage, baseUrl: string): Promise<Reply> {
    const url = new URL(request.url ?? '/', 'http://index.invalid');
    const prefix = this.prefixes.find((p) => url.pathname === p || url.pathname.startsWith(p + '/'));
    if (prefix === undefined) return TEXT_NOT_FOUND();
    const path = url.pathname.slice(prefix.length) || '/';
    const root = baseUrl + prefix;
    const listing = await this.folder.current();
    let segments: string[];
    try {
      segments = path.split('/').slice(1).map(decodeURIComponent);
    } catch {
      return TEXT_NOT_FOUND(); // malformed percent-encoding
    }

    if (segments[0] === 'simple') return this.simple(request, url, segments.slice(1), listing, root, prefix);
    if (segments[0] === 'pypi') return this.jsonApi(segments.slice(1), listing, root, prefix);
    if (segments[0] === 'files' && segments.length === 2) return this.file(segments[1], listing);
    return TEXT_NOT_FOUND();
  }

  private simple(
    request: IncomingMessage,
    url: URL,
    rest: string[],
    listing: FolderListing,
    root: string,
    prefix: string,
  ): Reply {
    const format = negotiateSimple(request.headers.accept, url.searchParams.get('format'));
    const asReply = (json: () => unknown, html: () => string): Reply =>
      format === SIMPLE_JSON
        ? jsonReply(json(), SIMPLE_JSON)
        : reply(200, format === 'text/html' ? 'text/html; charset=utf-8' : format, html(), { Vary: 'Accept' });
    if (rest.length === 0) return redirect(`${prefix}/simple/${url.search}`);
    if (rest.length === 1 && rest[0] === '')
      return asReply(
        () => simpleIndexJson(listing),
        () => simpleIndexHtml(listing, root),
      );
    const [name, trailing] = rest;
    if (rest.length > 2 || (trailing !== undefined && trailing !== '')) return TEXT_NOT_FOUND();
    const normalized = normalizeName(name);
    if (name !== normalized || trailing === undefined) return redirect(`${prefix}/simple/${normalized}/${url.search}`);
    const project = listing.projects.get(normalized);
    if (!project) return TEXT_NOT_FOUND();
    return asReply(
      () => simpleProjectJson(project, listing, root),
      () => simpleProjectHtml(project, listing, root),
    );
  }

  private jsonApi(rest: string[], listing: FolderListing, root: string, prefix: string): Reply {
    const parts = rest.at(-1) === '' ? rest.slice(0, -1) : rest;
    if ((parts.length !== 2 && parts.length !== 3) || parts.at(-1) !== 'json') return JSON_NOT_FOUND();
    const [name, version] = parts.length === 3 ? [parts[0], parts[1]] : [parts[0], undefined];
    const normalized = normalizeName(name);
    if (name !== normalized) {
      return redirect(
        `${prefix}/pypi/${normalized}/${version === undefined ? '' : `${encodeURIComponent(version)}/`}json`,
      );
    }
    const project = listing.projects.get(normalized);
    if (!project) return JSON_NOT_FOUND();
    const body =
      version === undefined ? projectJson(project, listing, root) : releaseJson(project, version, listing, root);
    return body ? jsonReply(body) : JSON_NOT_FOUND();
  }

  private async file(requested: string, listing: FolderListing): Promise<Reply> {
    const wantsMetadata = requested.endsWith('.metadata');
    const filename = wantsMetadata ? requested.slice(0, -'.metadata'.length) : requested;
    const file = [...listing.projects.values()].flatMap((p) => p.files).find((f) => f.filename === filename);
    if (!file) return TEXT_NOT_FOUND();
    if (wantsMetadata) {
      if (!file.servesMetadata || !file.metadata) return TEXT_NOT_FOUND();
      return reply(200, 'application/octet-stream', file.metadata.bytes);
    }
    const bytes = await readFile(join(this.folder.root, file.filename));
    return reply(200, 'application/octet-stream', new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      ETag: `"${file.sha256}"`,
    });
  }
}

function send(request: IncomingMessage, response: ServerResponse, answer: Reply): void {
  response.writeHead(answer.status, answer.headers);
  response.end(request.method === 'HEAD' ? undefined : answer.body);
}

/** Normalises a path prefix to "" or "/segment(s)" without a trailing slash. */
function cleanPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

/** Starts serving `root`; resolves once listening. A missing or non-folder root is a UserError. */
export async function startIndexServer(options: IndexServerOptions): Promise<IndexServer> {
  const info = await stat(options.root).catch(() => undefined);
  if (!info?.isDirectory()) throw new UserError(`${options.root}: not a folder`);
  const folder = new WatchedFolder(options.root);
  await folder.current();
  const extra = cleanPrefix(options.pathPrefix);
  const router = new Router(folder, extra === '' ? [''] : [extra, '']);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(request, response, reply(405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', { Allow: 'GET, HEAD' }));
      return;
    }
    options.onRequest?.(request.url ?? '/');
    const baseUrl = `http://${request.headers.host ?? `${options.host ?? '127.0.0.1'}`}`;
    const late = options.delayMs ? new Promise((done) => setTimeout(done, options.delayMs)) : undefined;
    (late ? late.then(() => router.route(request, baseUrl)) : router.route(request, baseUrl)).then(
      (answer) => send(request, response, answer),
      (error: unknown) => send(request, response, reply(500, 'text/plain; charset=utf-8', `${describeError(error)}\n`)),
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    simpleUrl: `${url}/simple/`,
    jsonUrl: `${url}/pypi`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
