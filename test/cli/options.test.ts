// The command line's conventions through the real CLI: help per command listing every option of its table,
// did-you-mean hints, --version everywhere, --fail-on in any case and `never`, -q, and report outputs that can
// never swallow an argument (extension or `=`, `-` for stdout, no shared path, writability checked first).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { COMMAND_NAMES, commandOptions } from '../../src/commands/registry.ts';
import { renderJson } from '../../src/report/json.ts';
import { sampleResult } from '../report/fixtures/sample-result.ts';
import { pyguard, tempDir } from './spawn.ts';

const work = tempDir();
after(work.remove);
const cwd = work.dir;
writeFileSync(join(cwd, 'result.json'), renderJson(sampleResult()));
writeFileSync(join(cwd, 'app.py'), 'import os\nprint(os.getcwd())\n');

/** A failed run: exit 2 and exactly one `pyguard: ...` line on stderr, nothing on stdout. */
function assertOneLineError(run: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^pyguard: [^\n]*\n$/);
  assert.match(run.stderr, message);
}

test("pyguard COMMAND --help prints that command's usage and every option it takes", async () => {
  for (const name of COMMAND_NAMES) {
    const run = await pyguard([name, '--help'], { cwd });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.startsWith(`usage: pyguard ${name} `), run.stdout);
    for (const option of Object.keys(commandOptions(name)))
      assert.match(run.stdout, new RegExp(`--${option}\\b`), `${name} --help lists --${option}`);
  }
  const check = await pyguard(['help', 'check'], { cwd });
  for (const option of ['--osv-url URL', '--no-osv', '--index-url URL', '--find-links DIR|URL', '--json[=FILE]'])
    assert.ok(check.stdout.includes(option), option);
  const serve = await pyguard(['serve-index', '-h'], { cwd });
  assert.match(serve.stdout, /--host ADDRESS/);
  assert.doesNotMatch(serve.stdout, /--index-url/, 'only the options serve-index takes');
  const top = await pyguard(['--help'], { cwd });
  for (const name of COMMAND_NAMES) assert.match(top.stdout, new RegExp(`^  ${name} `, 'm'));
});

test('unknown commands and options get the closest match', async () => {
  assertOneLineError(
    await pyguard(['chek', 'requests'], { cwd }),
    /^pyguard: unknown command 'chek' \(did you mean 'check'\?\)/,
  );
  assertOneLineError(
    await pyguard(['check', 'requests', '--idnex-url', 'http://x.invalid/'], { cwd }),
    /unknown option --idnex-url \(did you mean --index-url\?\)/,
  );
  assertOneLineError(
    await pyguard(['scan', 'app.py', '--fial-on', 'low'], { cwd }),
    /unknown option --fial-on \(did you mean --fail-on\?\)/,
  );
  assertOneLineError(
    await pyguard(['report', 'result.json', '--port', '8000'], { cwd }),
    /--port is an option of 'serve-index', not of 'report'/,
  );
  assertOneLineError(
    await pyguard(['--verison'], { cwd }),
    /^pyguard: unknown option '--verison' \(did you mean '--version'\?\)/,
  );
});

test('--version on every command, and -V', async () => {
  const version = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version as string;
  for (const argv of [['--version'], ['-V'], ...COMMAND_NAMES.map((name) => [name, '--version'])]) {
    const run = await pyguard(argv, { cwd });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `pyguard ${version}\n`, argv.join(' '));
  }
});

test('--fail-on takes any case and never; the saved result is gated by report', async () => {
  assert.equal(sampleResult().summary.risk, 'critical');
  assert.equal((await pyguard(['report', 'result.json', '--fail-on', 'CRITICAL'], { cwd })).code, 1);
  assert.equal((await pyguard(['report', 'result.json', '--fail-on=High'], { cwd })).code, 1);
  const never = await pyguard(['report', 'result.json', '--fail-on', 'never'], { cwd });
  assert.equal(never.code, 0);
  assert.match(
    never.stdout,
    /^overall risk CRITICAL {2}exit 0: --fail-on never \(highest: critical\)$/m,
    'the terminal report when no output option is given',
  );
  assertOneLineError(
    await pyguard(['report', 'result.json', '--fail-on', 'hihg'], { cwd }),
    /--fail-on must be one of info\|low\|medium\|high\|critical\|never, not 'hihg' \(did you mean high\?\)/,
  );
});

test('-q prints only the verdict line; --quiet also hides "wrote FILE"', async () => {
  const quiet = await pyguard(['report', '-q', 'result.json', '--fail-on', 'never'], { cwd });
  assert.equal(quiet.code, 0);
  assert.match(quiet.stdout, /^14 targets, .* overall risk CRITICAL\n$/);
  const silent = await pyguard(['report', 'result.json', '--quiet', '--sarif=quiet.sarif', '--fail-on', 'never'], {
    cwd,
  });
  assert.deepEqual([silent.code, silent.stdout, silent.stderr], [0, '', '']);
  assert.ok(existsSync(join(cwd, 'quiet.sarif')));
});

test('an output option never takes a requirement or path as its FILE', async () => {
  const before = readdirSync(cwd).sort();
  assertOneLineError(
    await pyguard(['check', 'requests', '--html', 'report'], { cwd }),
    /^pyguard: check: --html report: an --html FILE must end in \.html or \.htm; write --html=report to use that name/,
  );
  assertOneLineError(
    await pyguard(['check', '--json', 'idna', 'requests'], { cwd }),
    /--json idna: an --json FILE must end in \.json/,
  );
  assertOneLineError(
    await pyguard(['scan', '--sarif', 'app.py'], { cwd }),
    /--sarif app\.py: an --sarif FILE must end in \.sarif or \.json/,
  );
  assert.deepEqual(readdirSync(cwd).sort(), before, 'nothing written');

  const scan = await pyguard(
    ['scan', '--json', 'app.json', 'app.py', '--html=app-report', '--sarif', '-', '--fail-on', 'never'],
    { cwd },
  );
  assert.equal(scan.code, 0, scan.stderr);
  assert.equal(JSON.parse(scan.stdout).version, '2.1.0', 'SARIF on stdout, no terminal report mixed in');
  assert.equal(scan.stderr, 'wrote app.json\nwrote app-report\n');
  assert.equal(JSON.parse(readFileSync(join(cwd, 'app.json'), 'utf8')).targets[0].path, 'app.py');
  assert.match(readFileSync(join(cwd, 'app-report'), 'utf8'), /^<!doctype html>/);

  const html = await pyguard(['report', 'result.json', '--html', '-'], { cwd });
  assert.match(html.stdout, /^<!doctype html>/);
  assert.equal(html.stderr, '');
});

test('two outputs to one path, or an unwritable path, fail before any work', async () => {
  assertOneLineError(
    await pyguard(['scan', 'app.py', '--json', 'out.json', '--sarif=out.json'], { cwd }),
    /--json and --sarif both write to out\.json/,
  );
  assertOneLineError(
    await pyguard(['report', 'result.json', '--json', '--html=-'], { cwd }),
    /--json and --html both write to stdout/,
  );
  // The index would refuse the connection: the output path is reported first, nothing is fetched.
  const unwritable = await pyguard(
    ['check', 'requests', '--index-url', 'http://127.0.0.1:9/simple/', '--html', 'no-such-folder/r.html'],
    { cwd },
  );
  assertOneLineError(
    unwritable,
    /^pyguard: check: --html no-such-folder\/r\.html: cannot write: the folder .*no-such-folder does not exist$/m,
  );
  assertOneLineError(
    await pyguard(['report', 'result.json', '--json=.'], { cwd }),
    /--json \.: cannot write: it is a folder/,
  );
});
