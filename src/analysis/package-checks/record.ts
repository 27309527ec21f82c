// Wheel RECORD integrity: every member listed, with a digest and size that match the bytes (wheel spec, "The RECORD file").
// RECORD itself and its signatures (RECORD.jws, RECORD.p7s) are exempt from hashing.

import { createHash } from 'node:crypto';
import { type ArchiveEntry, hasBytes, type OpenedArchive } from '../../model/entries.ts';
import type { Finding } from '../../model/result.ts';
import { targetFinding } from './target-finding.ts';
import { withoutPadding } from '../decode/text-codecs.ts';

interface RecordRow {
  path: string;
  hash: string;
  size: string;
  line: string;
}

/** One CSV line (RFC 4180 quoting, as Python's csv module writes RECORD). */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

export function parseRecord(text: string): RecordRow[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [path = '', hash = '', size = ''] = parseCsvLine(line);
      return { path, hash, size, line };
    });
}

const HASHES: Record<string, string> = { sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
const WEAK_HASHES = new Set(['md5', 'sha1', 'sha224']);

function isExempt(path: string, distInfo: string): boolean {
  return path === `${distInfo}/RECORD` || path === `${distInfo}/RECORD.jws` || path === `${distInfo}/RECORD.p7s`;
}

/** The single `*.dist-info/` folder at the wheel's root that holds a RECORD, or null. */
export function findDistInfo(opened: OpenedArchive): string | null {
  const candidates = opened.entries
    .map((e) => /^([^/]+\.dist-info)\/RECORD$/.exec(e.path)?.[1])
    .filter((name): name is string => name !== undefined);
  return candidates.length === 1 ? candidates[0] : null;
}

/** The member's digest (base64url), the one its reader took when it has it (a large zip's member: not inflated again). */
function digest(algorithm: string, entry: ArchiveEntry): string {
  if (algorithm === 'sha256' && entry.sha256 !== undefined)
    return Buffer.from(entry.sha256, 'hex').toString('base64url');
  return createHash(algorithm).update(entry.data!).digest('base64url');
}

function checkRow(row: RecordRow, entry: ArchiveEntry): Finding | null {
  if (!hasBytes(entry)) return null; // unread (limits): the archive problem already says so
  const separator = row.hash.indexOf('=');
  const algorithm = separator > 0 ? row.hash.slice(0, separator).toLowerCase() : '';
  const expected = separator > 0 ? withoutPadding(row.hash.slice(separator + 1)) : '';
  const base = { path: row.path, code: row.line, capability: 'obfuscation' as const };
  if (row.hash === '') {
    return targetFinding({
      ...base,
      rule: 'pkg-record-no-hash',
      severity: 'medium',
      message: `RECORD lists ${row.path} without a hash`,
    });
  }
  if (WEAK_HASHES.has(algorithm) || HASHES[algorithm] === undefined) {
    return targetFinding({
      ...base,
      rule: 'pkg-record-weak-hash',
      severity: 'low',
      message: `RECORD uses ${algorithm || 'an unknown'} hash for ${row.path}; the wheel spec requires sha256 or stronger`,
    });
  }
  const actual = digest(HASHES[algorithm], entry);
  if (actual !== expected) {
    return targetFinding({
      ...base,
      rule: 'pkg-record-mismatch',
      severity: 'high',
      message: `${row.path} does not match its RECORD ${algorithm} digest: the file was changed after the wheel was built`,
    });
  }
  // a member's head is the reader's, whose bytes were checked to be as long as it says
  const length = entry.head ? entry.size : entry.data!.length;
  if (row.size !== '' && Number(row.size) !== length) {
    return targetFinding({
      ...base,
      rule: 'pkg-record-mismatch',
      severity: 'high',
      message: `${row.path} is ${length} bytes but RECORD says ${row.size}`,
    });
  }
  return null;
}

/** RECORD findings for a wheel: missing RECORD, mismatched digests or sizes, unlisted members, listed members that are absent. */
export function checkRecord(opened: OpenedArchive): Finding[] {
  const distInfo = findDistInfo(opened);
  if (distInfo === null) {
    return [
      targetFinding({
        rule: 'pkg-record-missing',
        severity: 'medium',
        message:
          'the wheel has no single *.dist-info/RECORD, so its contents cannot be checked (installers refuse such wheels)',
      }),
    ];
  }
  const files = new Map(opened.entries.filter((e) => e.type === 'file').map((e) => [e.path, e]));
  const record = files.get(`${distInfo}/RECORD`);
  const text = record?.data; // read once: a large zip's member is inflated on each read
  const rows = text ? parseRecord(Buffer.from(text).toString('utf8')) : [];
  const findings: Finding[] = [];
  const listed = new Set<string>();
  for (const row of rows) {
    listed.add(row.path);
    if (isExempt(row.path, distInfo)) continue;
    const entry = files.get(row.path);
    if (entry === undefined) {
      findings.push(
        targetFinding({
          rule: 'pkg-record-absent',
          severity: 'low',
          path: row.path,
          code: row.line,
          message: `RECORD lists ${row.path}, which the wheel does not contain`,
        }),
      );
      continue;
    }
    const problem = checkRow(row, entry);
    if (problem !== null) findings.push(problem);
  }
  for (const path of files.keys()) {
    if (listed.has(path) || isExempt(path, distInfo)) continue;
    findings.push(
      targetFinding({
        rule: 'pkg-record-unlisted',
        severity: 'medium',
        path,
        capability: 'obfuscation',
        message: `${path} is in the wheel but not in RECORD: it was added after the wheel was built, or hidden from uninstall`,
      }),
    );
  }
  return findings;
}
