// Install-time code writing into the user's home folder (markers of install-time code execution, pranks, droppers),
// next to a build that writes into its own tree.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';

before(() => initAnalysis());

const setupFindings = (source: string) =>
  analyzePythonFile('demo-1.0/setup.py', new TextEncoder().encode(source), { role: 'setup' })[0].findings;
const hook = (body: string) =>
  `import os\nfrom setuptools import setup\nfrom setuptools.command.install import install\nclass Hook(install):\n    def run(self):\n${body
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n')}\n        install.run(self)\nsetup(name="demo", cmdclass={"install": Hook})\n`;

test('an install hook that writes a file in the home folder, on the Desktop or in APPDATA is high', () => {
  for (const body of [
    'open(os.path.join(os.path.expanduser("~"), "marker.txt"), "w").write("x")',
    'os.mkdir(f"C:\\\\Users\\\\{os.getlogin()}\\\\Desktop\\\\tools")',
    'home = os.environ["HOME"]\nwith open(home + "/.marker", "a") as f:\n    f.write("x")',
    'import pathlib\npathlib.Path(os.path.expanduser("~/marker.txt")).write_text("x")',
    'import pathlib\npathlib.Path.home().joinpath("Desktop", "tools").mkdir()',
    'folder = os.getenv("APPDATA")\nwith open(folder + "\\\\Helper\\\\background.js", "w+") as f:\n    f.write("x")',
    'os.makedirs(os.path.join(os.environ["LOCALAPPDATA"], "Helper"))',
  ]) {
    const found = setupFindings(hook(body)).find((f) => f.rule === 'install-writes-home');
    assert.equal(found?.severity, 'high', body);
  }
});

test('writing into the build tree, or reading the home folder, is not', () => {
  for (const body of [
    'open(os.path.join("build", "version.py"), "w").write("V = 1")',
    'print(open(os.path.expanduser("~/.pydistutils.cfg")).read())',
  ])
    assert.equal(
      setupFindings(hook(body)).find((f) => f.rule === 'install-writes-home'),
      undefined,
      body,
    );
});
