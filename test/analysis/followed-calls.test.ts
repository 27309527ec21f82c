// A followed call's result is given again only where computing it would have gone the same way: the memo of
// followed calls (src/analysis/followed-calls.ts) on its own, and through the analysis of files that follow the same
// helper with the same values from places that differ in what the helper reads around it.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import type { AbstractValue } from '../../src/analysis/evaluate.ts';
import { FollowedCalls, type FollowPlace } from '../../src/analysis/followed-calls.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';

const BOUNDS = { depth: 24, frames: 6, followedCalls: 100 };
const text = (value: string): AbstractValue => ({ paths: [], functions: [], text: value });
const noFrames = () => [];

/**
 * Follows function `fn` (given the text "x") at `place` through the memo: the computation reports what `reach` does,
 * follows `calls` calls (itself included) and returns the text `fn:result`. Gives the key it is remembered under.
 */
function follow(memo: FollowedCalls, fn: number, place: FollowPlace, reach = () => {}, calls = 1): string {
  const key = memo.key(fn, [text('x')], new Map())!;
  memo.follow(
    key,
    place,
    () => {
      reach();
      return text(`${fn}:result`);
    },
    () => place.followedCalls + calls,
  );
  return key;
}

describe('the memo of followed calls', () => {
  test('a result is given again for the same values, and the file count advances by the calls it followed', () => {
    const memo = new FollowedCalls(BOUNDS);
    const key = follow(memo, 7, { depth: 3, frames: 0, followedCalls: 10 }, undefined, 3);
    const again = memo.recall(key, { depth: 5, frames: 1, followedCalls: 40 }, noFrames);
    assert.equal(again?.value.text, '7:result');
    assert.equal(again?.followedCalls, 3);
    const other = memo.key(7, [text('y')], new Map())!;
    assert.equal(memo.recall(other, { depth: 3, frames: 0, followedCalls: 10 }, noFrames), undefined);
  });

  test('keys tell values apart whatever characters their texts and names hold', () => {
    const memo = new FollowedCalls(BOUNDS);
    const two = memo.key(1, [text('a'), text('b')], new Map());
    const one = memo.key(1, [text('a]|1:b')], new Map());
    const path = memo.key(1, [{ paths: ['a|-'], functions: [] }], new Map());
    const named = memo.key(1, [], new Map([['a', text('b')]]));
    assert.equal(new Set([two, one, path, named, memo.key(1, [text('|-')], new Map())]).size, 5);
    const long = memo.key(1, [text('x'.repeat(5000))], new Map());
    assert.equal(long, undefined, 'too long to key by: followed every time');
  });

  test('not given where its depth or nesting would pass the bounds, nor past the bound on followed calls', () => {
    const memo = new FollowedCalls(BOUNDS);
    const key = follow(memo, 2, { depth: 4, frames: 0, followedCalls: 0 }, () => {
      memo.noteDepth(14);
      memo.noteFrames(2);
    });
    assert.ok(memo.recall(key, { depth: 14, frames: 3, followedCalls: 98 }, noFrames));
    assert.equal(memo.recall(key, { depth: 15, frames: 0, followedCalls: 0 }, noFrames), undefined, 'would be cut');
    assert.equal(memo.recall(key, { depth: 4, frames: 4, followedCalls: 0 }, noFrames), undefined, 'too nested');
    assert.equal(memo.recall(key, { depth: 4, frames: 0, followedCalls: 99 }, noFrames), undefined, 'out of calls');
  });

  test('a result cut short by the depth bound is given only where it starts at the same depth and nesting', () => {
    const memo = new FollowedCalls(BOUNDS);
    const key = follow(memo, 3, { depth: 20, frames: 1, followedCalls: 0 }, () => memo.noteDepth(25));
    assert.equal(memo.recall(key, { depth: 20, frames: 1, followedCalls: 5 }, noFrames)?.value.text, '3:result');
    assert.equal(memo.recall(key, { depth: 19, frames: 1, followedCalls: 5 }, noFrames), undefined);
    assert.equal(memo.recall(key, { depth: 20, frames: 0, followedCalls: 5 }, noFrames), undefined);
  });

  test('a result that read an outer frame, decoded something or ran out of calls is not kept', () => {
    const memo = new FollowedCalls(BOUNDS);
    const place = { depth: 0, frames: 2, followedCalls: 0 };
    let fn = 0;
    const kept = (reach: () => void) => memo.recall(follow(memo, fn++, place, reach), place, noFrames) !== undefined;
    assert.equal(
      kept(() => memo.noteFrameRead(2)),
      true,
      'its own frame holds its key',
    );
    assert.equal(
      kept(() => memo.noteFrameRead(1)),
      false,
      'a frame around it',
    );
    assert.equal(
      kept(() => memo.noteDecoding()),
      false,
      'a decoding is recorded and spends the budget',
    );
    assert.equal(
      kept(() => memo.noteBoundHit()),
      false,
      'a call refused for the bound',
    );
  });

  test('a result that looked for a function among the frames is not given where that function is open', () => {
    const memo = new FollowedCalls(BOUNDS);
    const place = { depth: 0, frames: 1, followedCalls: 0 };
    const key = follow(memo, 4, place, () => memo.noteAbsent(9));
    assert.ok(memo.recall(key, place, () => [8]));
    assert.equal(
      memo.recall(key, place, () => [9]),
      undefined,
    );
  });

  test('a call around a remembered one is not given where a function the remembered one looked for is open', () => {
    const memo = new FollowedCalls(BOUNDS);
    const inner = follow(memo, 11, { depth: 2, frames: 1, followedCalls: 0 }, () => memo.noteAbsent(9));
    const outer = follow(memo, 10, { depth: 0, frames: 0, followedCalls: 1 }, () => {
      assert.ok(memo.recall(inner, { depth: 2, frames: 1, followedCalls: 2 }, () => [10]));
    });
    assert.ok(memo.recall(outer, { depth: 0, frames: 0, followedCalls: 3 }, noFrames));
    assert.equal(
      memo.recall(outer, { depth: 0, frames: 1, followedCalls: 3 }, () => [9]),
      undefined,
    );
  });

  test('what a nested call reached is the reach of the call around it', () => {
    const memo = new FollowedCalls(BOUNDS);
    const outer = follow(memo, 5, { depth: 0, frames: 0, followedCalls: 0 }, () => {
      follow(memo, 6, { depth: 2, frames: 1, followedCalls: 1 }, () => memo.noteDepth(30));
    });
    const place = { depth: 0, frames: 0, followedCalls: 0 };
    assert.equal(memo.recall(outer, place, noFrames)?.value.text, '5:result', 'cut, given at its place');
    assert.equal(memo.recall(outer, { ...place, depth: 1 }, noFrames), undefined);
  });
});

describe('followed calls in files', () => {
  before(() => initAnalysis());

  const hosts = (source: string): (string | undefined)[] =>
    analyzePythonFile('demo/mod.py', new TextEncoder().encode(source))[0]
      .findings.filter((finding: Finding) => finding.rule === 'egress-network-call')
      .map((finding) => finding.destination?.host);

  test('a helper followed with the same value inside different calls of its enclosing function reads each one', () => {
    const source = [
      'import requests',
      'def client(host):',
      '    def url(path):',
      '        return "https://" + host + path',
      '    return url("/collect")',
      'requests.post(client("one.example"), data="x")',
      'requests.post(client("two.example"), data="x")',
      'requests.post(client("one.example"), data="y")',
    ].join('\n');
    assert.deepEqual(hosts(source), ['one.example', 'two.example', 'one.example']);
  });

  test('a helper followed from many call sites with the same value folds the same at each', () => {
    const calls = Array.from({ length: 30 }, (_, index) => `requests.get(host("${index % 3}"))`);
    const source = ['import requests', 'def host(n):', '    return "https://h" + n + ".example/"', ...calls].join('\n');
    assert.deepEqual(
      hosts(source),
      Array.from({ length: 30 }, (_, index) => `h${index % 3}.example`),
    );
  });
});
