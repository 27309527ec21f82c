// The HTTP layer: retries with backoff, timeouts, the overall deadline, one-line errors, User-Agent and proxies.

import assert from 'node:assert/strict';
import { createServer as createTcpServer, connect, type Socket } from 'node:net';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { MockAgent } from 'undici';
import { FetchError } from '../../src/pypi/fetch/errors.ts';
import { HttpClient, USER_AGENT } from '../../src/pypi/fetch/http.ts';
import { send, startServer } from './helpers.ts';

const readText = async (body: AsyncIterable<Uint8Array>): Promise<string> => {
  let text = '';
  for await (const chunk of body) text += Buffer.from(chunk).toString('utf8');
  return text;
};

test('503, 503, 200 is a success after two retries; the User-Agent names pyguard', async () => {
  let calls = 0;
  const server = await startServer((_req, res) => (++calls < 3 ? send(res, 503, 'busy') : send(res, 200, 'ok')));
  const http = new HttpClient({ env: {}, retryBaseMs: 5 });
  try {
    const text = await http.get(`${server.url}/x`, (r) => readText(r.body));
    assert.equal(text, 'ok');
    assert.equal(server.requests.length, 3);
    assert.equal(server.requests[0].headers['user-agent'], USER_AGENT);
    assert.match(USER_AGENT, /^pyguard\/\d+\.\d+\.\d+/);
  } finally {
    await http.close();
    await server.close();
  }
});

test('a status that stays 5xx fails with one line naming the URL and the attempts', async () => {
  const server = await startServer((_req, res) => send(res, 502, 'bad gateway'));
  const http = new HttpClient({ env: {}, retries: 2, retryBaseMs: 5 });
  try {
    await assert.rejects(
      http.get(`${server.url}/y`, (r) => readText(r.body)),
      (error: unknown) => {
        assert.ok(error instanceof FetchError);
        assert.equal(error.message, `${server.url}/y: HTTP 502 (after 3 attempts)`);
        return true;
      },
    );
    assert.equal(server.requests.length, 3);
  } finally {
    await http.close();
    await server.close();
  }
});

test('4xx statuses are not retried and reach the reader', async () => {
  const server = await startServer((_req, res) => send(res, 404, 'nope'));
  const http = new HttpClient({ env: {}, retryBaseMs: 5 });
  try {
    assert.equal(await http.get(`${server.url}/z`, async (r) => r.status), 404);
    assert.equal(server.requests.length, 1);
  } finally {
    await http.close();
    await server.close();
  }
});

test('connection refused: "cannot reach HOST:PORT"', async () => {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const http = new HttpClient({ env: {}, retries: 1, retryBaseMs: 5 });
  try {
    await assert.rejects(
      http.get(`http://127.0.0.1:${port}/simple/`, async () => 1),
      (error: unknown) => {
        assert.ok(error instanceof FetchError);
        assert.equal(error.code, 'unreachable');
        assert.equal(
          error.message,
          `http://127.0.0.1:${port}/simple/: cannot reach 127.0.0.1:${port} (connection refused) (after 2 attempts)`,
        );
        return true;
      },
    );
  } finally {
    await http.close();
  }
});

test('a server that never answers: headers timeout, retried, then a timeout error', async () => {
  const server = await startServer(() => undefined);
  const http = new HttpClient({ env: {}, headersTimeoutMs: 100, retries: 1, retryBaseMs: 5 });
  try {
    await assert.rejects(
      http.get(`${server.url}/slow`, async () => 1),
      (error: unknown) => {
        assert.ok(error instanceof FetchError);
        assert.equal(error.code, 'timeout');
        assert.match(error.message, /\/slow: timed out waiting for the server to answer \(after 2 attempts\)$/);
        return true;
      },
    );
    assert.equal(server.requests.length, 2);
  } finally {
    await http.close();
    await server.close();
  }
});

test('a body that stalls: body timeout', async () => {
  const server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-length': '100' });
    res.write('partial');
  });
  const http = new HttpClient({ env: {}, bodyTimeoutMs: 100, retries: 0 });
  try {
    await assert.rejects(
      http.get(`${server.url}/stall`, (r) => readText(r.body)),
      /timed out reading the response body/,
    );
  } finally {
    await http.close();
    await server.close();
  }
});

test('the overall deadline ends a request whatever stage it is in', async () => {
  const server = await startServer(() => undefined);
  const http = new HttpClient({ env: {}, deadlineMs: 150, retries: 0 });
  try {
    await assert.rejects(
      http.get(`${server.url}/hang`, async () => 1),
      (error: unknown) => {
        assert.ok(error instanceof FetchError);
        assert.equal(error.code, 'timeout');
        assert.match(error.message, /\/hang: no complete answer within 0\.2s$/);
        return true;
      },
    );
  } finally {
    await http.close();
    await server.close();
  }
});

/** A CONNECT proxy: tunnels to the target, or (drop) closes the socket without answering the CONNECT. */
async function startProxy(drop = false) {
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  const proxy = createServer();
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    sockets.add(client);
    if (drop) {
      client.destroy();
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}

test('HTTP_PROXY is used (CONNECT through the proxy), and NO_PROXY bypasses it', async () => {
  const server = await startServer((_req, res) => send(res, 200, 'via'));
  const proxy = await startProxy();
  const proxied = new HttpClient({ env: { HTTP_PROXY: proxy.url }, retries: 0 });
  const bypassed = new HttpClient({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }, retries: 0 });
  try {
    assert.equal(proxied.proxied, true);
    assert.equal(await proxied.get(`${server.url}/p`, (r) => readText(r.body)), 'via');
    assert.deepEqual(proxy.connects, [`127.0.0.1:${server.port}`]);
    assert.equal(await bypassed.get(`${server.url}/q`, (r) => readText(r.body)), 'via');
    assert.equal(proxy.connects.length, 1);
    assert.equal(server.requests.length, 2);
  } finally {
    await proxied.close();
    await bypassed.close();
    await proxy.close();
    await server.close();
  }
});

test('a proxy that drops CONNECT (undici#3897 loop) is cut off by the response watchdog', async () => {
  const server = await startServer((_req, res) => send(res, 200, 'never'));
  const proxy = await startProxy(true);
  const http = new HttpClient({ env: { http_proxy: proxy.url }, retries: 0, responseDeadlineMs: 300 });
  try {
    await assert.rejects(
      http.get(`${server.url}/loop`, (r) => readText(r.body)),
      (error: unknown) => {
        assert.ok(error instanceof FetchError);
        assert.equal(error.code, 'timeout');
        assert.match(error.message, /\/loop: no response within 0\.3s \(through the proxy\)$/);
        return true;
      },
    );
    assert.equal(server.requests.length, 0);
  } finally {
    await http.close();
    await proxy.close();
    await server.close();
  }
});

test('a redirect from https to http is refused', async () => {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent
    .get('https://index.example')
    .intercept({ path: '/simple/demo/' })
    .reply(302, '', { headers: { location: 'http://index.example/simple/demo/' } });
  const http = new HttpClient({ env: {}, dispatcher: agent, retries: 0 });
  try {
    await assert.rejects(
      http.get('https://index.example/simple/demo/', async () => 1),
      {
        code: 'bad-response',
        message: 'https://index.example/simple/demo/: refused redirect from https to http://index.example/simple/demo/',
      },
    );
  } finally {
    await agent.close();
  }
});
