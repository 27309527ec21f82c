// The bundled fixture world: committed files are exactly what the build script makes, the index serves the world
// as designed (yanked, pre-release, platform wheels, sdist-only, odd names), and every host in it is reserved.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { buildWorld, FIXTURE_SOURCES, FIXTURE_WHEELS } from '../../scripts/build-fixtures.ts';
import { WORLD } from '../../fixtures/src/world.ts';

let server: IndexServer;

before(async () => {
  server = await startIndexServer({ root: FIXTURE_WHEELS });
});

after(() => server.close());

async function project(name: string): Promise<any> {
  const response = await fetch(`${server.url}/pypi/${name}/json`);
  assert.equal(response.status, 200, name);
  return response.json();
}

async function simple(name: string): Promise<any> {
  const response = await fetch(`${server.url}/simple/${name}/`, {
    headers: { accept: 'application/vnd.pypi.simple.v1+json' },
  });
  assert.equal(response.status, 200, name);
  return response.json();
}

test('fixtures/wheels holds exactly what scripts/build-fixtures.ts builds, byte for byte', () => {
  const world = buildWorld();
  assert.deepEqual(readdirSync(FIXTURE_WHEELS).sort(), [...world.files.keys()].sort());
  for (const [filename, bytes] of world.files) {
    assert.deepEqual(
      new Uint8Array(readFileSync(join(FIXTURE_WHEELS, filename))),
      bytes,
      `${filename} is stale: run the script`,
    );
  }
});

test('every project of the world is listed under its own spelling', async () => {
  const response = await fetch(`${server.url}/simple/`, { headers: { accept: 'application/vnd.pypi.simple.v1+json' } });
  const names = (await response.json()).projects.map((p: any) => p.name).sort();
  assert.deepEqual(names, [...new Set(WORLD.map((r) => r.project))].sort());
  assert.ok(names.length >= 12 && names.length <= 18);
});

test('demo-app declares its dependencies with extras and markers', async () => {
  const body = await project('demo-app');
  assert.deepEqual(body.info.requires_dist, [
    'webkit-lite>=2.0',
    'fastjson-ng>=3.0',
    'colorlog-plus[color]>=1.1',
    'envsettings-lite>=0.9',
    'winconsole-shim>=0.2; sys_platform == "win32"',
    'tomli-compat>=1.0; python_version < "3.11"',
  ]);
});

test('webkit-lite: the newest final release is yanked, a pre-release exists, info shows 2.1.0', async () => {
  const body = await project('webkit-lite');
  assert.deepEqual(Object.keys(body.releases), ['1.4.0', '2.0.0', '2.1.0', '2.1.1', '2.2.0rc1']);
  assert.equal(body.info.version, '2.1.0');
  const yanked = body.releases['2.1.1'][0];
  assert.deepEqual([yanked.yanked, yanked.yanked_reason], [true, 'Broken routing of trailing slashes; use 2.1.0']);
  assert.equal(body.releases['2.2.0rc1'][0].requires_python, '>=3.10');
});

test('fastjson-ng 3.1.0 has Linux, macOS and Windows wheels and an sdist fallback', async () => {
  const files = (await project('fastjson-ng')).releases['3.1.0'].map((f: any) => f.filename).sort();
  assert.deepEqual(files, [
    'fastjson_ng-3.1.0-cp311-cp311-macosx_11_0_arm64.whl',
    'fastjson_ng-3.1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
    'fastjson_ng-3.1.0-cp311-cp311-win_amd64.whl',
    'fastjson_ng-3.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
    'fastjson_ng-3.1.0.tar.gz',
  ]);
});

test('sdist-only projects: static PKG-INFO is served as metadata, the dynamic one is not', async () => {
  const syslog = (await simple('syslog-bridge')).files;
  assert.deepEqual(
    syslog.map((f: any) => f.filename),
    ['syslog_bridge-0.7.0.tar.gz'],
  );
  const metadata = await (await fetch(`${server.url}/files/syslog_bridge-0.7.0.tar.gz.metadata`)).text();
  assert.match(metadata, /^Requires-Dist: termcolor-lite>=2\.0$/m);
  const typosquat = (await simple('colorlog-pluss')).files;
  assert.equal(typosquat[0]['core-metadata'], false);
});

test('the odd spelling Zope.Demo-Thing is found through every spelling of its name', async () => {
  for (const spelling of ['Zope.Demo-Thing', 'zope_demo_thing', 'ZOPE.demo.thing']) {
    const response = await fetch(`${server.url}/pypi/${spelling}/json`);
    assert.equal(response.status, 200, spelling);
    assert.equal((await response.json()).info.name, 'Zope.Demo-Thing');
  }
  const files = (await simple('zope-demo-thing')).files.map((f: any) => f.filename);
  assert.deepEqual(files, [
    'Zope.Demo_Thing-1.2.0-py3-none-any.whl',
    'Zope.Demo-Thing-1.3.0.tar.gz',
    'Zope.Demo_Thing-1.3.0-py3-none-any.whl',
  ]);
});

test('usage-stats-lite phones home at import time to telemetry.usage-stats.example', async () => {
  const filename = 'usage_stats_lite-0.2.1-py3-none-any.whl';
  const opened = await openArchive(new Uint8Array(readFileSync(join(FIXTURE_WHEELS, filename))), filename);
  const init = new TextDecoder().decode(opened.entries.find((e) => e.path === 'usage_stats_lite/__init__.py')!.data);
  assert.match(init, /COLLECT_URL = "https:\/\/telemetry\.usage-stats\.example\/v1\/collect"/);
  assert.match(init, /urllib\.request\.urlopen/);
  assert.match(init, /^track_event\("session_start"\)$/m, 'called at module level');
});

test('every host named in the fixture sources is reserved (.example, .invalid, 192.0.2.0/24) or loopback', () => {
  const hosts = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        let text = readFileSync(path, 'utf8');
        for (const b64 of text.match(/b64decode\("([A-Za-z0-9+/=]+)"\)/g) ?? []) {
          text += Buffer.from(b64.slice(11, -2), 'base64').toString();
        }
        for (const m of text.matchAll(/https?:\/\/([A-Za-z0-9.-]+)/g)) hosts.add(m[1]);
        for (const m of text.matchAll(/\b(\d{1,3}(?:\.\d{1,3}){3})\b/g)) hosts.add(m[1]);
      }
    }
  };
  walk(FIXTURE_SOURCES);
  assert.ok(hosts.has('telemetry.usage-stats.example') && hosts.has('collector.invalid') && hosts.has('192.0.2.44'));
  for (const host of hosts) assert.match(host, /(\.example|\.invalid)$|^192\.0\.2\.\d+$|^127\.0\.0\.1$/, host);
});
