// A proxy in front of a healthy index that spoils a fixed share of its answers in one way (503, 500, a dropped
// connection, a stall, a body cut short, a reset mid-body), never twice in a row for one URL, so that every
// request succeeds on a retry. It serves byte ranges itself (Accept-Ranges, ETag, 206) for resumed downloads.
import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULTS = ['503', '500', 'drop', 'stall', 'truncate', 'reset'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultyProxy {
  url: string;
  simpleUrl: string;
  /** Every request: path, Range header, and the fault served (if any). */
  log: { path: string; range?: string; fault?: Fault }[];
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function forward(upstream: string, req: IncomingMessage, host: string): Promise<Upstream> {
  return new Promise((done, fail) => {
    const headers = { ...req.headers, host };
    delete headers.range;
    const outgoing = request(new URL(req.url ?? '/', upstream), { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (
            typeof value === 'string' &&
            !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)
          )
            kept[name] = value;
        }
        done({ status: res.statusCode ?? 502, headers: kept, body: Buffer.concat(chunks) });
      });
      res.on('error', fail);
    });
    outgoing.on('error', fail);
    outgoing.end();
  });
}

function stableHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

export interface FaultOptions {
  /** 1 in `share` answers is spoiled (5: 20%). */
  share?: number;
  /** Spoil only the first answer for each path matching this, instead. */
  firstAnswerOf?: RegExp;
}

export async function startFaultyProxy(
  upstream: string,
  fault: Fault | undefined,
  options: FaultOptions = {},
): Promise<FaultyProxy> {
  const { share = 5, firstAnswerOf } = options;
  const answers = new Map<string, number>();
  const log: FaultyProxy['log'] = [];
  const server = createServer((req, res) => void handle(req, res));
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = req.url ?? '/';
    const n = answers.get(path) ?? 0;
    answers.set(path, n + 1);
    const chosen = firstAnswerOf ? firstAnswerOf.test(path) && n === 0 : (stableHash(path) + n) % share === 0;
    const faulty = fault !== undefined && chosen;
    const entry: FaultyProxy['log'][number] = {
      path,
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(faulty ? { fault } : {}),
    };
    log.push(entry);
    if (faulty && fault === 'drop') return void req.socket.destroy();
    if (faulty && fault === 'stall') return;
    if (faulty && (fault === '503' || fault === '500')) return void res.writeHead(Number(fault)).end('try again');
    const answer = await forward(upstream, req, req.headers.host ?? '');
    let { status, body } = answer;
    const headers: Record<string, string | number> = { ...answer.headers };
    if (status === 200) {
      headers['accept-ranges'] = 'bytes';
      headers.etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const matches = req.headers['if-range'] === undefined || req.headers['if-range'] === headers.etag;
      if (range && matches && Number(range[1]) < body.length) {
        headers['content-range'] = `bytes ${range[1]}-${body.length - 1}/${body.length}`;
        status = 206;
        body = body.subarray(Number(range[1]));
      }
    }
    headers['content-length'] = body.length;
    res.writeHead(status, headers);
    if (faulty && (fault === 'truncate' || fault === 'reset')) {
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => (fault === 'reset' ? req.socket.resetAndDestroy() : req.socket.end()), 20);
      return;
    }
    res.end(body);
  };
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    simpleUrl: `${url}/simple/`,
    log,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
