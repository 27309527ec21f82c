// Machine code run from memory (shellcode loaders, process injection), on inert imitations: the bytes are NOPs and a
// return, never run. A ctypes callback made from a Python function, or a plain mmap, is no loader.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';

before(() => initAnalysis());

function loader(source: string): Finding | undefined {
  return analyzePythonFile('demo/mod.py', new TextEncoder().encode(source))[0].findings.find(
    (f) => f.rule === 'shellcode-loader',
  );
}

const NOPS = `b"${'\\x90'.repeat(16)}\\xc3"`;

test('VirtualAlloc then CreateThread with machine code written in the file is high; on import, critical', () => {
  const body = [
    `    buf = ${NOPS}`,
    '    k = ctypes.windll.kernel32',
    '    p = k.VirtualAlloc(0, len(buf), 0x3000, 0x40)',
    '    k.RtlMoveMemory(p, buf, len(buf))',
    '    k.CreateThread(0, 0, p, 0, 0, 0)',
  ].join('\n');
  assert.equal(loader(`import ctypes\ndef run():\n${body}\n`)?.severity, 'high');
  assert.equal(loader(`import ctypes\nif True:\n${body}\n`)?.severity, 'critical');
});

test('writing into another process and starting a thread there is injection', () => {
  const found = loader(
    [
      'import ctypes',
      'def inject(pid, code):',
      '    k = ctypes.windll.kernel32',
      '    h = k.OpenProcess(0x1F0FFF, False, pid)',
      '    p = k.VirtualAllocEx(h, 0, len(code), 0x3000, 0x40)',
      '    k.WriteProcessMemory(h, p, code, len(code), 0)',
      '    k.CreateRemoteThread(h, None, 0, p, None, 0, None)',
      '',
    ].join('\n'),
  );
  assert.equal(found?.severity, 'medium', 'a memory editor does this when its user asks');
  assert.match(found?.message ?? '', /another process/);
});

test('an executable mmap called through a ctypes prototype is a loader; a callback or a plain mmap is not', () => {
  const run = [
    'import ctypes, mmap',
    'def run(code):',
    '    m = mmap.mmap(-1, len(code), prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)',
    '    m.write(code)',
    '    return ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(m)))()',
    '',
  ].join('\n');
  assert.equal(loader(run)?.severity, 'medium');
  const callback = [
    'import ctypes, mmap',
    'CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)',
    'def inc(x):',
    '    return x + 1',
    'handler = CB(inc)',
    'buffer = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE)',
    '',
  ].join('\n');
  assert.equal(loader(callback), undefined);
});
