// The SARIF 2.1.0 presenter: one run, every catalogue rule, one result per finding with stable fingerprints.
// Locations are "<target>/<path inside>" (e.g. requests-2.31.0-py3-none-any.whl/requests/api.py).

import { createHash } from 'node:crypto';
import type {
  AuditResult,
  CodeContext,
  FileReport,
  Finding,
  Severity,
  TargetReport,
  Trigger,
} from '../model/result.ts';
import type { RuleInfo } from '../model/rules.ts';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const PYGUARD_INFORMATION_URI = 'https://github.com/pyguard/pyguard';
const FINGERPRINT_KEY = 'pyguardFinding/v1';
/** Base of relative locations: scan paths are relative to the working directory, distributions to the index. */
const SRCROOT = '%SRCROOT%';
const DISTRIBUTIONS = 'DISTRIBUTIONS';

type SarifLevel = 'error' | 'warning' | 'note';
type Json = Record<string, unknown>;

export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.0',
  high: '7.0',
  medium: '5.0',
  low: '3.0',
  info: '1.0',
};

const TRIGGER_WORDS: Record<Trigger, string> = {
  install: 'at install time',
  startup: 'at every interpreter start-up',
  import: 'when the module is imported',
  call: 'when the code is called',
};

interface Location {
  uri: string;
  uriBaseId?: string;
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** The location of a target (its archive, folder or file) as a SARIF artifact location. */
function targetLocation(target: TargetReport): Location {
  const raw =
    (target.kind === 'distribution' ? (target.filename ?? target.path) : (target.path ?? target.filename)) ??
    [target.name, target.version].filter(Boolean).join('-');
  const path = raw
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  if (/^[A-Za-z]:\//.test(path)) return { uri: 'file:///' + encodePath(path).replace('%3A', ':') };
  if (path.startsWith('/')) return { uri: 'file://' + encodePath(path) };
  return { uri: encodePath(path || 'target'), uriBaseId: target.kind === 'distribution' ? DISTRIBUTIONS : SRCROOT };
}

function fileLocation(target: TargetReport, file: FileReport): Location {
  const base = targetLocation(target);
  if (target.kind === 'file') return base;
  const inner = encodePath(file.path.replace(/^\/+/, ''));
  return { ...base, uri: `${base.uri}/${inner}` };
}

function artifactLocation(location: Location, index?: number): Json {
  return {
    uri: location.uri,
    ...(location.uriBaseId ? { uriBaseId: location.uriBaseId } : {}),
    ...(index === undefined ? {} : { index }),
  };
}

function region(line: number, column: number, code: string): Json | undefined {
  if (line < 1) return undefined;
  return {
    startLine: line,
    ...(column >= 1 ? { startColumn: column } : {}),
    ...(code ? { snippet: { text: code } } : {}),
  };
}

/** The lines around a finding as SARIF's contextRegion, which viewers show around the region. */
function contextRegion(context: CodeContext | undefined): Json | undefined {
  if (!context?.lines.length) return undefined;
  return {
    startLine: context.startLine,
    endLine: context.startLine + context.lines.length - 1,
    snippet: { text: context.lines.join('\n') },
  };
}

function physicalLocation(
  location: Location,
  line: number,
  column: number,
  code: string,
  index?: number,
  context?: CodeContext,
): Json {
  const r = region(line, column, code);
  const around = r ? contextRegion(context) : undefined;
  return {
    artifactLocation: artifactLocation(location, index),
    ...(r ? { region: r } : {}),
    ...(around ? { contextRegion: around } : {}),
  };
}

function describeDestination(finding: Finding): string | undefined {
  const d = finding.destination;
  if (!d) return undefined;
  const where = d.url ?? (d.host ? (d.port ? `${d.host}:${d.port}` : d.host) : d.port ? `port ${d.port}` : undefined);
  if (!where) return undefined;
  return d.kind ? `${where} (${d.kind})` : where;
}

export function resultMessage(finding: Finding): string {
  let text = finding.message.trim();
  if (!/[.!?]$/.test(text)) text += '.';
  const destination = describeDestination(finding);
  if (destination) text += ` Destination: ${destination}.`;
  if (finding.trigger) text += ` Runs ${TRIGGER_WORDS[finding.trigger]}.`;
  return text;
}

function fallbackRule(id: string, severity: Severity): RuleInfo {
  return {
    id,
    name: id,
    shortDescription: id,
    fullDescription: id,
    help: `See docs/rules.md#${id}.`,
    defaultSeverity: severity,
  };
}

function sarifRule(rule: RuleInfo): Json {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.shortDescription },
    fullDescription: { text: rule.fullDescription },
    help: { text: rule.help, markdown: rule.help },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.defaultSeverity],
      precision: 'medium',
      tags: ['security', 'supply-chain', rule.defaultSeverity],
    },
  };
}

function normaliseCode(code: string): string {
  return code.replace(/\s+/g, ' ').trim();
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A finding the user ignored or baselined is suppressed externally; with a baseline, every result has a baselineState. */
function policyFields(mark: Finding['policy'], withBaseline: boolean): Json {
  const fields: Json = {};
  if (mark?.status === 'ignored' || mark?.status === 'baselined') {
    const justification =
      mark.status === 'ignored'
        ? `${mark.reason}${mark.source ? ` (${mark.source})` : ''}`
        : `known in the baseline ${mark.source ?? ''}`.trim();
    fields.suppressions = [{ kind: 'external', status: 'accepted', justification }];
  }
  if (withBaseline) fields.baselineState = mark?.status === 'baselined' ? 'unchanged' : 'new';
  return fields;
}

/** Renders the result as a SARIF 2.1.0 log. Rules in `rules` come first; rules only seen in findings are appended. */
export function renderSarif(result: AuditResult, rules: RuleInfo[]): Json {
  const ruleList: RuleInfo[] = [...rules];
  const ruleIndex = new Map<string, number>(ruleList.map((rule, i) => [rule.id, i]));
  const ruleOf = (finding: Finding): number => {
    let index = ruleIndex.get(finding.rule);
    if (index === undefined) {
      index = ruleList.push(fallbackRule(finding.rule, finding.severity)) - 1;
      ruleIndex.set(finding.rule, index);
    }
    return index;
  };

  const artifacts: Json[] = [];
  const results: Json[] = [];
  const occurrences = new Map<string, number>();
  const usesBase = new Set<string>();

  const addResult = (
    finding: Finding,
    location: Location,
    artifactIndex: number | undefined,
    target: TargetReport,
    file?: FileReport,
  ): void => {
    if (location.uriBaseId) usesBase.add(location.uriBaseId);
    const key = [finding.rule, location.uri, normaliseCode(finding.code || finding.message)].join('\u0000');
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const mark = finding.policy;
    const sarifResult: Json = {
      ruleId: finding.rule,
      ruleIndex: ruleOf(finding),
      level: sarifLevel(mark?.severity ?? finding.severity),
      message: { text: resultMessage(finding) },
      locations: [
        {
          physicalLocation: physicalLocation(
            location,
            finding.line,
            finding.column,
            finding.code,
            artifactIndex,
            finding.context,
          ),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: sha256(`${key}\u0000${occurrence}`) },
      properties: {
        severity: finding.severity,
        ...(finding.capability ? { capability: finding.capability } : {}),
        ...(finding.trigger ? { trigger: finding.trigger } : {}),
        ...(finding.destination ? { destination: finding.destination } : {}),
        ...(finding.decoded ? { decoded: { chain: finding.decoded.chain, size: finding.decoded.size } } : {}),
        ...(target.name ? { package: target.version ? `${target.name} ${target.version}` : target.name } : {}),
        ...(mark ? { policy: mark } : {}),
      },
      ...policyFields(mark, result.policy?.baseline !== undefined),
    };
    if (finding.flow?.length) {
      sarifResult.codeFlows = [
        {
          threadFlows: [
            {
              locations: finding.flow.map((step) => ({
                location: {
                  physicalLocation: physicalLocation(location, step.line, step.column, step.code),
                  message: { text: step.note },
                },
              })),
            },
          ],
        },
      ];
    }
    if (finding.origin && file) {
      const originFile = target.files.find((f) => f.path === finding.origin!.path);
      const originLocation = originFile
        ? fileLocation(target, originFile)
        : fileLocation(target, { ...file, path: finding.origin.path });
      sarifResult.relatedLocations = [
        {
          id: 1,
          physicalLocation: physicalLocation(originLocation, finding.origin.line, 0, ''),
          message: { text: 'The call that decodes this payload.' },
        },
      ];
    }
    results.push(sarifResult);
  };

  for (const target of result.targets) {
    const location = targetLocation(target);
    let targetIndex: number | undefined;
    if (target.kind !== 'directory') {
      targetIndex =
        artifacts.push({
          location: artifactLocation(location),
          ...(target.size !== undefined ? { length: target.size } : {}),
          ...(target.sha256 ? { hashes: { 'sha-256': target.sha256 } } : {}),
          roles: ['analysisTarget'],
        }) - 1;
      if (location.uriBaseId) usesBase.add(location.uriBaseId);
    }
    for (const finding of target.findings) addResult(finding, location, targetIndex, target);
    for (const file of target.files) {
      if (file.findings.length === 0) continue;
      const fileLoc = fileLocation(target, file);
      let fileIndex = targetIndex;
      if (target.kind !== 'file') {
        fileIndex =
          artifacts.push({
            location: artifactLocation(fileLoc),
            length: file.size,
            ...(targetIndex !== undefined ? { parentIndex: targetIndex } : {}),
            ...(file.kind === 'python' ? { sourceLanguage: 'python' } : {}),
          }) - 1;
      }
      for (const finding of file.findings) addResult(finding, fileLoc, fileIndex, target, file);
    }
  }

  const originalUriBaseIds: Json = {};
  if (usesBase.has(SRCROOT)) originalUriBaseIds[SRCROOT] = { description: { text: 'The directory pyguard ran in.' } };
  if (usesBase.has(DISTRIBUTIONS)) {
    const index = result.resolution?.index;
    originalUriBaseIds[DISTRIBUTIONS] = {
      description: {
        text: `Distribution files as downloaded${index ? ` from ${index}` : ''}; paths after the file name are members of the archive.`,
      },
    };
  }

  const targetName = (target: AuditResult['targets'][number]) =>
    target.filename ?? target.path ?? target.name ?? 'target';
  const notifications = result.targets.flatMap((target) => [
    ...target.errors.map((error) => ({
      level: 'error',
      message: { text: `${targetName(target)}: ${error.message}` },
      descriptor: { id: error.code },
    })),
    // what was not analysed: the target is UNAUDITED
    ...(target.unaudited ?? []).map((item) => ({
      level: 'error',
      message: { text: `${targetName(target)}: UNAUDITED: ${item.path}: ${item.reason}` },
      descriptor: { id: item.rule },
    })),
  ]);

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pyguard',
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: PYGUARD_INFORMATION_URI,
            rules: ruleList.map(sarifRule),
          },
        },
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            commandLine: ['pyguard', ...result.command].join(' '),
            arguments: result.command,
            endTimeUtc: result.createdAt,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        ...(Object.keys(originalUriBaseIds).length ? { originalUriBaseIds } : {}),
        artifacts,
        results,
        properties: {
          risk: result.summary.risk,
          unaudited: result.summary.unaudited ?? 0,
          schemaVersion: result.schemaVersion,
          ...(result.policy ? { policy: result.policy } : {}),
        },
      },
    ],
  };
}
