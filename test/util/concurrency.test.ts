// The bounded-concurrency helper: results in input order, never more than the limit in flight, first failure rejects.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapWithConcurrency } from '../../src/util/concurrency.ts';

test('mapWithConcurrency keeps order and never runs more than the limit at once', async () => {
  let running = 0;
  let peak = 0;
  const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n, i) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, n));
    running--;
    return `${i}:${n}`;
  });
  assert.deepEqual(results, ['0:5', '1:1', '2:4', '3:2', '4:3', '5:0']);
  assert.equal(peak, 2);
  await assert.rejects(
    mapWithConcurrency([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('two');
      return n;
    }),
    /two/,
  );
});
