// Code a package imports from a zip archive it ships under another name (`zipimport.zipimporter("server.crt")`):
// the member is opened in memory with the same archive reader as the distribution, and each of its Python files is
// analysed as code that runs, named `member/inner.py`. An archive that cannot be read is not analysed (unaudited).
import type { ArchiveEntry } from '../model/entries.ts';
import type { FileReport } from '../model/result.ts';
import { openArchive } from '../pypi/archive/index.ts';
import { notAnalysed } from './not-analysed.ts';
import type { AnalyseFile, PythonFileOptions } from './python-file.ts';

/** A zip archive's local file header signature, PK\x03\x04. */
export function isZipData(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

export async function analyseZipMember(
  member: ArchiveEntry & { data: Uint8Array },
  options: PythonFileOptions,
  analyse: AnalyseFile,
): Promise<FileReport[]> {
  const opened = await openArchive(member.data, `${member.path.split('/').pop()}.zip`);
  const reports: FileReport[] = [];
  for (const entry of opened.entries) {
    if (!entry.data || !/\.pyw?$/i.test(entry.path)) continue;
    reports.push(...(await analyse(`${member.path}/${entry.path}`, entry.data, options)));
  }
  const unread = opened.fatal ?? (reports.length === 0 ? 'it holds no Python file to analyse' : undefined);
  if (unread)
    reports.push({
      path: member.path,
      kind: 'python',
      size: member.size,
      egress: false,
      partial: true,
      partialReasons: [unread],
      findings: [notAnalysed(`not analysed: code is imported from the zip archive ${member.path}, but ${unread}`)],
    });
  return reports;
}
