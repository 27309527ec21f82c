// Windows shortcut hijacking on inert imitations: existing browser shortcuts given --load-extension (the
// clipboard-swapping extension campaign of typo-named packages), other rewrites of existing shortcuts, and an
// installer making a new shortcut for its own program, which is not matched.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';

before(() => initAnalysis());

function hijack(source: string, path: string, role?: 'setup'): Finding | undefined {
  const reports = analyzePythonFile(path, new TextEncoder().encode(source), role ? { role } : {});
  return reports[0].findings.find((f) => f.rule === 'shortcut-hijack');
}

const SIDE_LOAD = [
  'import os',
  'from win32com.client import Dispatch',
  'def patch(folder):',
  '    shell = Dispatch("WScript.Shell")',
  '    for root, dirs, files in os.walk(os.path.expanduser("~\\\\Desktop")):',
  '        for name in files:',
  '            if name.endswith(".lnk"):',
  '                link = shell.CreateShortcut(root + "\\\\" + name)',
  '                if os.path.basename(link.TargetPath) in ["chrome.exe", "msedge.exe"]:',
  '                    link.Arguments = "--load-extension={0}".format(folder)',
  '                    link.Save()',
].join('\n');

test('browser shortcuts given --load-extension are high when called and critical at install', () => {
  const called = hijack(SIDE_LOAD, 'demo/links.py');
  assert.equal(called?.severity, 'high');
  assert.equal(called?.line, 10);
  assert.match(called?.message ?? '', /load-extension/);
  const installed = hijack(`${SIDE_LOAD}\npatch("C:\\\\ProgramData\\\\x")\n`, 'demo-1.0/setup.py', 'setup');
  assert.equal(installed?.severity, 'critical');
});

test('rewriting the target of shortcuts found by listing a folder is medium when called', () => {
  const source = [
    'import glob, win32com.client',
    'def retarget(exe):',
    '    shell = win32com.client.Dispatch("WScript.Shell")',
    '    for path in glob.glob("C:\\\\Users\\\\*\\\\Desktop\\\\*.lnk"):',
    '        link = shell.CreateShortcut(path)',
    '        link.TargetPath = exe',
    '        link.Save()',
  ].join('\n');
  assert.equal(hijack(source, 'demo/links.py')?.severity, 'medium');
});

test('an installer that makes a new shortcut for its own program is not a hijack', () => {
  const source = [
    'import os, sys',
    'from win32com.client import Dispatch',
    'def make_shortcut(desktop):',
    '    link = Dispatch("WScript.Shell").CreateShortcut(os.path.join(desktop, "Demo.lnk"))',
    '    link.TargetPath = sys.executable',
    '    link.Arguments = "-m demo"',
    '    link.Save()',
  ].join('\n');
  assert.equal(hijack(source, 'demo/install.py'), undefined);
});
