// The audit result: the versioned JSON contract that every presenter (terminal, HTML, SARIF, JSON) reads.
// Keep it backwards compatible within a schemaVersion; schemas/result.schema.json describes it.
import type { FlowLinks } from './flow-links.ts';

export const SCHEMA_VERSION = 1 as const;

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RISK_LEVELS = ['none', ...SEVERITIES] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** --fail-on levels: a severity, or `never` (risk alone never fails; unaudited targets and errors still do). */
export const FAIL_ON_LEVELS = [...SEVERITIES, 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** What a piece of code is able to do, in words a reviewer uses. */
export const CAPABILITIES = [
  'network',
  'process',
  'env',
  'sensitive-files',
  'dynamic-code',
  'install-hook',
  'native-binary',
  'obfuscation',
  'telemetry',
  'persistence',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** When the code behind a finding runs. */
export const TRIGGERS = ['install', 'startup', 'import', 'call'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Where a connection goes, when it can be known statically. */
export interface Destination {
  url?: string;
  host?: string;
  port?: number;
  /** e.g. 'discord-webhook', 'telegram-bot', 'ip-literal', 'ip-lookup', 'paste-site', 'tunnel', 'telemetry' */
  kind?: string;
}

/** One step of a data-flow path, from a source to a sink. */
export interface FlowStep {
  line: number;
  column: number;
  code: string;
  /** e.g. "reads os.environ", "assigned to data", "sent by requests.post" */
  note: string;
}

/** A payload decoded at analysis time. */
export interface DecodedPayload {
  /** The chain of decoders applied, outermost first: e.g. ['base64', 'zlib']. */
  chain: string[];
  /** The virtual file that holds the decoded text, e.g. "setup.py#decoded-1". */
  virtualPath?: string;
  /** A printable preview of the decoded bytes (bounded). */
  preview: string;
  size: number;
}

/**
 * The source lines around a finding, for presenters: a few lines before and after the finding's line, their common
 * indentation removed, each bounded (CONTEXT_LINE_MAX characters), so a minified file cannot bloat a result.
 */
export interface CodeContext {
  /** The 1-based line number of lines[0]. */
  startLine: number;
  lines: string[];
}

export const CONTEXT_BEFORE = 3;
export const CONTEXT_AFTER = 3;
export const CONTEXT_LINE_MAX = 160;

export interface Finding {
  /** Rule id, documented in docs/rules.md (e.g. "egress-http-call"). */
  rule: string;
  severity: Severity;
  /** 1-based line and column in the file. Target-level findings use 0. */
  line: number;
  column: number;
  message: string;
  /** The source line (trimmed, bounded to 240 characters). */
  code: string;
  /** The lines around `line`, for findings located in a source file. */
  context?: CodeContext;
  capability?: Capability;
  trigger?: Trigger;
  destination?: Destination;
  flow?: FlowStep[];
  decoded?: DecodedPayload;
  /** Target-level findings (line 0): the member of the archive the finding is about, if any. */
  path?: string;
  /**
   * install-imports-module: the functions of the imported module (named in `path`, dotted) that install-time code
   * calls; the target stage analyses that module with them as install-time code.
   */
  calls?: string[];
  /** For findings in a decoded virtual file: the path and line of the call that decodes it. */
  origin?: { path: string; line: number };
  /** Set when the user's policy or baseline changed how this finding counts (see src/policy/). */
  policy?: PolicyMark;
}

/**
 * How the user's side judged a finding. `ignored` and `baselined` findings count for nothing; `expected` ones
 * (a capability or host the policy declares for the package) count at `severity`, lowered; `raised` ones (outside
 * the package's declared expectations, or to a denied host) count at `severity`, raised.
 */
export const POLICY_STATUSES = ['ignored', 'baselined', 'expected', 'raised'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export interface PolicyMark {
  status: PolicyStatus;
  /** The severity the finding counts at (expected, raised). */
  severity?: Severity;
  reason: string;
  /** Where the decision came from: `pyguard.toml:12`, or the baseline file. */
  source?: string;
}

/** The policy a result was judged with and what it decided. */
export interface PolicyOutcome {
  /** The policy file (absent when only defaults and command-line options applied). */
  file?: string;
  baseline?: string;
  failOn: FailOn;
  warnOn?: Severity;
  /** fail: risk at or above failOn (or findings that could not be audited); warn: at or above warnOn; else pass. */
  decision: 'pass' | 'warn' | 'fail';
  ignored: number;
  baselined: number;
  expected: number;
  raised: number;
}

export type FileKind =
  | 'python'
  | 'pth'
  | 'build-config' // setup.cfg, pyproject.toml
  | 'metadata' // METADATA, PKG-INFO, RECORD, entry_points.txt, ...
  | 'native-binary'
  | 'script' // .sh .bat .ps1 .js .vbs
  | 'bytecode' // .pyc
  | 'text'
  | 'binary'
  | 'decoded'; // virtual file holding a decoded payload

export const EGRESS_VERDICT =
  '⚠️ External Egress Risk: Detected outbound connection logic or API keys that may facilitate data egress.';
export const NO_EGRESS_VERDICT =
  '✅ No logic for connecting to remote services found. Risk of data exfiltration to external systems is low.';

export interface FileReport {
  /** Path inside the archive (or relative to the scanned folder). */
  path: string;
  kind: FileKind;
  size: number;
  /** True when the file holds outbound connection logic or API keys. */
  egress: boolean;
  /** Python Code Audit's verdict sentence: EGRESS_VERDICT or NO_EGRESS_VERDICT. Python and decoded files only. */
  verdict?: string;
  /** True when the file could not be analysed completely (syntax errors, size cap, decoding problem). */
  partial: boolean;
  partialReasons?: string[];
  findings: Finding[];
  /**
   * Between analysis stages only (the target stage removes it): functions of the target's other modules that this
   * file's self-running code calls, by module (`from .collect import gather; gather()` in `__init__.py`), and those
   * each of its top-level functions and classes calls.
   */
  ownCalls?: {
    onImport: Record<string, string[]>;
    byFunction: Record<string, Record<string, string[]>>;
  };
  /** Between analysis stages only (the target stage joins and removes it): see model/flow-links.ts. */
  flowLinks?: FlowLinks;
}

export type TargetKind = 'file' | 'directory' | 'archive' | 'distribution';

export interface TargetError {
  /** Stable code, e.g. 'hash-mismatch', 'corrupt-archive', 'not-found', 'limit-exceeded'. */
  code: string;
  message: string;
}

/** A file (or the archive itself) that could not be analysed: the target is unaudited, never passed as clean. */
export interface UnauditedItem {
  /** The member (or the target's own name, for the archive as a whole). */
  path: string;
  /** The rule that says why: one of UNAUDITED_RULES ('file-not-analysed', 'analysis-failed', ...). */
  rule: string;
  reason: string;
}

/**
 * Findings that mean something was not analysed: any of them makes the target unaudited. Code that runs but
 * cannot be read is among them: PyArmor-encrypted modules and modules shipped as bytecode only.
 */
export const UNAUDITED_RULES: ReadonlySet<string> = new Set([
  'file-not-analysed',
  'analysis-failed',
  'archive-unreadable',
  'pyarmor-loader',
  'pkg-sourceless-module',
]);

export interface TargetReport {
  kind: TargetKind;
  /** The path given on the command line (scan), or absent for a distribution. */
  path?: string;
  /** The distribution's file name (check). */
  filename?: string;
  name?: string;
  version?: string;
  url?: string;
  /** Archives and distributions: sha256 of the bytes that were analysed. */
  sha256?: string;
  size?: number;
  /** check: who requires this distribution, e.g. ["flask 3.0.0 (Werkzeug>=3.0.0)"]; "<root>" for a named requirement. */
  requiredBy?: string[];
  risk: RiskLevel;
  /** The risk the analysis found, when the user's policy or baseline changed it (risk is then the judged one). */
  analysedRisk?: RiskLevel;
  /** Why the risk is what it is, one sentence each, strongest first. */
  reasons: string[];
  capabilities: Capability[];
  files: FileReport[];
  /** Findings about the target as a whole: archive problems, metadata heuristics, known malware. */
  findings: Finding[];
  errors: TargetError[];
  /** What could not be analysed. Non-empty: the target is UNAUDITED, which fails every --fail-on level. */
  unaudited?: UnauditedItem[];
}

export interface Summary {
  targets: number;
  files: number;
  pythonFiles: number;
  filesWithEgress: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  byRisk: Record<RiskLevel, number>;
  /** The highest risk over all targets. */
  risk: RiskLevel;
  errors: number;
  /** Targets with something that could not be analysed (see TargetReport.unaudited). */
  unaudited?: number;
}

export interface ResolutionEdge {
  /** The requiring distribution's normalized name, or "<root>". */
  from: string;
  to: string;
  /** The requirement as written, e.g. "urllib3<3,>=1.21.1". */
  requirement: string;
  marker?: string;
  extras?: string[];
}

export interface Resolution {
  pythonVersion: string;
  platform: string;
  implementation: string;
  index: string;
  edges: ResolutionEdge[];
  /** Requirements that could not be audited (editable, URL, VCS, local path), with the reason. */
  notAuditable: { requirement: string; reason: string }[];
  /** Notes such as dependencies that only a build could reveal, or dependency-confusion risks. */
  notes: string[];
}

export interface AuditResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'pyguard'; version: string };
  /** The command line, e.g. ["scan", "dist/foo-1.0.tar.gz"]. */
  command: string[];
  createdAt: string;
  targets: TargetReport[];
  summary: Summary;
  resolution?: Resolution;
  /** Set when findings were judged against the user's policy or baseline. */
  policy?: PolicyOutcome;
}
