// Packages every inert sample under fixtures/malware/ as a real wheel and/or sdist into fixtures/corpus/malicious/,
// and writes fixtures/corpus/labels.json. Deterministic: rerunning it gives the same bytes. Usage: node --import tsx scripts/build-corpus.ts

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSdist, buildWheel, type BuiltDist } from './lib/build-dist.ts';
import { CORPUS_DIR, LABELS_FILE, readSamples, specOf, type CorpusLabel, type Sample } from './lib/corpus.ts';

const MALICIOUS_DIR = path.join(CORPUS_DIR, 'malicious');

/** The distributions of one sample, as its `packaging` asks. */
export function buildSample(sample: Sample): { kind: 'wheel' | 'sdist'; dist: BuiltDist }[] {
  const spec = specOf(sample);
  const out: { kind: 'wheel' | 'sdist'; dist: BuiltDist }[] = [];
  if (sample.info.packaging !== 'sdist') out.push({ kind: 'wheel', dist: buildWheel(spec) });
  if (sample.info.packaging !== 'wheel') out.push({ kind: 'sdist', dist: buildSdist(spec) });
  return out;
}

export function buildCorpus(): CorpusLabel[] {
  rmSync(MALICIOUS_DIR, { recursive: true, force: true });
  mkdirSync(MALICIOUS_DIR, { recursive: true });
  const labels: CorpusLabel[] = [];
  const seen = new Set<string>();
  for (const sample of readSamples()) {
    for (const { kind, dist } of buildSample(sample)) {
      if (seen.has(dist.filename)) throw new Error(`two samples build ${dist.filename}`);
      seen.add(dist.filename);
      writeFileSync(path.join(MALICIOUS_DIR, dist.filename), dist.bytes);
      labels.push({
        file: `malicious/${dist.filename}`,
        sample: sample.info.id,
        family: sample.info.family,
        expected: sample.info.expected,
        kind,
        name: sample.info.name,
        version: sample.info.version,
        sha256: createHash('sha256').update(dist.bytes).digest('hex'),
      });
    }
  }
  writeFileSync(LABELS_FILE, JSON.stringify(labels, null, 2) + '\n');
  return labels;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const labels = buildCorpus();
  const samples = new Set(labels.map((l) => l.sample)).size;
  console.log(
    `built ${labels.length} distributions from ${samples} samples into ${path.relative(process.cwd(), MALICIOUS_DIR)} (${readdirSync(MALICIOUS_DIR).length} files)`,
  );
}
