// Wipers and system-file tampering written in Python, each on an inert imitation (reserved addresses only, never
// run), next to the everyday deletions and writes they must not be confused with.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/__init__.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
const severityOf = (source: string, rule: string) => findings(source).find((f) => f.rule === rule)?.severity;

test('deleting the home folder, a document folder or a system folder is a wiper: critical on import', () => {
  for (const wipe of [
    'shutil.rmtree(os.path.expanduser("~"), ignore_errors=True)',
    'shutil.rmtree(pathlib.Path.home() / "Documents")',
    'shutil.rmtree(os.environ["HOME"])',
    'shutil.rmtree("C:\\\\Users")',
    'pathlib.Path("/etc").rmdir()',
    '[os.remove(os.path.join(r, f)) for r, _, fs in os.walk(os.path.expanduser("~/Documents")) for f in fs]',
    'for root, _, files in os.walk("/home"):\n    for f in files:\n        os.unlink(os.path.join(root, f))',
    'for p in pathlib.Path.home().rglob("*"):\n    p.unlink()',
  ]) {
    assert.equal(severityOf(`import os, shutil, pathlib\n${wipe}\n`, 'wipes-files'), 'critical', wipe);
  }
  const called = 'import os, shutil\ndef clean():\n    shutil.rmtree(os.path.expanduser("~"))\n';
  assert.equal(severityOf(called, 'wipes-files'), 'high');
  const crash =
    'import ctypes\nctypes.windll.ntdll.NtRaiseHardError(0xC0000022, 0, 0, 0, 6, ctypes.byref(ctypes.c_uint()))\n';
  assert.equal(severityOf(crash, 'wipes-files'), 'critical');
});

test('deleting a cache, build or temporary folder, or a path given at run time, is not a wiper', () => {
  for (const clean of [
    'shutil.rmtree(os.path.expanduser("~/.cache/demo"))',
    'shutil.rmtree("build")',
    'shutil.rmtree(tempfile.mkdtemp())',
    'def rm(path):\n    shutil.rmtree(path)',
    'for root, _, files in os.walk("dist"):\n    for f in files:\n        os.remove(os.path.join(root, f))',
    'os.remove(os.path.join(os.path.expanduser("~"), ".demo.lock"))',
    // Path joins its parts: ~/table, not ~ (astropy's tests write there with HOME set to a temporary folder)
    'os.remove(pathlib.Path("~", "table"))',
  ]) {
    assert.equal(severityOf(`import os, shutil, tempfile, pathlib\n${clean}\n`, 'wipes-files'), undefined, clean);
  }
});

test('writing the hosts file, authorized_keys or a .pth file is tampering: critical on import, less when called', () => {
  for (const write of [
    'open("/etc/hosts", "a").write("192.0.2.9 pypi.org\\n")',
    'open(os.path.expanduser("~/.ssh/authorized_keys"), "a").write("ssh-ed25519 AAAA demo\\n")',
    'open(os.path.join(site.getsitepackages()[0], "zz.pth"), "w").write("import demo\\n")',
    'shutil.copy("payload.py", os.path.join(site.getusersitepackages(), "sitecustomize.py"))',
    'pathlib.Path("C:/Windows/System32/drivers/etc/hosts").write_text("192.0.2.9 pypi.org")',
  ]) {
    assert.equal(severityOf(`import os, shutil, site, pathlib\n${write}\n`, 'tampers-system-files'), 'critical', write);
  }
  const tool = 'def add_host(name):\n    with open("/etc/hosts", "a") as f:\n        f.write(f"192.0.2.9 {name}\\n")\n';
  assert.equal(severityOf(tool, 'tampers-system-files'), 'medium');
  const installer =
    'import os\ndef install(site_dir):\n    open(os.path.join(site_dir, "demo.pth"), "w").write("/opt/demo\\n")\n';
  assert.equal(severityOf(installer, 'tampers-system-files'), 'low');
  // reading them is not writing
  assert.equal(severityOf('hosts = open("/etc/hosts").read()\n', 'tampers-system-files'), undefined);
});
