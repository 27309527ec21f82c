// The labelled malware corpus: reads the inert samples under fixtures/malware/<id>/ (sample.json, src/, sdist/) into
// distribution specs, and the paths where the built corpus lives. Used by scripts/build-corpus.ts, scripts/eval.ts and tests.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DistSpec } from './build-dist.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMPLES_DIR = path.join(REPO_ROOT, 'fixtures', 'malware');
export const CORPUS_DIR = path.join(REPO_ROOT, 'fixtures', 'corpus');
export const LABELS_FILE = path.join(CORPUS_DIR, 'labels.json');

export type Packaging = 'wheel' | 'sdist' | 'both';

export interface SampleInfo {
  id: string;
  family: string;
  description: string;
  modelledOn: string;
  expected: 'malicious' | 'benign';
  packaging: Packaging;
  name: string;
  version: string;
  summary?: string;
  author?: string;
  authorEmail?: string;
  homePage?: string;
  tag?: string;
  requiresDist?: string[];
  entryPoints?: string;
}

export interface Sample {
  info: SampleInfo;
  /** Package files (wheel root, and below the sdist's top folder). */
  files: Record<string, Uint8Array>;
  /** Files only the sdist holds (setup.py, pyproject.toml). */
  sdistFiles: Record<string, Uint8Array>;
}

/** One built file of the corpus, as labels.json lists it. */
export interface CorpusLabel {
  /** Path relative to fixtures/corpus/. */
  file: string;
  sample: string;
  family: string;
  expected: 'malicious' | 'benign';
  kind: 'wheel' | 'sdist';
  name: string;
  version: string;
  sha256: string;
}

const REQUIRED: (keyof SampleInfo)[] = [
  'id',
  'family',
  'description',
  'modelledOn',
  'expected',
  'packaging',
  'name',
  'version',
];

function readTree(root: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const rel = prefix === '' ? name : `${prefix}/${name}`;
      if (statSync(full).isDirectory()) walk(full, rel);
      else files[rel] = new Uint8Array(readFileSync(full));
    }
  };
  try {
    walk(root, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return files;
}

/** Reads one sample folder; throws with the sample id when sample.json is incomplete. */
export function readSample(dir: string): Sample {
  const info = JSON.parse(readFileSync(path.join(dir, 'sample.json'), 'utf8')) as SampleInfo;
  const missing = REQUIRED.filter((key) => info[key] === undefined || info[key] === '');
  if (missing.length > 0) throw new Error(`${path.basename(dir)}/sample.json lacks ${missing.join(', ')}`);
  if (info.id !== path.basename(dir)) throw new Error(`${path.basename(dir)}/sample.json has id ${info.id}`);
  return { info, files: readTree(path.join(dir, 'src')), sdistFiles: readTree(path.join(dir, 'sdist')) };
}

export function readSamples(root = SAMPLES_DIR): Sample[] {
  return readdirSync(root)
    .filter((name) => statSync(path.join(root, name)).isDirectory())
    .sort()
    .map((name) => readSample(path.join(root, name)));
}

function pyprojectFor(info: SampleInfo): string {
  return `[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "${info.name}"\nversion = "${info.version}"\n`;
}

/** The builder's spec for a sample; an sdist without setup.py or pyproject.toml gets a plain pyproject.toml. */
export function specOf(sample: Sample): DistSpec {
  const { info } = sample;
  const sdistFiles = { ...sample.sdistFiles };
  if (!('setup.py' in sdistFiles) && !('pyproject.toml' in sdistFiles))
    sdistFiles['pyproject.toml'] = new TextEncoder().encode(pyprojectFor(info));
  const spec: DistSpec = { name: info.name, version: info.version, files: sample.files, sdistExtraFiles: sdistFiles };
  if (info.summary !== undefined) spec.summary = info.summary;
  if (info.author !== undefined) spec.author = info.author;
  if (info.authorEmail !== undefined) spec.authorEmail = info.authorEmail;
  if (info.homePage !== undefined) spec.homePage = info.homePage;
  if (info.tag !== undefined) spec.tag = info.tag;
  if (info.requiresDist !== undefined) spec.requiresDist = info.requiresDist;
  if (info.entryPoints !== undefined) spec.entryPoints = info.entryPoints;
  return spec;
}

export function readLabels(file = LABELS_FILE): CorpusLabel[] {
  return JSON.parse(readFileSync(file, 'utf8')) as CorpusLabel[];
}
