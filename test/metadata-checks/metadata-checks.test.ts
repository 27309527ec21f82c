// Metadata heuristics: typosquats, project age, missing info, dependency-confusion versions, author impersonation,
// popular packages shipped under another name.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import topPypi from '../../data/top-pypi.json' with { type: 'json' };
import {
  checkAge,
  checkAuthorImpersonation,
  checkConfusionVersion,
  checkMetadata,
  checkProjectInfo,
  findTyposquat,
  isOneEditAway,
  type MetadataInput,
  POPULAR_NAMES,
} from '../../src/analysis/metadata-checks/index.ts';
import { checkPopularShadow } from '../../src/analysis/metadata-checks/popular-shadow.ts';
import { parseMetadata } from '../../src/pypi/metadata.ts';

const NOW = new Date('2026-11-28T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const input = (extra: Partial<MetadataInput>): MetadataInput => ({
  name: 'something',
  version: '1.0',
  now: NOW,
  ...extra,
});

test('the popular-name list is honest about where it comes from and holds the benign reference projects', () => {
  assert.equal(topPypi.source, 'hand-compiled');
  assert.match(topPypi.note, /not an export of a download ranking/i);
  assert.ok(topPypi.names.length >= 300);
  for (const name of [
    'pip',
    'setuptools',
    'requests',
    'urllib3',
    'certifi',
    'idna',
    'charset-normalizer',
    'flask',
    'boto3',
    'botocore',
  ]) {
    assert.ok(POPULAR_NAMES.has(name), name);
  }
});

test('one edit: insertion, deletion, substitution, adjacent transposition, and nothing further', () => {
  assert.equal(isOneEditAway('requests', 'requestss'), true);
  assert.equal(isOneEditAway('requests', 'reqests'), true);
  assert.equal(isOneEditAway('requests', 'requasts'), true);
  assert.equal(isOneEditAway('requests', 'reqeusts'), true);
  assert.equal(isOneEditAway('requests', 'requests'), false);
  assert.equal(isOneEditAway('requests', 'reqeustss'), false);
  assert.equal(isOneEditAway('requests', 'rqeusets'), false);
});

test('typosquats are found by edit, affix and separator; popular names, short-name neighbours and legit pairs are not', () => {
  assert.deepEqual(findTyposquat('reqeusts'), { popular: 'requests', how: 'edit' });
  assert.deepEqual(findTyposquat('urlib3'), { popular: 'urllib3', how: 'edit' });
  assert.deepEqual(findTyposquat('colourama'), { popular: 'colorama', how: 'edit' });
  assert.deepEqual(findTyposquat('python-numpy'), { popular: 'numpy', how: 'affix' });
  assert.deepEqual(findTyposquat('matplotlib-dev'), { popular: 'matplotlib', how: 'affix' });
  assert.deepEqual(findTyposquat('pythondateutil'), { popular: 'python-dateutil', how: 'separator' });
  assert.deepEqual(findTyposquat('charset.normal-izer'), { popular: 'charset-normalizer', how: 'separator' });
  for (const honest of [
    'requests',
    'Flask',
    'python_dateutil',
    'PyYAML',
    'boto3',
    'types-requests',
    'pipx',
    'sux',
    'unrelated-project-name',
  ]) {
    assert.equal(findTyposquat(honest), null, honest);
  }
});

// Weak alone since calibration (issue 9): a close name is low; it counts with what the code does (trojanized copies).
test('a typosquat is a low finding at target level', () => {
  const [finding] = checkMetadata(input({ name: 'reqeusts' }));
  assert.equal(finding.rule, 'meta-typosquat');
  assert.equal(finding.severity, 'low');
  assert.equal(finding.line, 0);
  assert.match(finding.message, /"requests"/);
});

test('project age: a brand-new only release, a release after years of silence; ordinary histories are quiet', () => {
  const fresh = checkAge(input({ projectInfo: { releaseTimes: { '0.1.0': daysAgo(3) } } }));
  assert.deepEqual(
    fresh.map((f) => [f.rule, f.severity]),
    [['meta-new-project', 'low']],
  );
  assert.match(fresh[0].message, /3 days ago/);
  assert.deepEqual(checkAge(input({ projectInfo: { releaseTimes: { '0.1.0': daysAgo(40) } } })), []);
  const revived = checkAge(
    input({
      version: '0.3',
      projectInfo: { releaseTimes: { '0.1': daysAgo(3000), '0.2': daysAgo(2900), '0.3': daysAgo(5) } },
    }),
  );
  assert.deepEqual(
    revived.map((f) => [f.rule, f.severity]),
    [['meta-revived-project', 'medium']],
  );
  const steady = { '1.0': daysAgo(900), '1.1': daysAgo(400), '1.2': daysAgo(10) };
  assert.deepEqual(checkAge(input({ version: '1.2', projectInfo: { releaseTimes: steady } })), []);
  const oldRevival = { '0.1': daysAgo(3000), '0.2': daysAgo(1000) };
  assert.deepEqual(
    checkAge(input({ version: '0.2', projectInfo: { releaseTimes: oldRevival } })),
    [],
    'the revival itself is old news',
  );
});

test('missing homepage, repository and description', () => {
  const bare = parseMetadata('Metadata-Version: 2.1\nName: something\nVersion: 1.0\n');
  assert.deepEqual(
    checkProjectInfo(input({ metadata: bare })).map((f) => f.rule),
    ['meta-no-project-info'],
  );
  const described = parseMetadata('Metadata-Version: 2.1\nName: something\nVersion: 1.0\nSummary: Does a thing\n');
  assert.deepEqual(checkProjectInfo(input({ metadata: described })), []);
  const linked = parseMetadata(
    'Metadata-Version: 2.1\nName: something\nVersion: 1.0\nProject-URL: Source, https://git.example/x\n',
  );
  assert.deepEqual(checkProjectInfo(input({ metadata: linked })), []);
  assert.deepEqual(checkProjectInfo(input({})), [], 'nothing known, nothing said');
});

test('dependency-confusion versions: huge or zero versions, stronger on internal-looking names', () => {
  const sev = (name: string, version: string) => checkConfusionVersion(input({ name, version })).map((f) => f.severity);
  assert.deepEqual(sev('acme-internal-auth', '99.0.0'), ['medium']);
  assert.deepEqual(sev('acme-internal-auth', '0.0.0'), ['medium']);
  assert.deepEqual(sev('acme-auth', '100.1'), ['low']);
  assert.deepEqual(sev('acme-auth', '0.0.0'), []);
  assert.deepEqual(sev('acme-internal-auth', '1.4.2'), []);
  assert.deepEqual(sev('acme-corp-utils', '1!99.0'), ['medium']);
});

test("author impersonation: a known owner named on someone else's project; the owner's own projects are fine", () => {
  const meta = (author: string, email = '') =>
    parseMetadata(
      `Metadata-Version: 2.1\nName: x\nVersion: 1\nAuthor: ${author}\n${email ? `Author-email: ${email}\n` : ''}`,
    );
  const fake = checkAuthorImpersonation(input({ name: 'requests-helper-x', metadata: meta('Kenneth Reitz') }));
  assert.deepEqual(
    fake.map((f) => [f.rule, f.severity]),
    [['meta-author-impersonation', 'low']],
  );
  assert.deepEqual(checkAuthorImpersonation(input({ name: 'requests', metadata: meta('Kenneth Reitz') })), []);
  assert.deepEqual(
    checkAuthorImpersonation(
      input({ name: 'azure-storage-blob', metadata: meta('Microsoft Corporation', 'azpysdkhelp@microsoft.com') }),
    ),
    [],
  );
  // a brand prefix is a name anyone can register: it only exempts names already among the popular projects
  const branded = checkAuthorImpersonation(
    input({ name: 'aws-credential-helper-x', metadata: meta('Amazon Web Services') }),
  );
  assert.deepEqual(
    branded.map((f) => [f.rule, f.severity]),
    [['meta-author-impersonation', 'low']],
  );
  const domain = checkAuthorImpersonation(
    input({ name: 'fast-helper', metadata: meta('Someone', 'someone@google.com') }),
  );
  assert.deepEqual(
    domain.map((f) => f.severity),
    ['low'],
  );
  assert.deepEqual(
    checkAuthorImpersonation(input({ name: 'tool', metadata: meta('Jane Doe', 'jane@mail.example') })),
    [],
  );
});

test("a popular project's top-level package under another name: by derived and by known import names, packages only", () => {
  const shadows = (name: string, paths: string[]) => checkPopularShadow(name, paths).map((f) => f.code);
  assert.deepEqual(shadows('netmanager', ['netmanager-1.0/requests/__init__.py', 'netmanager-1.0/requests/api.py']), [
    'requests',
  ]);
  assert.deepEqual(shadows('yaml-helper', ['yaml/__init__.py', 'PIL/__init__.py', 'cv2/__init__.py']), [
    'yaml',
    'PIL',
    'cv2',
  ]);
  assert.deepEqual(
    shadows('netmanager', ['six.py', 'netmanager-1.0/tests/requests/__init__.py', 'netmanager/__init__.py']),
    [],
  );
  assert.deepEqual(shadows('Requests', ['requests/__init__.py']), [], "the project's own package");
  assert.deepEqual(shadows('psycopg2-binary', ['psycopg2/__init__.py']), [], 'a popular project is not checked');
});
