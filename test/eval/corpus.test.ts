// The acceptance measure of issue 4: over the labelled corpus and the real benign packages, recall (malicious at
// high or above) must be at least 95% and false positives (benign at medium or above) zero. Needs fixtures/real-index.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  evaluateCorpus,
  formatEvaluation,
  MAX_FALSE_POSITIVES,
  RECALL_THRESHOLD,
} from '../../scripts/lib/evaluate-corpus.ts';

test('recall ≥ 95% on the malware corpus and no false positive on the real packages', {
  timeout: 15 * 60_000,
}, async () => {
  const result = await evaluateCorpus();
  const table = formatEvaluation(result);
  assert.ok(result.benign > 0, `no benign packages evaluated:\n${result.notes.join('\n')}`);
  assert.ok(result.malicious >= 60, `only ${result.malicious} malicious distributions`);
  assert.equal(result.rows.filter((r) => r.error).length, 0, `analysis errors:\n${table}`);
  assert.ok(result.recall >= RECALL_THRESHOLD, `recall ${(result.recall * 100).toFixed(1)}%:\n${table}`);
  assert.ok(result.falsePositives <= MAX_FALSE_POSITIVES, `${result.falsePositives} false positives:\n${table}`);
});
