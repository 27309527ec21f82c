// Analyses every member of an opened archive or folder and judges the target as a whole: every file is
// accounted for (analysed, or listed with its kind and size), archive problems and package-level checks
// become target findings, and the verdict weighs them all.
import { type ArchiveEntry, hasBytes, type OpenedArchive } from '../model/entries.ts';
import { NO_PROGRESS, type ProgressSink } from '../model/progress.ts';
import type { FileReport, Finding, TargetReport } from '../model/result.ts';
import { type CoreMetadata, parseMetadata } from '../pypi/metadata.ts';
import { type AnalysisBudget, newBudget } from './budget.ts';
import { findBuildHooks } from './build-hooks.ts';
import { classifyEntry, classifyingBytes } from './classify.ts';
import { joinFlowLinks } from './flow-links.ts';
import { type ArchiveAnalysis, judgeTarget, type TargetMeta } from './judge-target.ts';
import { moduleOfMember } from './module-names.ts';
import { analysisFailed, notAnalysed } from './not-analysed.ts';
import { analyzeOwnCalls, memberOfModule } from './own-calls.ts';
import { checkPackage } from './package-checks/index.ts';
import { TargetConstants } from './package-constants.ts';
import { initParser } from './parser.ts';
import { looksLikePickle, pickleMemberReports } from './pickle-members.ts';
import type { AnalysisPool } from './pool.ts';
import { pthCode, pthReport, pthStartupModules } from './pth.ts';
import { type AnalyseFile, analyzePythonFile } from './python-file.ts';
import { COMMAND_SCRIPT, commandsAsPython, SCRIPT_FILE } from './shell-scripts.ts';
import { LineIndex } from './syntax.ts';
import type { FileRole } from './triggers.ts';
import { analyseZipMember, isZipData } from './zip-members.ts';

/** Loads the parser ahead of time (analysis also loads it on first use, in the thread that parses). */
export async function initAnalysis(): Promise<void> {
  await initParser();
}

const CMDCLASS =
  /cmdclass\s*=\s*\{[^}]*['"](install|develop|egg_info|build_py|sdist|bdist_egg|bdist_wheel|build_ext)['"]/s;

/** By default, targets with at least this many Python files are analysed on the worker pool, when one is given. */
export const POOL_THRESHOLD = 64;

export interface AnalyzeOptions {
  pool?: AnalysisPool;
  /** Python files a target needs for the pool to be used (default 64; a pipeline keeps its main thread free with 1). */
  poolThreshold?: number;
  /** Told when the members are known and as each one is analysed. */
  progress?: ProgressSink;
}

/** Parses in this thread, loading the parser first: a run whose files all go to the pool never loads it here. */
const inThisThread: AnalyseFile = async (path, bytes, options) => {
  await initParser();
  return analyzePythonFile(path, bytes, options);
};

/** Analyses on the pool; a file whose worker fails is analysed again here, so nothing is lost. */
function onPool(pool: AnalysisPool): AnalyseFile {
  return async (path, bytes, options) => {
    try {
      return await pool.run({ path, bytes, options });
    } catch {
      return inThisThread(path, bytes, options);
    }
  };
}

/** One member's reports; never throws: a failure is an `analysis-failed` finding and the target is unaudited. */
async function analyzeEntry(
  entry: ArchiveEntry,
  startupModules: Set<string>,
  installTime: Set<string>,
  analyse: AnalyseFile,
  budget: AnalysisBudget,
): Promise<FileReport[]> {
  try {
    return await analyzeMember(entry, startupModules, installTime, analyse, budget);
  } catch (error) {
    const finding = analysisFailed(error);
    return [
      {
        path: entry.path,
        kind: classifyEntry(entry),
        size: entry.size,
        egress: false,
        partial: true,
        partialReasons: [finding.message],
        findings: [finding],
      },
    ];
  }
}

/** The report of a member whose bytes were not read (a link, or a file over a limit): partial, never clean. */
function unreadMember(entry: ArchiveEntry, kind: FileReport['kind'], reason: string, finding?: Finding): FileReport {
  return {
    path: entry.path,
    kind,
    size: entry.size,
    egress: false,
    partial: true,
    partialReasons: [reason],
    findings: finding ? [finding] : [],
  };
}

async function analyzeMember(
  entry: ArchiveEntry,
  startupModules: Set<string>,
  installTime: Set<string>,
  analyse: AnalyseFile,
  budget: AnalysisBudget,
): Promise<FileReport[]> {
  const kind = classifyEntry(entry);
  if (!hasBytes(entry)) {
    if (entry.type !== 'file') {
      const reason = `${entry.type}${entry.linkTarget ? ` → ${entry.linkTarget}` : ''} (not followed)`;
      return [unreadMember(entry, kind, reason)];
    }
    // a regular file whose bytes were not read may hold anything pip would install: not analysed, not clean
    const finding = notAnalysed(`not read: ${entry.unreadReason ?? 'unknown reason'}`);
    return [unreadMember(entry, kind, finding.message, finding)];
  }
  if (kind !== 'python' && kind !== 'pth') {
    if (looksLikePickle(entry.path, classifyingBytes(entry)))
      return pickleMemberReports(entry, entry.data!, kind, analyse, budget);
    return [{ path: entry.path, kind, size: entry.size, egress: false, partial: false, findings: [] }];
  }
  // read once: a zip member's bytes may be inflated again on each read (src/pypi/archive/held-members.ts)
  const data = entry.data!;
  if (kind === 'python') {
    const role = roleOfMember(entry, startupModules, installTime);
    const reports = await analyse(entry.path, data, role ? { role, budget } : { budget });
    if (/(^|\/)setup\.py$/.test(entry.path) && entry.path.split('/').length <= 2) addCmdclassFinding(reports[0], data);
    return reports;
  }
  // a .pth file: its import lines are analysed where the target's Python files are (the pool, in check)
  const code = pthCode(data);
  return pthReport(entry.path, data, code ? await analyse(entry.path, code, { role: 'startup' }) : []);
}

/** A Python member's role when it is not plain package code: setup.py and its kin, or a module a .pth imports. */
function roleOfMember(
  entry: ArchiveEntry,
  startupModules: Set<string>,
  installTime: Set<string>,
): 'setup' | 'startup' | undefined {
  const module = moduleOfMember(entry.path);
  const startup =
    module !== null &&
    (startupModules.has(module) || [...startupModules].some((name) => module === name.split('.')[0]));
  return installTime.has(entry.path) ? 'setup' : startup ? 'startup' : undefined;
}

/** Names a zip archive of Python code goes by openly. */
const ZIP_NAMES = /\.(zip|egg|whl|pyz|pyzw)$/i;

const ROLE_OF_TRIGGER = { install: 'setup', startup: 'startup', import: 'module', call: 'module' } as const;

/**
 * Members that Python code runs as Python (exec(open("LICENSE.txt").read()), runpy.run_path, ...) are analysed as
 * Python, with the trigger of the code that runs them, whatever their name; their report replaces the plain one.
 */
async function analyzeExecutedMembers(
  files: FileReport[],
  members: ArchiveEntry[],
  analyse: AnalyseFile,
  budget: AnalysisBudget,
): Promise<void> {
  const done = new Set<string>();
  for (const file of [...files]) {
    const folder = file.path.replace(/#.*$/, '').replace(/[^/]*$/, '');
    for (const finding of file.findings) {
      const byProcess = finding.capability === 'process' && finding.trigger === 'install';
      // a Python started on a member by code that runs on import runs it as __main__, its guarded block included
      const runOnImport =
        finding.capability === 'process' && finding.trigger === 'import' && /\.pyw?$/i.test(finding.path ?? '');
      // os.system(open("cmd.txt").read()): the member's lines are command lines, whatever its name
      const asCommands = finding.rule === 'file-run-as-commands';
      if ((finding.rule !== 'file-executed-as-code' && !asCommands && !byProcess && !runOnImport) || !finding.path)
        continue;
      const name = finding.path;
      const member =
        members.find((entry) => entry.path === folder + name) ??
        members.find((entry) => entry.path === name || entry.path.endsWith(`/${name}`));
      const role: FileRole = runOnImport ? 'run-on-import' : ROLE_OF_TRIGGER[finding.trigger ?? 'import'];
      // a .py file is analysed anyway; again only when it runs at install or start-up (its code then runs there)
      const asAnalysed = member?.path.endsWith('.py') && role === 'module' && !asCommands;
      if (!member && byProcess && (/\.pyw?$/i.test(name) || SCRIPT_FILE.test(name))) {
        // pip would run at install time a script nobody can read here: its code cannot be reviewed
        finding.severity = finding.severity === 'critical' ? 'critical' : 'high';
        finding.message += `; the archive has no ${name}, so the code it runs at install time cannot be reviewed`;
        continue;
      }
      if (!member?.data || done.has(member.path) || asAnalysed) continue;
      done.add(member.path);
      finding.path = member.path;
      const options = { role, budget };
      const zipped = isZipData(member.data);
      if (zipped && !ZIP_NAMES.test(member.path)) {
        // code kept in a zip archive named like a certificate or a text file is code hidden from review
        finding.severity = finding.severity === 'critical' ? 'critical' : 'high';
        finding.message = `imports code from '${name}', a zip archive named like something else, hiding its modules from review`;
      }
      const commands = asCommands || (byProcess && COMMAND_SCRIPT.test(member.path));
      const script = byProcess && SCRIPT_FILE.test(member.path) && !commands;
      const reports = zipped
        ? await analyseZipMember({ ...member, data: member.data }, options, analyse)
        : script
          ? [unanalysedScript(member, name)]
          : await analyse(member.path, commands ? commandsAsPython(member.path, member.data) : member.data, options);
      // a shell script's report is the script's, read as its command lines
      if (commands)
        for (const report of reports.slice(0, 1)) Object.assign(report, { kind: 'script', size: member.size });
      const index = files.findIndex((report) => report.path === member.path);
      files.splice(index >= 0 ? index : files.length, index >= 0 ? 1 : 0, ...reports);
    }
  }
}

/** A script in a language pyguard does not analyse, run at install time: not analysed, so the target is unaudited. */
function unanalysedScript(member: ArchiveEntry, name: string): FileReport {
  return {
    path: member.path,
    kind: 'script',
    size: member.size,
    egress: false,
    partial: true,
    findings: [
      notAnalysed(`not analysed: setup.py runs ${name} at install time, a script in a language pyguard does not read`),
    ],
  };
}

/** The top-level modules the target's Python files provide once installed (`requests/__init__.py` → requests). */
function topLevelModules(entries: readonly ArchiveEntry[]): string[] {
  const names = new Set<string>();
  for (const entry of entries) {
    const module = entry.path.endsWith('.py') ? moduleOfMember(entry.path) : null;
    if (module) names.add(module.split('.')[0]);
  }
  return [...names].sort();
}

/**
 * Modules of the archive that install-time code imports (install-imports-module findings) are analysed again as
 * install-time code, with the functions it calls in them; what they import and call in turn follows, each module
 * once per set of functions. A finding about a module the archive does not hold (setuptools, a dependency) is dropped.
 */
async function analyzeInstallImports(
  files: FileReport[],
  members: ArchiveEntry[],
  analyse: AnalyseFile,
  budget: AnalysisBudget,
): Promise<void> {
  const analysed = new Map<string, Set<string>>();
  const pending = [...files];
  while (pending.length > 0) {
    const file = pending.shift()!;
    const imports = file.findings.filter((finding) => finding.rule === 'install-imports-module');
    for (const finding of imports) {
      const member = finding.path ? memberOfModule(members, finding.path) : undefined;
      if (!member?.data) {
        file.findings.splice(file.findings.indexOf(finding), 1);
        continue;
      }
      const before = analysed.get(member.path);
      const calls = new Set([...(before ?? []), ...(finding.calls ?? [])]);
      if (before && calls.size === before.size) continue;
      analysed.set(member.path, calls);
      const reports = await analyse(member.path, member.data, { role: 'install-import', entries: [...calls], budget });
      const index = files.findIndex((report) => report.path === member.path);
      files.splice(index >= 0 ? index : files.length, index >= 0 ? 1 : 0, ...reports);
      pending.push(...reports);
    }
  }
}

const CMDCLASS_AT = new RegExp(CMDCLASS.source, 'sy');
const CMDCLASS_DICT_AT = /cmdclass\s*=\s*\{/y;

/**
 * CMDCLASS tried at each "cmdclass" in turn; after a dict without an overridden command the search goes on past
 * that dict's '}' (no "cmdclass" inside it can match either), so the scan stays linear.
 */
function cmdclassOverride(text: string): RegExpExecArray | null {
  for (let at = text.indexOf('cmdclass'); at >= 0; ) {
    CMDCLASS_AT.lastIndex = at;
    const match = CMDCLASS_AT.exec(text);
    if (match) return match;
    CMDCLASS_DICT_AT.lastIndex = at;
    const dict = CMDCLASS_DICT_AT.exec(text);
    const end = dict ? text.indexOf('}', CMDCLASS_DICT_AT.lastIndex) : at;
    if (end < 0) return null;
    at = text.indexOf('cmdclass', end + 1);
  }
  return null;
}

function addCmdclassFinding(report: FileReport, bytes: Uint8Array): void {
  const text = Buffer.from(bytes).toString('utf8');
  const match = cmdclassOverride(text);
  if (!match) return;
  const line = text.slice(0, match.index).split('\n').length;
  const source = new LineIndex(text.split('\n'));
  report.findings.push({
    rule: 'install-hook-cmdclass',
    severity: 'low',
    line,
    column: 1,
    code: source.code(line),
    context: source.context(line),
    message: `setup.py replaces the '${match[1]}' command with its own code, which pip runs while installing`,
    capability: 'install-hook',
    trigger: 'install',
  });
}

function metadataOf(opened: OpenedArchive): CoreMetadata | undefined {
  const entry =
    opened.entries.find((e) => /^[^/]+\.dist-info\/METADATA$/.test(e.path) && e.data) ??
    opened.entries.find((e) => /^[^/]+\/PKG-INFO$/.test(e.path) && e.data);
  if (!entry?.data) return undefined;
  try {
    return parseMetadata(Buffer.from(entry.data).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The bytes read of a member, without reading them again. */
function readSize(entry: ArchiveEntry): number {
  return entry.type === 'file' && entry.unreadReason === undefined ? entry.size : 0;
}

/** Analyses every member of an opened archive or folder (archiveName: the file name, for the package checks). */
export async function analyzeArchive(
  opened: OpenedArchive,
  archiveName: string | undefined,
  options: AnalyzeOptions = {},
): Promise<ArchiveAnalysis> {
  // .pth files are parsed too (their import lines)
  const parsedFiles = opened.entries.filter((entry) => /\.(py|pth)$/.test(entry.path) && hasBytes(entry)).length;
  const analyseFile =
    options.pool && parsedFiles >= (options.poolThreshold ?? POOL_THRESHOLD) ? onPool(options.pool) : inThisThread;
  // every file learns which top-level modules the target itself ships (one may shadow a library a rule trusts)
  const ownModules = topLevelModules(opened.entries);
  // and the string constants other modules of the target define that it may import (config.HOST)
  const constants = new TargetConstants(opened.entries);
  const analyse: AnalyseFile = (path, bytes, fileOptions) =>
    analyseFile(path, bytes, { ...fileOptions, ownModules, constants: constants.forFile(bytes) });
  const startupModules = new Set<string>();
  for (const entry of opened.entries)
    if (entry.path.endsWith('.pth') && entry.data)
      for (const module of pthStartupModules(entry.data)) startupModules.add(module);
  const hooks = findBuildHooks(opened.entries);
  const members = opened.entries.filter((entry) => entry.type !== 'directory');
  const budget = newBudget();
  const progress = options.progress ?? NO_PROGRESS;
  const label = archiveName?.split('/').pop() ?? '(target)';
  progress.emit({
    type: 'scan-start',
    target: label,
    files: members.length,
    bytes: members.reduce((sum, entry) => sum + readSize(entry), 0),
  });
  const scanned = async (entry: ArchiveEntry): Promise<FileReport[]> => {
    const reports = await analyzeEntry(entry, startupModules, hooks.installTime, analyse, budget);
    progress.emit({ type: 'file-scanned', target: label, bytes: readSize(entry) });
    return reports;
  };
  const files = (await Promise.all(members.map(scanned))).flat();
  await analyzeExecutedMembers(files, members, analyse, budget);
  await analyzeInstallImports(files, members, analyse, budget);
  await analyzeOwnCalls(files, members, analyse, budget, (entry) =>
    roleOfMember(entry, startupModules, hooks.installTime),
  );
  joinFlowLinks(files);
  const findings: Finding[] = opened.problems.map((problem) => ({
    rule: problem.rule,
    severity: problem.severity,
    line: 0,
    column: 0,
    message: problem.message,
    code: '',
    path: problem.path,
  }));
  findings.push(...hooks.findings);
  if (opened.fatal)
    findings.push({
      rule: 'archive-unreadable',
      severity: 'medium',
      line: 0,
      column: 0,
      message: opened.fatal,
      code: '',
    });
  if (archiveName && opened.format !== 'directory' && opened.format !== 'file')
    findings.push(...checkPackage(opened, archiveName.split('/').pop()!));
  const metadata = metadataOf(opened);
  return {
    ...(metadata && { name: metadata.name, version: metadata.version, metadata }),
    files,
    findings,
    errors: opened.fatal ? [{ code: 'corrupt-archive', message: opened.fatal }] : [],
  };
}

export async function analyzeTarget(
  opened: OpenedArchive,
  meta: TargetMeta,
  options: AnalyzeOptions = {},
): Promise<TargetReport> {
  const archiveName = meta.filename ?? meta.path;
  const target = judgeTarget(await analyzeArchive(opened, archiveName, options), meta);
  options.progress?.emit({
    type: 'scan-end',
    target: archiveName?.split('/').pop() ?? '(target)',
    ...(target.name !== undefined && { name: target.name }),
    risk: target.risk,
  });
  return target;
}
