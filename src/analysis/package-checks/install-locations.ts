// Where a wheel's files land when pip installs it: `.data/` schemes, top-level names beside other packages,
// modules that run at interpreter start or shadow the standard library, commands (scripts and entry points) that
// shadow common tools.

import type { OpenedArchive } from '../../model/entries.ts';
import type { Finding } from '../../model/result.ts';
import { normalizeName } from '../../pypi/names.ts';
import { moduleOfFile, STARTUP_MODULES } from '../module-names.ts';
import { STDLIB_BACKPORTS, STDLIB_MODULES } from './stdlib-modules.ts';
import { targetFinding } from './target-finding.ts';

/** Commands a script in `.data/scripts/` must not shadow: a user typing them would run the package's code. */
const COMMON_COMMANDS = new Set([
  'python',
  'python3',
  'python2',
  'pip',
  'pip3',
  'sudo',
  'su',
  'ls',
  'cat',
  'cp',
  'mv',
  'rm',
  'cd',
  'sh',
  'bash',
  'zsh',
  'git',
  'ssh',
  'scp',
  'curl',
  'wget',
  'npm',
  'node',
  'docker',
  'kubectl',
  'aws',
  'gcloud',
  'az',
  'make',
  'gcc',
  'env',
  'ps',
  'kill',
  'which',
  'whoami',
  'id',
  'chmod',
  'chown',
  'tar',
  'unzip',
  'gpg',
  'openssl',
  'conda',
  'uv',
  'poetry',
]);

const DATA_MEMBER = /^[^/]+\.data\/(scripts|purelib|platlib|headers|data)\/(.+)$/;
const ENTRY_POINTS = /^[^/]+\.dist-info\/entry_points\.txt$/;

/**
 * A command named like a common tool, unless it is the distribution's own (pip's pip3.11, uv's uv): the index gives
 * a project's name to its owners only.
 */
function shadowedCommand(command: string, distributionName: string): string | undefined {
  const name = command.toLowerCase().replace(/\.(exe|bat|cmd|ps1|py)$/, '');
  if (!COMMON_COMMANDS.has(name)) return undefined;
  const bare = name.replace(/[\d.]+$/, '');
  return bare === normalizeName(distributionName) ? undefined : name;
}

/** The console and GUI scripts a wheel's entry_points.txt declares: pip writes a launcher for each into bin/. */
function entryPointCommands(opened: OpenedArchive): { path: string; command: string }[] {
  const entry = opened.entries.find((e) => ENTRY_POINTS.test(e.path) && e.data);
  if (!entry?.data) return [];
  const commands: { path: string; command: string }[] = [];
  let section = '';
  for (const raw of Buffer.from(entry.data).toString('utf8').split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) section = header[1].toLowerCase();
    else if ((section === 'console_scripts' || section === 'gui_scripts') && line.includes('='))
      commands.push({ path: entry.path, command: line.slice(0, line.indexOf('=')).trim() });
  }
  return commands;
}

interface Placement {
  /** The member inside the wheel. */
  path: string;
  /** The top-level name it installs in site-packages ('' when it does not install there). */
  topLevel: string;
  scheme: 'root' | 'purelib' | 'platlib' | 'scripts' | 'headers' | 'data';
  /** Path below the scheme. */
  rest: string;
}

function placement(path: string): Placement | null {
  const first = path.split('/')[0];
  if (first.endsWith('.dist-info')) return null;
  const data = DATA_MEMBER.exec(path);
  if (data) {
    const scheme = data[1] as Placement['scheme'];
    const rest = data[2];
    const topLevel = scheme === 'purelib' || scheme === 'platlib' ? rest.split('/')[0] : '';
    return { path, topLevel, scheme, rest };
  }
  if (first.endsWith('.data')) return null;
  return { path, topLevel: first, scheme: 'root', rest: path };
}

/** True for `.data/scripts/` members (installed into the environment's bin/Scripts folder). */
export function isInstalledScript(path: string): boolean {
  return DATA_MEMBER.exec(path)?.[1] === 'scripts';
}

export function checkInstallLocations(opened: OpenedArchive, distributionName: string): Finding[] {
  const findings: Finding[] = [];
  const placements = opened.entries
    .filter((e) => e.type === 'file')
    .map((e) => placement(e.path))
    .filter((p): p is Placement => p !== null);
  const rootTops = new Set(placements.filter((p) => p.scheme === 'root').map((p) => p.topLevel));
  const allowedStdlib = new Set(STDLIB_BACKPORTS[normalizeName(distributionName)] ?? []);
  const seenModules = new Set<string>();

  const commandFinding = (path: string, command: string) =>
    targetFinding({
      rule: 'pkg-shadows-command',
      severity: 'high',
      path,
      capability: 'process',
      message: `the wheel installs a command named "${command}", shadowing a common tool on PATH`,
    });
  for (const { path, command } of entryPointCommands(opened)) {
    const shadowed = shadowedCommand(command, distributionName);
    if (shadowed) findings.push(commandFinding(path, shadowed));
  }
  for (const p of placements) {
    if (p.scheme === 'scripts') {
      const shadowed = shadowedCommand(p.rest.split('/').pop()!, distributionName);
      if (shadowed) findings.push(commandFinding(p.path, shadowed));
      continue;
    }
    if (p.scheme === 'data' && /(^|\/)(site|dist)-packages\//.test(p.rest)) {
      findings.push(
        targetFinding({
          rule: 'pkg-data-into-site-packages',
          severity: 'high',
          path: p.path,
          message: `${p.path} is installed into site-packages through the "data" scheme, outside the package's own files`,
        }),
      );
      continue;
    }
    if (p.topLevel === '') continue;
    if ((p.scheme === 'purelib' || p.scheme === 'platlib') && !rootTops.has(p.topLevel)) {
      findings.push(
        targetFinding({
          rule: 'pkg-foreign-top-level',
          severity: 'medium',
          path: p.path,
          message: `${p.path} installs the top-level name "${p.topLevel}" through .data/${p.scheme}, beside the wheel's own packages`,
        }),
      );
    }
    const module = p.rest.includes('/') ? p.topLevel : moduleOfFile(p.topLevel);
    if (module === null || seenModules.has(module)) continue;
    seenModules.add(module);
    if (STARTUP_MODULES.has(module)) {
      findings.push(
        targetFinding({
          rule: 'pkg-startup-module',
          severity: 'high',
          path: p.path,
          trigger: 'startup',
          message: `the wheel installs "${module}", which Python imports at every interpreter start`,
        }),
      );
    } else if (STDLIB_MODULES.has(module) && !allowedStdlib.has(module)) {
      findings.push(
        targetFinding({
          rule: 'pkg-shadows-stdlib',
          severity: 'medium',
          path: p.path,
          trigger: 'import',
          message: `the wheel installs a top-level "${module}", shadowing the standard-library module of that name`,
        }),
      );
    }
  }
  return findings;
}
