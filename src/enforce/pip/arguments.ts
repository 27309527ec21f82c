// `pyguard pip install ARGS...`: pip's install arguments sorted into what the audit needs (requirements, index
// options, target selectors), what pip is handed back unchanged, and what is refused because it would make pip
// fetch something no index audit covers (URLs, VCS, local paths, editables).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type OptionSpec, type ParsedArgs, parseArgs } from '../../commands/args.ts';
import { JUDGING_OPTIONS, PIP_OPTIONS } from '../../commands/options.ts';
import type { UpgradeStrategy } from '../../pypi/resolver/types.ts';
import { UserError } from '../../util/errors.ts';

/** pip install options the audit reads; they are passed to pip too when they say where pip installs or looks. */
const AUDIT_OPTIONS: Record<string, OptionSpec> = {
  requirement: { kind: 'multi', short: 'r' },
  constraint: { kind: 'multi', short: 'c' },
  'index-url': { kind: 'value', short: 'i' },
  'extra-index-url': { kind: 'multi' },
  'find-links': { kind: 'multi', short: 'f' },
  'no-index': { kind: 'boolean' },
  pre: { kind: 'boolean' },
  upgrade: { kind: 'boolean', short: 'U' },
  'upgrade-strategy': { kind: 'value' },
  'no-deps': { kind: 'boolean' },
  'python-version': { kind: 'value' },
  platform: { kind: 'value' },
  isolated: { kind: 'boolean' },
};

/** pip install options that change where pip installs (so what is installed there is not known). */
const LOCATION_OPTIONS: Record<string, OptionSpec> = {
  target: { kind: 'value', short: 't' },
  prefix: { kind: 'value' },
  root: { kind: 'value' },
  'ignore-installed': { kind: 'boolean', short: 'I' },
  'force-reinstall': { kind: 'boolean' },
};

/** pip install options that change neither what is fetched nor from where: handed to pip unchanged. */
const PASSED_OPTIONS: Record<string, OptionSpec> = {
  user: { kind: 'boolean' },
  quiet: { kind: 'boolean', short: 'q' },
  verbose: { kind: 'boolean', short: 'v' },
  implementation: { kind: 'value' },
  abi: { kind: 'value' },
  'only-binary': { kind: 'value' },
  'no-cache-dir': { kind: 'boolean' },
  'disable-pip-version-check': { kind: 'boolean' },
  'no-input': { kind: 'boolean' },
  'no-warn-script-location': { kind: 'boolean' },
  'no-warn-conflicts': { kind: 'boolean' },
  'no-compile': { kind: 'boolean' },
  'break-system-packages': { kind: 'boolean' },
  'dry-run': { kind: 'boolean' },
  'progress-bar': { kind: 'value' },
  'root-user-action': { kind: 'value' },
  timeout: { kind: 'value' },
  retries: { kind: 'value' },
  'trusted-host': { kind: 'multi' },
  cert: { kind: 'value' },
  'client-cert': { kind: 'value' },
  proxy: { kind: 'value' },
  'cache-dir': { kind: 'value' },
};

/** pyguard's own options of the wrapper (-q and -v stay pip's). */
const OWN_OPTIONS: Record<string, OptionSpec> = { ...JUDGING_OPTIONS.options, ...PIP_OPTIONS.options };

/** Options that would make pip fetch what no index audit covers, with the reason. */
const REFUSED: Record<string, string> = {
  '-e': 'an editable install runs the project from its source tree, which no index audit covers',
  '--editable': 'an editable install runs the project from its source tree, which no index audit covers',
  '--src': 'it only matters for editable VCS installs, which are refused',
  '--no-binary': 'building from source instead of the audited wheel would install other files',
  '--use-pep517': 'builds are not audited; install audited wheels and sdists as they are',
  '--config-settings': 'build settings change what a build installs, which is not audited',
};

export interface PipInstallRequest {
  /** The arguments check's audit reads (requirements, index options, selectors, report and policy options). */
  audit: ParsedArgs;
  /** Arguments handed to pip unchanged, in their order. */
  passed: string[];
  /** --python, when given. */
  python?: string;
  /** -U with its --upgrade-strategy (only-if-needed unless eager is given); undefined without -U. */
  upgrade: UpgradeStrategy | undefined;
  /** pip installs somewhere else or reinstalls: what is installed now does not count. */
  ignoreInstalled: boolean;
  yes: boolean;
}

/** Why a requirement given on the command line cannot be audited, or undefined when it names an index project. */
export function refusalOf(spec: string, cwd: string): string | undefined {
  if (/^(git|hg|svn|bzr)\+/i.test(spec) || /@\s*(git|hg|svn|bzr)\+/i.test(spec))
    return 'a VCS requirement: its code is whatever the repository holds when installed';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || /\s@\s|^[^\s@]+@\s*[a-z][a-z0-9+.-]*:/i.test(spec))
    return 'a direct URL: not resolved from an index, so nothing pyguard audited';
  const project = resolve(cwd, spec);
  const isProject = existsSync(join(project, 'pyproject.toml')) || existsSync(join(project, 'setup.py'));
  if (/[\\/]/.test(spec) || spec.startsWith('.') || /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar)$/i.test(spec) || isProject) {
    return 'a local path: run `pyguard scan PATH` on it, then install it yourself';
  }
  return undefined;
}

/** Splits `pip install` arguments; refused options and requirements are a UserError naming the reason. */
export function parsePipInstall(argv: string[], cwd: string): PipInstallRequest {
  for (const arg of argv) {
    const name = arg.split('=')[0];
    if (REFUSED[name]) throw new UserError(`pip install: refused ${name}: ${REFUSED[name]}`);
  }
  const spec = { ...AUDIT_OPTIONS, ...LOCATION_OPTIONS, ...PASSED_OPTIONS, ...OWN_OPTIONS };
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs('pip install', argv, spec);
  } catch (error) {
    if (error instanceof UserError && / unknown option /.test(error.message)) {
      throw new UserError(
        `${error.message} (pyguard hands pip only the install options whose effect on what is fetched it knows)`,
      );
    }
    throw error;
  }
  for (const requirement of parsed.positionals) {
    const reason = refusalOf(requirement, cwd);
    if (reason) throw new UserError(`pip install: refused ${requirement}: ${reason}`);
  }
  const passedNames = new Set([
    ...Object.keys(PASSED_OPTIONS),
    ...Object.keys(LOCATION_OPTIONS),
    'upgrade-strategy',
    'python-version',
    'platform',
    'isolated',
  ]);
  const passed: string[] = [];
  for (const name of passedNames) {
    const option = spec[name];
    if (parsed.flags.has(name)) passed.push(`--${name}`);
    const value = parsed.values.get(name);
    if (value !== undefined) passed.push(`--${name}`, value);
    if (option.kind === 'multi') for (const v of parsed.multi.get(name) ?? []) passed.push(`--${name}`, v);
  }
  const strategy = parsed.values.get('upgrade-strategy');
  if (strategy !== undefined && strategy !== 'only-if-needed' && strategy !== 'eager') {
    throw new UserError(`pip install: --upgrade-strategy must be only-if-needed or eager, not '${strategy}'`);
  }
  const python = parsed.values.get('python');
  const audit = { ...parsed, values: new Map([...parsed.values].filter(([name]) => name !== 'cache-dir')) };
  return {
    audit,
    passed,
    ...(python ? { python } : {}),
    // --upgrade-strategy alone changes nothing: pip applies it only with -U
    upgrade: parsed.flags.has('upgrade') ? (strategy === 'eager' ? 'eager' : 'only-if-needed') : undefined,
    ignoreInstalled: Object.keys(LOCATION_OPTIONS).some((name) => parsed.flags.has(name) || parsed.values.has(name)),
    yes: parsed.flags.has('yes'),
  };
}
