// Files encrypted in place (the shape of ransomware), on inert imitations that are never run: walking the home folder
// is high, a folder the user names is medium when called, and encrypting without removing the originals is no finding.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';

before(() => initAnalysis());

function encrypted(source: string): Finding | undefined {
  return analyzePythonFile('demo/mod.py', new TextEncoder().encode(source))[0].findings.find(
    (f) => f.rule === 'files-encrypted-in-place',
  );
}

const walker = (root: string, removes = true) =>
  [
    'import os',
    'from cryptography.fernet import Fernet',
    'def lock(folder=None):',
    '    f = Fernet(Fernet.generate_key())',
    `    for base, _, names in os.walk(${root}):`,
    '        for name in names:',
    '            p = os.path.join(base, name)',
    '            data = open(p, "rb").read()',
    '            open(p + ".locked", "wb").write(f.encrypt(data))',
    removes ? '            os.remove(p)' : '            pass',
    '',
  ].join('\n');

test('walking the home folder, encrypting and removing the originals is high; on import, critical', () => {
  assert.equal(encrypted(walker('os.path.expanduser("~")'))?.severity, 'high');
  assert.equal(encrypted(`${walker('os.path.expanduser("~")')}lock()\n`)?.severity, 'critical');
});

test('a folder the user names is medium when called, high with a ransom note', () => {
  assert.equal(encrypted(walker('folder'))?.severity, 'medium');
  const note = `${walker('folder')}NOTE = "Your files are encrypted. Pay in bitcoin to decrypt them."\n`;
  assert.equal(encrypted(note)?.severity, 'high');
});

test('encrypting copies and keeping the originals is no finding', () => {
  assert.equal(encrypted(walker('os.path.expanduser("~")', false)), undefined);
});
