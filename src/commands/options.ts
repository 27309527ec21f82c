// The option tables the commands are built from, one group per concern; registry.ts says which command takes
// which groups. A row here is all it takes for an option to be parsed and listed in `pyguard COMMAND --help`.
import { FAIL_ON_LEVELS, SEVERITIES } from '../model/result.ts';
import type { OptionTable } from './args.ts';

export interface OptionGroup {
  title: string;
  options: OptionTable;
}

/** Every command takes these. */
export const GLOBAL_OPTIONS: OptionGroup = {
  title: 'General options',
  options: {
    help: { kind: 'boolean', short: 'h', help: 'show this help and exit' },
    version: { kind: 'boolean', short: 'V', help: "show pyguard's version and exit" },
    quiet: {
      kind: 'boolean',
      short: 'q',
      help: 'print only the one-line verdict; warnings and errors still go to stderr',
    },
  },
};

/** How a result is shown and turned into an exit code (scan, check, report). */
export const REPORT_OPTIONS: OptionGroup = {
  title: 'Report options',
  options: {
    json: {
      kind: 'output',
      arg: 'FILE',
      extensions: ['.json'],
      defaultFile: '-',
      help: 'machine-readable result (default: stdout)',
    },
    html: {
      kind: 'output',
      arg: 'FILE',
      extensions: ['.html', '.htm'],
      defaultFile: 'pyguard-report.html',
      help: 'self-contained HTML report (default: pyguard-report.html)',
    },
    sarif: {
      kind: 'output',
      arg: 'FILE',
      extensions: ['.sarif', '.json'],
      defaultFile: 'pyguard.sarif',
      help: 'SARIF 2.1.0 for code-scanning dashboards (default: pyguard.sarif)',
    },
    'fail-on': {
      kind: 'value',
      arg: 'LEVEL',
      choices: FAIL_ON_LEVELS,
      help: `exit 1 when the overall risk reaches LEVEL: ${FAIL_ON_LEVELS.join('|')}, any case (default: high; never: unaudited targets still fail)`,
    },
    verbose: { kind: 'boolean', short: 'v', help: 'show info-level findings too' },
    'no-color': { kind: 'boolean', help: 'plain output (also when NO_COLOR is set)' },
    'no-tui': {
      kind: 'boolean',
      help: 'the terminal report even on a terminal (else the interactive app opens there)',
    },
  },
};

/** The user's policy and what is already known (check, scan, report, pip install). */
export const JUDGING_OPTIONS: OptionGroup = {
  title: 'Policy options',
  options: {
    policy: {
      kind: 'value',
      arg: 'FILE',
      help: 'the policy file (default: the nearest pyguard.toml, or pyproject.toml [tool.pyguard])',
    },
    'no-policy': { kind: 'boolean', help: 'judge without any policy file' },
    baseline: {
      kind: 'value',
      arg: 'FILE',
      help: 'a saved JSON result: its findings are known and do not count towards --fail-on',
    },
    'warn-on': {
      kind: 'value',
      arg: 'LEVEL',
      choices: SEVERITIES,
      help: `warn (pip install: ask first) when the risk reaches LEVEL: ${SEVERITIES.join('|')}`,
    },
  },
};

/** Where packages come from, pip's way (check, and scan NAME). */
export const INDEX_OPTIONS: OptionGroup = {
  title: 'Index options',
  options: {
    'index-url': {
      kind: 'value',
      short: 'i',
      arg: 'URL',
      help: 'a PEP 503/691 simple index (http(s) or file://), replacing the configured one',
    },
    'extra-index-url': { kind: 'multi', arg: 'URL', help: 'another simple index to look in (repeatable)' },
    'pypi-url': {
      kind: 'value',
      arg: 'URL',
      help: 'a PyPI JSON API base URL instead of a simple index (also PYGUARD_PYPI_URL)',
    },
    'find-links': {
      kind: 'multi',
      short: 'f',
      arg: 'DIR|URL',
      help: 'a folder or page of distribution files to look in too (repeatable)',
    },
    'no-index': { kind: 'boolean', help: 'use only --find-links locations' },
    isolated: { kind: 'boolean', help: "ignore the user's pip configuration files and PIP_* variables" },
    offline: { kind: 'boolean', help: 'use only cached index pages and files' },
    timeout: {
      kind: 'value',
      arg: 'SEC',
      help: 'seconds to wait for a connection, an answer or the next bytes of one, as pip (default: 15)',
    },
    'cache-dir': { kind: 'value', arg: 'DIR', help: 'cache folder (default: PYGUARD_CACHE_DIR or ~/.cache/pyguard)' },
    'no-cache': {
      kind: 'boolean',
      help: 'neither read nor write the cache (downloads, index pages, analysis results)',
    },
    'osv-url': {
      kind: 'value',
      arg: 'URL',
      help: 'OSV API base URL for the known-malware lookup (also PYGUARD_OSV_URL)',
    },
    'no-osv': { kind: 'boolean', help: 'skip the known-malware lookup in OSV' },
    'require-osv': { kind: 'boolean', help: 'fail (exit 2) when the OSV lookup cannot be done, instead of warning' },
  },
};

/** The environment a resolution is for and which files are chosen (check, and scan NAME). */
export const TARGET_OPTIONS: OptionGroup = {
  title: 'Target environment',
  options: {
    'python-version': {
      kind: 'value',
      arg: 'X.Y',
      help: 'resolve for this Python version (default: the python3 found, else 3.12)',
    },
    platform: {
      kind: 'value',
      arg: 'TAG',
      help: 'resolve for this platform tag, e.g. manylinux_2_28_x86_64, win_amd64, macosx_14_0_arm64',
    },
    pre: { kind: 'boolean', help: 'allow pre-releases' },
    'all-files': {
      kind: 'boolean',
      help: 'audit every file of each chosen release (all wheels and the sdist), not only the one pip would pick',
    },
  },
};

/** What check audits besides its SPEC arguments. */
export const REQUIREMENT_OPTIONS: OptionGroup = {
  title: 'Requirement options',
  options: {
    requirement: {
      kind: 'multi',
      short: 'r',
      arg: 'FILE',
      help: 'a requirements file or a pyproject.toml (repeatable)',
    },
    constraint: { kind: 'multi', short: 'c', arg: 'FILE', help: 'a constraints file (repeatable)' },
    'no-deps': { kind: 'boolean', help: 'audit the named packages only, not their dependencies' },
  },
};

/** pyguard's own options of `pip install` (pip's own, -q and -v included, are in src/enforce/pip/arguments.ts). */
export const PIP_OPTIONS: OptionGroup = {
  title: "pyguard's options of pip install",
  options: {
    json: REPORT_OPTIONS.options.json,
    html: REPORT_OPTIONS.options.html,
    sarif: REPORT_OPTIONS.options.sarif,
    'fail-on': REPORT_OPTIONS.options['fail-on'],
    'no-color': REPORT_OPTIONS.options['no-color'],
    yes: { kind: 'boolean', short: 'y', help: 'install without asking when the risk reaches --warn-on' },
    python: { kind: 'value', arg: 'PATH', help: 'the interpreter whose pip installs (default: the python3 on PATH)' },
    'no-osv': INDEX_OPTIONS.options['no-osv'],
    'osv-url': INDEX_OPTIONS.options['osv-url'],
  },
};

/** `pyguard cache`: which folder, and how old an entry prune deletes. */
export const CACHE_OPTIONS: OptionGroup = {
  title: 'Cache options',
  options: {
    'cache-dir': INDEX_OPTIONS.options['cache-dir'],
    'older-than': {
      kind: 'value',
      arg: 'AGE',
      help: 'prune: also delete what was not written or used for AGE (30d, 12h, 90m, 2w)',
    },
  },
};

export const SERVE_OPTIONS: OptionGroup = {
  title: 'Server options',
  options: {
    port: { kind: 'value', arg: 'N', help: 'port to listen on (default: any free port)' },
    host: { kind: 'value', arg: 'ADDRESS', help: 'address to listen on (default: 127.0.0.1)' },
  },
};
