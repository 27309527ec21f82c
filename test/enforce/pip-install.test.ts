// `pyguard pip install` end to end with the real pip, in a fresh virtualenv, against a local index on 127.0.0.1:
// exact installs of audited files, blocking before pip runs, pip failing on bytes swapped after the audit, policy
// expectations per package, expired ignores, baselines. The packages are inert (reserved hosts only).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import { validateResult } from '../report/validate.ts';
import { createVenv, pipList, pyguard, swappedWheel, writeWorld } from './helpers.ts';

let server: IndexServer;
let root: string;
let venv: string;
let home: string;
let index: string;
let swapped = false;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'pyguard-enforce-'));
  index = join(root, 'index');
  home = join(root, 'home');
  writeWorld(index);
  let downloaded = false;
  server = await startIndexServer({
    root: index,
    // After pyguard has downloaded swap-me, the next listing of it comes from an index whose file has other bytes.
    onRequest: (path) => {
      if (path.startsWith('/files/swap_me-1.0-py3-none-any.whl') && !path.endsWith('.metadata')) downloaded = true;
      else if (path.startsWith('/simple/swap-me/') && downloaded && !swapped) {
        const other = swappedWheel();
        writeFileSync(join(index, 'swap.tmp'), other.bytes);
        renameSync(join(index, 'swap.tmp'), join(index, other.filename));
        swapped = true;
      }
    },
  });
  venv = await createVenv(join(root, 'venv'));
});

after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const install = (args: string[], cwd = root) =>
  pyguard(['pip', 'install', '--no-osv', '--index-url', server.simpleUrl, ...args], { cwd, home, venv });

function workspace(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  return dir;
}

test('a dependency that exfiltrates at install time blocks the install: pip is not run, nothing installed', async () => {
  const run = await install(['helper-app']);
  assert.equal(run.code, 1, run.err);
  assert.match(run.err, /blocked exfil-dep 1\.0: risk critical/);
  assert.match(run.err, /nothing was installed/);
  assert.deepEqual([...(await pipList(venv))], []);
});

test('a file whose bytes change on the index after the audit makes pip fail on the hash; nothing installed', async () => {
  const run = await install(['swap-me']);
  assert.ok(swapped, 'the index swapped the file after the audit');
  assert.notEqual(run.code, 0);
  assert.match(run.err, /THESE PACKAGES DO NOT MATCH THE HASHES/);
  assert.deepEqual([...(await pipList(venv))], []);
});

test('a clean package with a dependency installs exactly the audited versions; satisfied ones are not audited again', async () => {
  // The index comes from the requirements file's own --index-url line: pip must get it too.
  const dir = workspace('clean');
  writeFileSync(join(dir, 'requirements.txt'), `--index-url ${server.simpleUrl}\nclean-app\n`);
  const run = await pyguard(['pip', 'install', '--no-osv', '-r', 'requirements.txt'], { cwd: dir, home, venv });
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(
    new Map([...(await pipList(venv))].sort()),
    new Map([
      ['clean-app', '2.0'],
      ['clean-dep', '1.1'],
    ]),
  );
  const again = await install(['clean-app', '--json']);
  assert.equal(again.code, 0, again.err);
  const result = JSON.parse(again.out);
  assert.deepEqual(result.targets, [], 'nothing is audited when everything is installed');
  assert.match(again.err, /already installed; pip is not run/);
  assert.deepEqual(validateResult(result), []);
});

test('a policy expecting network of one package lets it through; the same code in another package is blocked', async () => {
  const dir = workspace('policy');
  writeFileSync(
    join(dir, 'pyproject.toml'),
    `[project]\nname = "app"\n\n[tool.pyguard]\nfail-on = "medium"\n\n[tool.pyguard.index]\nindex-url = "${server.simpleUrl}"\n\n[tool.pyguard.packages.netlib-a]\ncapabilities = ["network"]\nhosts = ["api.example"]\n`,
  );
  // The index comes from the policy's [index] table alone: the audit and pip both use it.
  const allowed = await pyguard(['pip', 'install', '--no-osv', 'netlib-a', '--json'], { cwd: dir, home, venv });
  assert.equal(allowed.code, 0, allowed.err);
  const judged = JSON.parse(allowed.out);
  assert.equal(judged.policy.expected, 1);
  assert.deepEqual(validateResult(judged), []);
  assert.equal((await pipList(venv)).get('netlib-a'), '1.0');
  const blocked = await install(['netlib-b==1.0'], dir);
  assert.equal(blocked.code, 1, blocked.err);
  assert.match(blocked.err, /blocked netlib-b 1\.0: risk medium/);
  assert.equal((await pipList(venv)).has('netlib-b'), false);
});

test('an expired ignore fails with its file, key and line before anything is fetched', async () => {
  const dir = workspace('expired');
  writeFileSync(
    join(dir, 'pyguard.toml'),
    'fail-on = "medium"\n\n[[ignore]]\nrule = "egress-network-call"\npackage = "netlib-b"\nreason = "reviewed"\nexpires = 2020-01-01\n',
  );
  const run = await install(['netlib-b'], dir);
  assert.equal(run.code, 2);
  assert.match(
    run.err,
    /^pyguard: pyguard\.toml:7: ignore\[0\]\.expires: the ignore of egress-network-call in netlib-b expired on 2020-01-01/,
  );
  assert.equal((await pipList(venv)).has('netlib-b'), false);
});

test('a baseline lets a known finding pass and fails on a new one', async () => {
  const dir = workspace('baseline');
  const write = await pyguard(
    ['baseline', 'write', 'known.json', 'check', 'netlib-b==1.0', '--no-osv', '--index-url', server.simpleUrl],
    { cwd: dir, home },
  );
  assert.equal(write.code, 0, write.err);
  const newer = await install(['netlib-b==1.1', '--fail-on', 'medium', '--baseline', 'known.json'], dir);
  assert.equal(newer.code, 1, newer.err);
  assert.match(newer.err, /blocked netlib-b 1\.1/);
  assert.match(newer.out, /other\.collector\.example/);
  const known = await install(['netlib-b==1.0', '--fail-on', 'medium', '--baseline', 'known.json'], dir);
  assert.equal(known.code, 0, known.err);
  assert.match(known.out, /\[known: in the baseline\]/);
  assert.equal((await pipList(venv)).get('netlib-b'), '1.0');
  assert.ok(JSON.parse(readFileSync(join(dir, 'known.json'), 'utf8')).targets.length === 1);
});

test('at the warn level a person is asked (default no), a non-interactive session is not, and --yes accepts', async () => {
  const args = ['netlib-b==1.1', '--warn-on', 'medium', '--fail-on', 'high'];
  const quiet = await install(args);
  assert.equal(quiet.code, 1);
  assert.match(quiet.err, /not installing without --yes in a non-interactive session/);
  const questions: string[] = [];
  const declined = await pyguard(['pip', 'install', '--no-osv', '--index-url', server.simpleUrl, ...args], {
    cwd: root,
    home,
    venv,
    ask: async (q) => {
      questions.push(q);
      return '';
    },
  });
  assert.equal(declined.code, 1);
  assert.match(questions.join(''), /Install anyway\? \[y\/N\]/);
  assert.equal((await pipList(venv)).get('netlib-b'), '1.0');
  const accepted = await install([...args, '--yes']);
  assert.equal(accepted.code, 0, accepted.err);
  assert.equal((await pipList(venv)).get('netlib-b'), '1.1');
});

test("other pip commands pass through to the same interpreter's pip with its exit code", async () => {
  assert.equal((await pyguard(['pip', 'show', 'clean-app'], { cwd: root, home, venv })).code, 0);
  assert.equal((await pyguard(['pip', 'show', 'not-installed-anywhere'], { cwd: root, home, venv })).code, 1);
  // --python names the interpreter without an active virtualenv.
  const python = join(venv, 'bin', 'python');
  assert.equal((await pyguard(['pip', '--python', python, 'show', 'clean-app'], { cwd: root, home })).code, 0);
});
