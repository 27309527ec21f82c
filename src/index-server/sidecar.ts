// The optional `index.json` beside the served files: which files are yanked (and why), their upload times, and
// which ones get no PEP 658 `.metadata` file. Shape: { "yanked": {file: true|"reason"}, "uploadTime": {file: ISO}, "noMetadata": [file] }.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../util/errors.ts';

export const SIDECAR_NAME = 'index.json';

export interface Sidecar {
  yanked: Map<string, true | string>;
  uploadTime: Map<string, string>;
  noMetadata: Set<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `root/index.json`; an absent file means no settings, a malformed one is a UserError. */
export async function readSidecar(root: string): Promise<Sidecar> {
  const path = join(root, SIDECAR_NAME);
  const sidecar: Sidecar = { yanked: new Map(), uploadTime: new Map(), noMetadata: new Set() };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return sidecar;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(data)) throw new UserError(`${path}: expected a JSON object`);
  const { yanked = {}, uploadTime = {}, noMetadata = [] } = data;
  if (!isRecord(yanked) || !isRecord(uploadTime) || !Array.isArray(noMetadata)) {
    throw new UserError(`${path}: "yanked" and "uploadTime" must be objects, "noMetadata" an array`);
  }
  for (const [file, value] of Object.entries(yanked)) {
    if (value === true || (typeof value === 'string' && value !== '')) sidecar.yanked.set(file, value);
    else if (value !== false) throw new UserError(`${path}: yanked["${file}"] must be true, false or a reason`);
  }
  for (const [file, value] of Object.entries(uploadTime)) {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw new UserError(`${path}: uploadTime["${file}"] must be an ISO 8601 time`);
    }
    sidecar.uploadTime.set(file, new Date(value).toISOString());
  }
  for (const file of noMetadata) if (typeof file === 'string') sidecar.noMetadata.add(file);
  return sidecar;
}
