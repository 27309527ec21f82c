// The labelled corpus itself: enough samples, complete labels, committed archives that match a fresh build and open
// cleanly, and every sample inert (reserved hosts and 192.0.2.0/24 only, also inside encoded payloads).

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { decodeChain, isDecodeFailure, looksEncoded } from '../../src/analysis/decode/index.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { buildSample } from '../../scripts/build-corpus.ts';
import { CORPUS_DIR, readLabels, readSamples } from '../../scripts/lib/corpus.ts';

const samples = readSamples();
const labels = readLabels();

test('at least 60 malicious samples over many families, each with a complete sample.json', () => {
  assert.ok(samples.length >= 60, `${samples.length} samples`);
  assert.ok(new Set(samples.map((s) => s.info.family)).size >= 15);
  for (const { info, files } of samples) {
    assert.equal(info.expected, 'malicious', info.id);
    assert.ok(['wheel', 'sdist', 'both'].includes(info.packaging), info.id);
    assert.ok(info.description.length > 20 && info.modelledOn.length > 10, info.id);
    assert.ok(Object.keys(files).length > 0, `${info.id} has package files`);
  }
});

test('labels.json lists every built distribution, and the committed archives are byte-identical to a fresh build', () => {
  const expected = samples.flatMap((sample) =>
    buildSample(sample).map(({ dist }) => ({ sample: sample.info.id, dist })),
  );
  assert.equal(labels.length, expected.length);
  const byFile = new Map(labels.map((l) => [path.basename(l.file), l]));
  for (const { sample, dist } of expected) {
    const label = byFile.get(dist.filename);
    assert.ok(label, `${dist.filename} is labelled`);
    assert.equal(label.sample, sample);
    const committed = readFileSync(path.join(CORPUS_DIR, label.file));
    assert.equal(
      createHash('sha256').update(committed).digest('hex'),
      createHash('sha256').update(dist.bytes).digest('hex'),
      `${dist.filename} is stale: run scripts/build-corpus.ts`,
    );
    assert.equal(label.sha256, createHash('sha256').update(committed).digest('hex'));
  }
  assert.equal(readdirSync(path.join(CORPUS_DIR, 'malicious')).length, labels.length, 'no unlabelled files');
});

test('every corpus archive opens without problems', async () => {
  for (const label of labels) {
    const opened = await openArchive(
      new Uint8Array(readFileSync(path.join(CORPUS_DIR, label.file))),
      path.basename(label.file),
    );
    assert.equal(opened.fatal, undefined, label.file);
    assert.deepEqual(opened.problems, [], label.file);
    assert.ok(
      opened.entries.some((e) => e.path.endsWith('.py')),
      label.file,
    );
  }
});

const URL_HOST = /\b(?:https?|wss?|ftp):\/\/([^/\s"'`:?#)]+)/g;
const IPV4 = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/g;
const STRING_LITERAL = /(["'])([A-Za-z0-9+/=_\-!#$%&()*;<>?@^`{|}~]{24,})\1/g;

function reservedProblems(text: string): string[] {
  const problems: string[] = [];
  for (const [, host] of text.matchAll(URL_HOST)) {
    if (!/\.(invalid|example)$/.test(host) && !host.startsWith('192.0.2.')) problems.push(`host ${host}`);
  }
  for (const [, ip] of text.matchAll(IPV4)) if (!ip.startsWith('192.0.2.')) problems.push(`ip ${ip}`);
  return problems;
}

test('samples are inert: only .invalid/.example hosts and 192.0.2.0/24, in plain text and in decoded payloads', async () => {
  let decodedPayloads = 0;
  for (const { info, files, sdistFiles } of samples) {
    for (const [file, bytes] of Object.entries({ ...files, ...sdistFiles })) {
      const text = Buffer.from(bytes).toString('latin1');
      assert.deepEqual(reservedProblems(text), [], `${info.id}/${file}`);
      for (const [, , literal] of text.matchAll(STRING_LITERAL)) {
        if (looksEncoded(literal) === null) continue;
        const decoded = await decodeChain(literal);
        if (isDecodeFailure(decoded) || decoded.text === undefined) continue;
        decodedPayloads++;
        assert.deepEqual(reservedProblems(decoded.text), [], `${info.id}/${file} decoded ${decoded.chain.join('>')}`);
      }
    }
  }
  assert.ok(decodedPayloads >= 8, `decoded ${decodedPayloads} payloads`);
});
