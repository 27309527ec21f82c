// The rule catalogue is complete and docs/rules.md is current: every rule id the source emits is documented in
// RULE_DOCS, and the committed docs/rules.md is exactly what scripts/gen-rules-doc.ts renders.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULE_DOCS } from '../../src/analysis/rules/rule-catalog.ts';
import { renderRulesDoc, RULES_DOC_PATH } from '../../scripts/gen-rules-doc.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
/** Archive problems: collector.problem('archive-...', ...), zip's unreadable(entry, collector, 'archive-...'), stopRule: '...'. */
const PROBLEM_CALL = /\b(?:problem\(\s*|unreadable\(\w+, \w+, |stopRule: )('[a-z0-9-]+'(?: \| '[a-z0-9-]+')*)/g;
/** `rule: 'id'` and `rule: cond ? 'a' : 'b'`; literals after === or !== are conditions, not ids. */
const RULE_FIELD = /\brule: ([^,;}\n]*)/g;
const RULE_LITERAL = /(?<![=!]==\s*)'([a-z0-9-]+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Rule ids emitted anywhere in src/, with the file that emits each (comments ignored). */
function emittedRuleIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    if (file.endsWith('rules/rule-catalog.ts') || file.endsWith('rules/target-rules.ts')) continue;
    const code = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
      .join('\n');
    for (const field of code.matchAll(RULE_FIELD))
      for (const literal of field[1].matchAll(RULE_LITERAL)) ids.set(literal[1], relative(SRC, file));
    for (const call of code.matchAll(PROBLEM_CALL))
      for (const literal of call[1].matchAll(RULE_LITERAL)) ids.set(literal[1], relative(SRC, file));
  }
  return ids;
}

describe('rule catalogue and docs/rules.md', () => {
  test('the source emits the rules of every family (the scan itself works)', () => {
    const ids = emittedRuleIds();
    for (const id of [
      'egress-network-call',
      'exfiltration',
      'silent-process',
      'process-spawn',
      'archive-bomb',
      'archive-limit',
      'archive-encrypted-entry',
      'archive-corrupt-entry',
      'archive-symlink',
      'archive-path-traversal',
      'archive-format-mismatch',
      'archive-unreadable',
      'pkg-record-mismatch',
      'meta-typosquat',
      'osv-known-malware',
    ]) {
      assert.ok(ids.has(id), `${id} found in src/`);
    }
  });

  test('every rule id emitted in src/ is documented in RULE_DOCS', () => {
    const documented = new Set(RULE_DOCS.map((rule) => rule.id));
    const missing = [...emittedRuleIds()].filter(([id]) => !documented.has(id)).map(([id, file]) => `${id} (${file})`);
    assert.deepEqual(missing, []);
  });

  test('rule ids are unique and every entry is filled in', () => {
    const ids = RULE_DOCS.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of RULE_DOCS) {
      for (const field of ['name', 'catches', 'example', 'falsePositives'] as const)
        assert.ok(rule[field].trim().length > 0, `${rule.id}.${field}`);
    }
  });

  test('docs/rules.md is what scripts/gen-rules-doc.ts renders (run it after changing a rule)', () => {
    assert.equal(readFileSync(RULES_DOC_PATH, 'utf8'), renderRulesDoc());
  });

  test('docs/rules.md has a section for every rule and the catalogues', () => {
    const doc = renderRulesDoc();
    for (const rule of RULE_DOCS) assert.ok(doc.includes(`### \`${rule.id}\`: ${rule.name}`), rule.id);
    for (const heading of [
      '### Network APIs',
      '### Telemetry and analytics SDKs',
      '### Processes and network tools',
      '### Hosts and destinations',
    ])
      assert.ok(doc.includes(heading), heading);
    assert.ok(
      doc.includes('`requests.post`') && doc.includes('`sentry_sdk.init`') && doc.includes('`discord-webhook`'),
    );
  });
});
