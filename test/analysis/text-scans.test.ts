// The shortcuts the rules take over text, against what they stand for: word counts (src/analysis/word-counts.ts)
// against splitting the text with /[A-Za-z_][A-Za-z0-9_]*/g, and the union of indicator patterns
// (src/analysis/pattern-union.ts) against testing each pattern, on real indicator lists and on patterns that cannot
// join an alternation (back-references, stateful flags, clashing group names).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PERSISTENCE_PATTERNS } from '../../src/analysis/indicators/persistence.ts';
import { KEY_PATTERNS } from '../../src/analysis/indicators/secrets.ts';
import { CREDENTIAL_PATHS } from '../../src/analysis/indicators/sources.ts';
import { anyPatternTest } from '../../src/analysis/pattern-union.ts';
import { wordCounter } from '../../src/analysis/word-counts.ts';

const TRICKY = [
  'x = 1\nx2 = x + 12x + x_ + _x\nprint(x, 3x, x3, éx, xé)\n',
  'TOKEN = "abc"\n# TOKEN in a comment, 9TOKEN, TOKEN9, _TOKEN, TOKEN_\nsend(TOKEN)\n',
  '',
  'a',
];

function regexCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

describe('word counts', () => {
  test('match the regex split, for names counted one by one and after the whole text is counted', () => {
    const source = readFileSync(new URL('../../src/analysis/flow.ts', import.meta.url), 'utf8');
    for (const text of [...TRICKY, source]) {
      const expected = regexCounts(text);
      const names = [...expected.keys(), 'x', 'TOKEN', '9x', 'é', 'éx', '', 'not_there'];
      const count = wordCounter(text);
      for (const name of names) assert.equal(count(name), expected.get(name) ?? 0, `${JSON.stringify(name)} in text`);
    }
  });
});

describe('pattern union', () => {
  const patterns = [
    ...KEY_PATTERNS.map((key) => key.pattern),
    ...CREDENTIAL_PATHS.map(({ pattern }) => pattern),
    ...PERSISTENCE_PATTERNS.map(({ pattern }) => pattern),
  ];
  const samples = [
    '~/.aws/credentials',
    'C:\\Users\\x\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup',
    'AKIAABCDEFGHIJKLMNOP',
    'hello world',
    '/etc/passwd',
    'crontab -l',
    'https://example.invalid/x',
    '',
  ];

  test('answers as testing every indicator pattern does', () => {
    const test = anyPatternTest(patterns);
    for (const sample of samples)
      assert.equal(
        test(sample),
        patterns.some((pattern) => pattern.test(sample)),
        sample,
      );
  });

  test('keeps patterns with back-references, stateful flags or clashing group names apart', () => {
    const odd = [/(ab)\1/, /(?<q>['"])x\k<q>/, /(?<q>y)/, /(?<q>z)z/i, /(?<q>w)w/i, /g+/g];
    const test = anyPatternTest(odd);
    for (const [sample, expected] of [
      ['abab', true],
      ['"x"', true],
      ['"x\'', false],
      ['y', true],
      ['ZZ', true],
      ['Ww', true],
      ['gg', true],
      ['ab', false],
    ] as const) {
      assert.equal(test(sample), expected, sample);
      // the global pattern is tested itself, so it moves its own lastIndex as pattern.test does
      for (const pattern of odd) pattern.lastIndex = 0;
    }
  });
});
