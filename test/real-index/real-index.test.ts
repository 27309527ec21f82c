// The index of real packages (ensurepip wheels and Debian's python3-* rebuilt into wheels): its wheels are sound,
// the real pip resolves requests, flask and boto3 from it, and `pyguard check` picks the same files and scans them.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { buildRealIndex, type BuildResult } from '../../scripts/build-real-index.ts';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import { RISK_LEVELS, type AuditResult } from '../../src/model/result.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { parseMetadata } from '../../src/pypi/metadata.ts';
import { normalizeName } from '../../src/pypi/names.ts';
import { pipDryRun, type PipChoice } from './pip.ts';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '..', '..');

let built: BuildResult;
let server: IndexServer;

before(async () => {
  built = await buildRealIndex();
  server = await startIndexServer({ root: built.out, port: 0 });
});
after(async () => {
  await server?.close();
});

const names = (choices: { name: string }[]): string[] => choices.map((c) => normalizeName(c.name)).sort();

describe('the real index', () => {
  test('holds pip, setuptools and the Debian packages of requests, flask and boto3 with their upstream versions', () => {
    const versions = Object.fromEntries(built.manifest.entries.map((e) => [normalizeName(e.name), e.version]));
    for (const name of [
      'pip',
      'setuptools',
      'requests',
      'urllib3',
      'idna',
      'certifi',
      'charset-normalizer',
      'chardet',
      'flask',
      'werkzeug',
      'jinja2',
      'markupsafe',
      'itsdangerous',
      'click',
      'blinker',
      'boto3',
      'botocore',
      'jmespath',
      's3transfer',
      'python-dateutil',
      'six',
    ]) {
      assert.match(versions[name] ?? '', /^\d+(\.\d+)+$/, `${name} is in the index with a plain upstream version`);
    }
    const requests = built.manifest.entries.find((e) => e.name === 'requests')!;
    assert.equal(requests.deb?.package, 'python3-requests');
    assert.match(requests.deb?.version ?? '', /^2\.28\.1\+dfsg/, 'the Debian version differs from the upstream one');
    assert.equal(requests.filename, 'requests-2.28.1-py3-none-any.whl');
    assert.deepEqual(built.manifest.warnings, [], 'every python3-* Depends is a Requires-Dist or explained');
  });

  test('every rebuilt wheel has a RECORD that lists each member with its sha256 and size', async () => {
    for (const entry of built.manifest.entries.filter((e) => e.source === 'debian')) {
      const bytes = new Uint8Array(await readFile(join(built.out, entry.filename)));
      assert.equal(createHash('sha256').update(bytes).digest('hex'), entry.sha256, entry.filename);
      const opened = await openArchive(bytes, entry.filename);
      assert.equal(opened.fatal, undefined, entry.filename);
      const record = opened.entries.find((e) => /^[^/]+\.dist-info\/RECORD$/.test(e.path));
      assert.ok(record?.data, `${entry.filename} has a RECORD`);
      const rows = new Map(
        new TextDecoder()
          .decode(record.data)
          .trim()
          .split('\n')
          .map((line) => {
            const sizeAt = line.lastIndexOf(',');
            const hashAt = line.lastIndexOf(',', sizeAt - 1);
            const path = line
              .slice(0, hashAt)
              .replace(/^"(.*)"$/, '$1')
              .replace(/""/g, '"');
            return [path, { hash: line.slice(hashAt + 1, sizeAt), size: line.slice(sizeAt + 1) }];
          }),
      );
      for (const member of opened.entries.filter((e) => e.type === 'file' && e !== record)) {
        const row = rows.get(member.path);
        assert.ok(row, `${entry.filename}: ${member.path} is in RECORD`);
        const digest = 'sha256=' + createHash('sha256').update(member.data!).digest('base64url');
        assert.equal(row.hash, digest, `${entry.filename}: ${member.path} digest`);
        assert.equal(Number(row.size), member.size, `${entry.filename}: ${member.path} size`);
      }
    }
  });

  test('egg-info packages keep their own metadata and get back the requirements Debian stripped', async () => {
    const flask = built.manifest.entries.find((e) => e.name === 'Flask')!;
    const opened = await openArchive(new Uint8Array(await readFile(join(built.out, flask.filename))), flask.filename);
    const paths = opened.entries.map((e) => e.path);
    assert.ok(paths.includes('flask/app.py'));
    assert.ok(paths.includes('Flask-2.2.2.dist-info/entry_points.txt'), 'entry points carried over from the egg-info');
    assert.ok(!paths.some((p) => p.includes('.egg-info/')), 'no egg-info folder left');
    const metadata = parseMetadata(
      new TextDecoder().decode(opened.entries.find((e) => e.path === 'Flask-2.2.2.dist-info/METADATA')!.data),
    );
    assert.equal(metadata.summary, 'A simple framework for building complex web applications.');
    assert.ok(metadata.requiresDist.includes('Werkzeug>=2.2.2'));
    assert.ok(metadata.requiresDist.includes('asgiref>=3.2; extra == "async"'), 'requires.txt extras become markers');
    assert.deepEqual(metadata.providesExtra, ['async', 'dotenv']);
  });
});

describe('the real pip against the real index', () => {
  const choices = new Map<string, PipChoice[]>();

  test('requests: urllib3, idna, certifi, charset-normalizer and chardet (Debian requires both), six for urllib3', async () => {
    choices.set('requests', await pipDryRun(server.simpleUrl, ['requests']));
    assert.deepEqual(names(choices.get('requests')!), [
      'certifi',
      'chardet',
      'charset-normalizer',
      'idna',
      'requests',
      'six',
      'urllib3',
    ]);
    assert.ok(choices.get('requests')!.every((c) => built.manifest.entries.some((e) => e.filename === c.filename)));
  });

  test('flask: werkzeug, jinja2, markupsafe, itsdangerous and click', async () => {
    const flask = await pipDryRun(server.simpleUrl, ['flask']);
    assert.deepEqual(names(flask), ['click', 'flask', 'itsdangerous', 'jinja2', 'markupsafe', 'werkzeug']);
  });

  test('boto3: botocore, jmespath, s3transfer, python-dateutil and the requests set botocore needs', async () => {
    const boto3 = await pipDryRun(server.simpleUrl, ['boto3']);
    assert.deepEqual(names(boto3), [
      'boto3',
      'botocore',
      'certifi',
      'chardet',
      'charset-normalizer',
      'idna',
      'jmespath',
      'python-dateutil',
      'requests',
      's3transfer',
      'six',
      'urllib3',
    ]);
    assert.equal(boto3.find((c) => c.name === 'botocore')?.version, '1.29.27');
  });

  // pyguard check: the CLI contract of issue 3 (`--json FILE` holds targets with name, version, filename, files[]).
  test('pyguard check requests picks the files pip picks and scans every one of them', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pyguard-check-real-'));
    try {
      const out = join(folder, 'result.json');
      const argv = [
        '--import',
        'tsx',
        join(REPO, 'src', 'cli.ts'),
        'check',
        'requests',
        '--index-url',
        server.simpleUrl,
        '--isolated',
        '--cache-dir',
        join(folder, 'cache'),
        '--json',
        out,
      ];
      const code = await run(process.execPath, argv, {
        cwd: REPO,
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 240_000,
        maxBuffer: 64 << 20,
      }).then(
        () => 0,
        (error: { code?: number; stderr?: string }) => {
          assert.ok(error.code === 1, `pyguard check exited ${error.code}: ${error.stderr}`);
          return error.code;
        },
      );
      assert.ok(code === 0 || code === 1);
      const result = JSON.parse(await readFile(out, 'utf8')) as AuditResult;
      const pip = choices.get('requests') ?? (await pipDryRun(server.simpleUrl, ['requests']));
      const targets = result.targets
        .map((t) => ({ name: normalizeName(t.name ?? ''), version: t.version ?? '', filename: t.filename ?? '' }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      assert.deepEqual(targets, pip, 'the same distributions and files as pip');
      for (const target of result.targets) {
        assert.ok(target.files.length > 0, `${target.name}: files scanned`);
        assert.deepEqual(target.errors, [], `${target.name}: no errors`);
        // Product requirement for benign packages (may fail while the rules are young).
        assert.ok(
          RISK_LEVELS.indexOf(target.risk) <= RISK_LEVELS.indexOf('low'),
          `${target.name} ${target.version}: risk ${target.risk} (${target.reasons.join('; ')})`,
        );
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
