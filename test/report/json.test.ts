// The JSON presenter and schemas/result.schema.json: stable output, and a schema that matches the result type.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  CAPABILITIES,
  CONTEXT_AFTER,
  CONTEXT_BEFORE,
  CONTEXT_LINE_MAX,
  RISK_LEVELS,
  SEVERITIES,
  TRIGGERS,
} from '../../src/model/result.ts';
import { renderJson } from '../../src/report/json.ts';
import { hostileResult } from './fixtures/hostile-result.ts';
import { sampleResult } from './fixtures/sample-result.ts';
import { syntheticResult } from './fixtures/synthetic-result.ts';
import { validateResult } from './validate.ts';

const schema = JSON.parse(readFileSync(new URL('../../schemas/result.schema.json', import.meta.url), 'utf8'));

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

test('renderJson: 2-space indent, trailing newline, schemaVersion first, round-trips', () => {
  const text = renderJson(sampleResult());
  assert.ok(text.endsWith('}\n'));
  assert.ok(text.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "pyguard",'));
  assert.deepEqual(JSON.parse(text), sampleResult());
  assert.equal(renderJson(JSON.parse(text)), text);
});

test('renderJson: key order does not depend on the order the engine built the objects in', () => {
  const result = sampleResult();
  assert.equal(renderJson(reverseKeys(result) as typeof result), renderJson(result));
  const finding = JSON.parse(renderJson(result)).targets.at(-1).files[1].findings[0];
  assert.deepEqual(Object.keys(finding), [
    'rule',
    'severity',
    'line',
    'column',
    'message',
    'code',
    'context',
    'capability',
    'trigger',
    'destination',
    'flow',
  ]);
  assert.deepEqual(Object.keys(finding.context), ['startLine', 'lines']);
});

test("a finding's context lines survive the JSON round trip and are bounded by the schema", () => {
  const result = sampleResult();
  const text = renderJson(result);
  const back = JSON.parse(text) as typeof result;
  const finding = back.targets.at(-1)!.files[1].findings[0];
  const written = result.targets.at(-1)!.files[1].findings[0].context;
  assert.equal(written?.lines.length, 6, 'the fixture finding carries six context lines');
  assert.deepEqual(finding.context, written);
  assert.deepEqual(back, result);
  assert.deepEqual(validateResult(back), []);
  const context = schema.definitions.codeContext.properties;
  assert.equal(context.lines.maxItems, CONTEXT_BEFORE + CONTEXT_AFTER + 1);
  assert.equal(context.lines.items.maxLength, CONTEXT_LINE_MAX);
  finding.context!.lines.push('x'.repeat(CONTEXT_LINE_MAX + 1));
  assert.notDeepEqual(validateResult(back), [], 'a line over the bound is rejected');
});

test('renderJson: drops undefined optional fields', () => {
  const result = sampleResult();
  result.targets[0].url = undefined;
  assert.ok(!('url' in JSON.parse(renderJson(result)).targets[0]));
});

test('schema: sample, hostile and synthetic results are valid', () => {
  for (const result of [sampleResult(), hostileResult(), syntheticResult()]) {
    assert.deepEqual(validateResult(JSON.parse(renderJson(result))), []);
  }
});

test('schema: enums are exactly the ones of src/model/result.ts', () => {
  const d = schema.definitions;
  assert.deepEqual(d.severity.enum, [...SEVERITIES]);
  assert.deepEqual(d.risk.enum, [...RISK_LEVELS]);
  assert.deepEqual(d.capability.enum, [...CAPABILITIES]);
  assert.deepEqual(d.trigger.enum, [...TRIGGERS]);
  assert.deepEqual(Object.keys(d.summary.properties.byRisk.properties), [...RISK_LEVELS]);
  assert.deepEqual(Object.keys(d.summary.properties.bySeverity.properties), [...SEVERITIES]);
});

test('schema: rejects unknown severities, extra properties, missing fields and other schema versions', () => {
  const bad = (edit: (r: any) => void): string[] => {
    const r: any = sampleResult();
    edit(r);
    return validateResult(r);
  };
  assert.notDeepEqual(
    bad((r) => {
      r.targets[1].files[1].findings[0].severity = 'severe';
    }),
    [],
  );
  assert.notDeepEqual(
    bad((r) => {
      r.targets[0].extra = 1;
    }),
    [],
  );
  assert.notDeepEqual(
    bad((r) => {
      delete r.summary.byRisk.none;
    }),
    [],
  );
  assert.notDeepEqual(
    bad((r) => {
      delete r.targets[0].files[0].findings;
    }),
    [],
  );
  assert.notDeepEqual(
    bad((r) => {
      r.schemaVersion = 2;
    }),
    [],
  );
  assert.notDeepEqual(
    bad((r) => {
      r.targets[0].capabilities = ['teleport'];
    }),
    [],
  );
  assert.notDeepEqual(
    bad((r) => {
      r.createdAt = 'yesterday';
    }),
    [],
  );
});
