// pip requirements files: comments, continuations, nested -r/-c with cycles, hashes, index options, env vars,
// and the lines that cannot be audited (listed with a reason, never dropped).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequirementsFile, parseRequirementsText } from '../../src/pypi/requirements-file.ts';
import { RequirementsFileError } from '../../src/pypi/standards-error.ts';

/** A readFile over an in-memory folder. */
function files(tree: Record<string, string>): (p: string) => Promise<string> {
  return async (p) => {
    if (!(p in tree)) throw new Error(`ENOENT: ${p}`);
    return tree[p];
  };
}

const HASH_A = 'sha256:' + 'a'.repeat(64);
const HASH_B = 'sha256:' + 'b'.repeat(64);

test('requirements, comments, continuations, hashes, markers and extras', async () => {
  const text = [
    '# top comment',
    'requests[socks] >= 2.31, <3 ; python_version >= "3.8"  # trailing comment',
    'PyYAML==6.0.1 \\',
    `    --hash=${HASH_A} \\`,
    `    --hash ${HASH_B}`,
    'zope.interface~=6.1',
    '',
    'six',
  ].join('\n');
  const result = await parseRequirementsText(text, 'req.txt');
  assert.deepEqual(
    result.requirements.map((r) => [
      r.requirement.name,
      r.requirement.extras,
      r.requirement.specifier,
      r.requirement.markerText,
      r.source,
    ]),
    [
      ['requests', ['socks'], '>=2.31,<3', 'python_version >= "3.8"', 'req.txt:2'],
      ['PyYAML', [], '==6.0.1', undefined, 'req.txt:3'],
      ['zope.interface', [], '~=6.1', undefined, 'req.txt:6'],
      ['six', [], '', undefined, 'req.txt:8'],
    ],
  );
  assert.deepEqual(result.requirements[1].hashes, [HASH_A, HASH_B]);
  assert.deepEqual(result.requirements[0].hashes, []);
  assert.equal(result.notAuditable.length, 0);
  assert.equal(result.pre, false);
  assert.equal(result.noIndex, false);
});

test('index options, --pre, --no-index, ignored pip options', async () => {
  const text = [
    '-i https://pypi.example/simple',
    '--extra-index-url=https://extra.example/simple',
    '--extra-index-url https://extra2.example/simple',
    '-f ./wheels',
    '--find-links=https://links.example/',
    '--pre',
    '--no-index',
    '--prefer-binary',
    '--trusted-host extra.example',
    '--only-binary :all:',
    'attrs',
  ].join('\n');
  const result = await parseRequirementsText(text, 'r.txt');
  assert.equal(result.indexUrl, 'https://pypi.example/simple');
  assert.deepEqual(result.extraIndexUrls, ['https://extra.example/simple', 'https://extra2.example/simple']);
  assert.deepEqual(result.findLinks, ['./wheels', 'https://links.example/']);
  assert.equal(result.pre, true);
  assert.equal(result.noIndex, true);
  assert.deepEqual(
    result.requirements.map((r) => r.requirement.name),
    ['attrs'],
  );
});

test('nested -r and -c files resolve relative to the including file', async () => {
  const read = files({
    'proj/requirements.txt': '-r base/common.txt\n--constraint constraints.txt\nflask\n',
    'proj/base/common.txt': 'requests\n-rmore.txt\n',
    'proj/base/more.txt': 'idna\n',
    'proj/constraints.txt': 'urllib3<2\n-r base/more.txt\n',
  });
  const result = await parseRequirementsFile('proj/requirements.txt', read);
  assert.deepEqual(
    result.requirements.map((r) => `${r.requirement.name}@${r.source}`),
    [
      'requests@proj/base/common.txt:1',
      'idna@proj/base/more.txt:1',
      'idna@proj/base/more.txt:1',
      'flask@proj/requirements.txt:3',
    ],
  );
  assert.deepEqual(
    result.constraints.map((r) => `${r.requirement.name}${r.requirement.specifier}@${r.source}`),
    ['urllib3<2@proj/constraints.txt:1'],
  );
});

test('include cycles and unreadable files are RequirementsFileErrors naming file:line', async () => {
  const cyclic = files({ 'a.txt': 'x\n-r b.txt\n', 'b.txt': '\n-r a.txt\n' });
  await assert.rejects(
    parseRequirementsFile('a.txt', cyclic),
    (e: unknown) =>
      e instanceof RequirementsFileError && e.message.startsWith('b.txt:2: include cycle: a.txt -> b.txt -> a.txt'),
  );
  await assert.rejects(
    parseRequirementsFile('a.txt', files({ 'a.txt': '-r missing.txt' })),
    (e: unknown) => e instanceof RequirementsFileError && e.message.startsWith('a.txt:1: cannot read missing.txt'),
  );
  await assert.rejects(
    parseRequirementsFile('none.txt', files({})),
    (e: unknown) => e instanceof RequirementsFileError && e.message.startsWith('none.txt: cannot read'),
  );
});

test('unknown options and invalid requirements are RequirementsFileErrors naming file:line', async () => {
  const rows: [string, string][] = [
    ['ok\n--frobnicate', 'r.txt:2: unknown option --frobnicate'],
    ['requests --index-url https://x.example', 'r.txt:1: --index-url cannot follow a requirement on the same line'],
    ['--hash=sha256:00', 'r.txt:1: --hash must follow a requirement'],
    ['-i', 'r.txt:1: option -i needs a value'],
    ['--pre=yes', 'r.txt:1: option --pre takes no value'],
    ['\n\nbad requirement!', 'r.txt:3: invalid requirement'],
  ];
  for (const [text, message] of rows) {
    await assert.rejects(
      parseRequirementsText(text, 'r.txt'),
      (e: unknown) => e instanceof RequirementsFileError && e.message.startsWith(message),
      message,
    );
  }
});

test('editable, URL, VCS and local path requirements land in notAuditable with a reason', async () => {
  const text = [
    '-e .',
    '--editable git+https://git.example/pkg.git#egg=pkg',
    'git+https://git.example/other.git@v1#egg=other',
    'pkg @ https://files.example/pkg-1.0-py3-none-any.whl ; python_version > "3"',
    'https://files.example/direct-1.0.tar.gz',
    './local/pkg',
    '/abs/path/thing-1.0-py3-none-any.whl',
    'thing-1.0-py3-none-any.whl',
    'file:///abs/x-1.0.tar.gz',
    '-r https://example.invalid/remote.txt',
    'requests',
  ].join('\n');
  const result = await parseRequirementsText(text, 'r.txt');
  assert.deepEqual(
    result.requirements.map((r) => r.requirement.name),
    ['requests'],
  );
  assert.deepEqual(
    result.notAuditable.map((n) => [n.source, n.reason.split(':')[0]]),
    [
      ['r.txt:1', 'editable requirement'],
      ['r.txt:2', 'editable requirement'],
      ['r.txt:3', 'URL or VCS requirement'],
      ['r.txt:4', 'direct URL requirement'],
      ['r.txt:5', 'URL or VCS requirement'],
      ['r.txt:6', 'local path requirement'],
      ['r.txt:7', 'local path requirement'],
      ['r.txt:8', 'local path requirement'],
      ['r.txt:9', 'URL or VCS requirement'],
      ['r.txt:10', 'remote requirements file'],
    ],
  );
  assert.equal(result.notAuditable[0].line, '-e .');
});

test('${VAR} expansion (only ${NAME} of upper-case letters, digits, _), unset variables kept', async () => {
  const env = { INDEX: 'https://mirror.example/simple', PKG_VERSION: '1.2.3', lower: 'x' };
  const text = '--index-url ${INDEX}\nfoo==${PKG_VERSION}\nbar==$PKG_VERSION\n';
  await assert.rejects(
    parseRequirementsText(text, 'r.txt', undefined, env),
    (e: unknown) => e instanceof RequirementsFileError && e.message.startsWith('r.txt:3:'),
  );
  const ok = await parseRequirementsText(
    '--index-url ${INDEX}\nfoo==${PKG_VERSION}\n# ${lower}\n',
    'r.txt',
    undefined,
    env,
  );
  assert.equal(ok.indexUrl, 'https://mirror.example/simple');
  assert.equal(ok.requirements[0].requirement.specifier, '==1.2.3');
  await assert.rejects(parseRequirementsText('foo==${UNSET_VAR_X}', 'r.txt', undefined, {}), RequirementsFileError);
});

test('a comment line ends a continuation; CRLF files', async () => {
  const result = await parseRequirementsText('alpha \\\n# comment \\\nbeta\r\ngamma\r\n', 'r.txt');
  assert.deepEqual(
    result.requirements.map((r) => `${r.requirement.name}@${r.source}`),
    ['alpha@r.txt:1', 'beta@r.txt:3', 'gamma@r.txt:4'],
  );
});
