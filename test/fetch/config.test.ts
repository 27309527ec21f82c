// pip configuration: file levels, [global] < [install] < PIP_* variables, multi-line values, --isolated, os.devnull.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadPipConfig, parseIni } from '../../src/pypi/config.ts';

const root = mkdtempSync(join(tmpdir(), 'pyguard-pipconf-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

const globalFile = write(
  'etc/pip.conf',
  '[global]\nindex-url = https://global.example/simple\nextra-index-url = https://g1.example/simple\n',
);
const userFile = write(
  'home/.config/pip/pip.conf',
  [
    '# user config',
    '[global]',
    'index-url = https://user.example/simple',
    'extra_index_url =',
    '    https://u1.example/simple',
    '    ; a comment inside the value',
    '    https://u2.example/simple',
    '',
    '[install]',
    'find-links = wheels ~/more',
    'pre = yes',
  ].join('\n'),
);
const legacyFile = write(
  'home/.pip/pip.conf',
  '[global]\nindex-url = https://legacy.example/simple\nno-index = true\n',
);
const siteFile = write('venv/pip.conf', '[global]\nextra-index-url: https://site.example/simple\n');
const explicitFile = write('explicit.conf', '[global]\nindex-url = https://explicit.example/simple\n');

const base = { HOME: join(root, 'home'), VIRTUAL_ENV: join(root, 'venv') };
const globalFiles = [globalFile];

test('files combine by level (global < user < site) and [install] overrides [global]', async () => {
  const config = await loadPipConfig({ env: base, isolated: false, cwd: '/work', globalFiles });
  assert.equal(config.indexUrl, 'https://user.example/simple');
  // The site file's [global] extra-index-url overrides the user file's: later levels win key by key.
  assert.deepEqual(config.extraIndexUrls, ['https://site.example/simple']);
  assert.deepEqual(config.findLinks, ['/work/wheels', join(root, 'home', 'more')]);
  assert.equal(config.pre, true);
  // The legacy ~/.pip/pip.conf is read first, so ~/.config/pip/pip.conf wins on index-url; its no-index stays.
  assert.equal(config.noIndex, true);
  assert.deepEqual(config.sources, [globalFile, legacyFile, userFile, siteFile]);
});

test('PIP_* variables override every file; list values are space separated', async () => {
  const config = await loadPipConfig({
    env: {
      ...base,
      PIP_INDEX_URL: 'https://env.example/simple',
      PIP_EXTRA_INDEX_URL: 'https://e1.example/simple  https://e2.example/simple',
      PIP_NO_INDEX: 'off',
      PIP_FIND_LINKS: 'https://links.example/',
    },
    isolated: false,
    cwd: '/work',
    globalFiles,
  });
  assert.equal(config.indexUrl, 'https://env.example/simple');
  assert.deepEqual(config.extraIndexUrls, ['https://e1.example/simple', 'https://e2.example/simple']);
  assert.deepEqual(config.findLinks, ['https://links.example/']);
  assert.equal(config.noIndex, false);
  assert.deepEqual(config.sources.slice(-4).sort(), [
    'PIP_EXTRA_INDEX_URL',
    'PIP_FIND_LINKS',
    'PIP_INDEX_URL',
    'PIP_NO_INDEX',
  ]);
});

test('PIP_CONFIG_FILE overrides the site file and, when it exists, replaces the user files', async () => {
  const config = await loadPipConfig({
    env: { ...base, PIP_CONFIG_FILE: explicitFile },
    isolated: false,
    cwd: '/',
    globalFiles,
  });
  assert.equal(config.indexUrl, 'https://explicit.example/simple');
  assert.equal(config.noIndex, false);
  assert.deepEqual(config.sources, [globalFile, siteFile, explicitFile]);
});

test('PIP_CONFIG_FILE=/dev/null disables every file (variables still count)', async () => {
  const config = await loadPipConfig({
    env: { ...base, PIP_CONFIG_FILE: '/dev/null', PIP_PRE: '1' },
    isolated: false,
    cwd: '/',
    globalFiles,
  });
  assert.deepEqual(config, {
    extraIndexUrls: [],
    findLinks: [],
    noIndex: false,
    pre: true,
    sources: ['PIP_PRE'],
    origins: new Map([['pre', 'PIP_PRE']]),
  });
});

test('isolated (pip --isolated): no user files and no PIP_* variables; global and site files still count', async () => {
  const config = await loadPipConfig({
    env: { ...base, PIP_INDEX_URL: 'https://env.example/simple' },
    isolated: true,
    cwd: '/',
    globalFiles,
  });
  assert.equal(config.indexUrl, 'https://global.example/simple');
  assert.equal(config.origins.get('index-url'), `${globalFile} [global]`, 'each value says where it came from');
  assert.deepEqual(config.extraIndexUrls, ['https://site.example/simple']);
  assert.equal(config.pre, undefined);
  assert.deepEqual(config.sources, [globalFile, siteFile]);
});

test('XDG_CONFIG_HOME moves the user file; errors name the file and line', async () => {
  const xdg = write('xdg/pip/pip.conf', '[install]\nindex-url=https://xdg.example/simple\n');
  const config = await loadPipConfig({
    env: { HOME: join(root, 'nohome'), XDG_CONFIG_HOME: join(root, 'xdg') },
    isolated: false,
    cwd: '/',
    globalFiles: [],
  });
  assert.equal(config.indexUrl, 'https://xdg.example/simple');
  assert.deepEqual(config.sources, [xdg]);
  assert.throws(
    () => parseIni('index-url = x\n', 'f.conf'),
    /^PipConfigError: f\.conf:1: pip configuration line outside any \[section\]$/,
  );
  await assert.rejects(
    loadPipConfig({ env: { PIP_NO_INDEX: 'maybe' }, isolated: false, cwd: '/', globalFiles: [] }),
    /^PipConfigError: PIP_NO_INDEX: "maybe" is not a valid value for no-index \(pip's configuration: --isolated ignores/,
  );
});

test('parseIni: DEFAULT values reach every section, CRLF and blank lines inside values', () => {
  const sections = parseIni('[DEFAULT]\ntimeout = 5\r\n[global]\nfind-links = a\n\n  b\n[install]\ntimeout = 9\n', 'x');
  assert.deepEqual(Object.fromEntries(sections.get('global')!), { 'find-links': 'a\nb', timeout: '5' });
  assert.deepEqual(Object.fromEntries(sections.get('install')!), { timeout: '9' });
});
