// Writes a wheel from given package files and .dist-info files kept verbatim: adds WHEEL and a RECORD with sha256
// digests, members sorted, zip bytes deterministic (scripts/lib/archive-writers.ts).

import { createHash } from 'node:crypto';
import { writeZip } from '../lib/archive-writers.ts';
import { wheelEscapedName } from '../lib/build-dist.ts';

export interface WheelContents {
  name: string;
  version: string;
  /** Default "py3-none-any". */
  tag?: string;
  /** Path inside the wheel (package files) → bytes. */
  files: Map<string, Uint8Array>;
  /** File name inside the .dist-info folder (METADATA, entry_points.txt, ...) → bytes; WHEEL and RECORD are written here. */
  distInfo: Map<string, Uint8Array>;
  /** The WHEEL file's Generator. */
  generator: string;
}

export interface WrittenWheel {
  filename: string;
  bytes: Uint8Array;
  /** Number of members, RECORD included. */
  members: number;
}

const encoder = new TextEncoder();

function recordLine(path: string, data: Uint8Array): string {
  const field = /[",\n]/.test(path) ? `"${path.replace(/"/g, '""')}"` : path;
  return `${field},sha256=${createHash('sha256').update(data).digest('base64url')},${data.length}`;
}

const byPath = ([a]: [string, Uint8Array], [b]: [string, Uint8Array]): number => (a < b ? -1 : a > b ? 1 : 0);

export function writeWheel(contents: WheelContents): WrittenWheel {
  const tag = contents.tag ?? 'py3-none-any';
  const stem = `${wheelEscapedName(contents.name)}-${contents.version.replace(/-/g, '_')}`;
  const distInfo = `${stem}.dist-info`;
  const wheelText =
    [
      'Wheel-Version: 1.0',
      `Generator: ${contents.generator}`,
      `Root-Is-Purelib: ${tag.endsWith('-none-any')}`,
      `Tag: ${tag}`,
    ].join('\n') + '\n';
  const meta = new Map(contents.distInfo);
  meta.set('WHEEL', encoder.encode(wheelText));
  const recorded: [string, Uint8Array][] = [
    ...[...contents.files].sort(byPath),
    ...[...meta].map(([name, data]): [string, Uint8Array] => [`${distInfo}/${name}`, data]).sort(byPath),
  ];
  const recordPath = `${distInfo}/RECORD`;
  const record = recorded.map(([path, data]) => recordLine(path, data)).join('\n') + `\n${recordPath},,\n`;
  const members = [...recorded, [recordPath, encoder.encode(record)] as [string, Uint8Array]].map(([path, data]) => ({
    path,
    data,
  }));
  return { filename: `${stem}-${tag}.whl`, bytes: writeZip(members), members: members.length };
}
