// Known-malware lookup in OSV: one querybatch for every distribution's name, then the MAL- advisories it returned.
// A file hash listed by the advisory confirms it (critical); a listed version is high; the name alone is only info.

import { request, type Dispatcher } from 'undici';
import type { Finding } from '../model/result.ts';
import { targetFinding } from '../analysis/package-checks/target-finding.ts';
import { readBounded } from '../pypi/fetch/body.ts';
import { USER_AGENT } from '../pypi/fetch/http.ts';
import { normalizeName } from '../pypi/names.ts';
import { matchAdvisory, type AdvisoryMatch, type OsvAdvisory } from './osv-advisory.ts';

export const DEFAULT_OSV_URL = 'https://api.osv.dev';
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_PAGES = 10;
const MAX_ADVISORIES = 200;

export interface OsvPackage {
  name: string;
  version: string;
  /** The distribution file's sha256 (hex), to confirm an advisory that lists file hashes. */
  sha256?: string;
}

export interface OsvOptions {
  osvUrl?: string;
  offline?: boolean;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

export interface OsvResult {
  /** Findings per package, keyed by osvKey(name, version). */
  findings: Map<string, Finding[]>;
  notes: string[];
  /** Set when the lookup could not be done (offline, OSV unreachable or answering nonsense): the note saying so. */
  failure?: string;
}

export function osvKey(name: string, version: string): string {
  return `${normalizeName(name)}@${version}`;
}

interface BatchResponse {
  results?: { vulns?: { id: string }[]; next_page_token?: string }[];
}

async function call<T>(url: string, options: OsvOptions, body?: unknown): Promise<T> {
  const timeout = options.timeoutMs ?? 30_000;
  const response = await request(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'user-agent': USER_AGENT,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    dispatcher: options.dispatcher,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`${url} answered HTTP ${response.statusCode}`);
  }
  const { bytes } = await readBounded(response.body, MAX_RESPONSE_BYTES, url);
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

/** The advisory ids OSV lists for each package name (all versions), following next_page_token. */
async function idsByPackage(base: string, names: string[], options: OsvOptions): Promise<string[][]> {
  const ids: string[][] = names.map(() => []);
  let pending = names.map((name, index) => ({
    index,
    query: { package: { name, ecosystem: 'PyPI' } } as Record<string, unknown>,
  }));
  for (let page = 0; pending.length > 0 && page < MAX_PAGES; page++) {
    const response = await call<BatchResponse>(`${base}/v1/querybatch`, options, {
      queries: pending.map((p) => p.query),
    });
    const next: typeof pending = [];
    pending.forEach((p, i) => {
      const result = response.results?.[i];
      for (const vuln of result?.vulns ?? []) if (typeof vuln.id === 'string') ids[p.index].push(vuln.id);
      if (result?.next_page_token)
        next.push({ index: p.index, query: { ...p.query, page_token: result.next_page_token } });
    });
    pending = next;
  }
  return ids;
}

const MESSAGES: Record<AdvisoryMatch, { rule: string; severity: Finding['severity']; text: string }> = {
  file: {
    rule: 'osv-known-malware',
    severity: 'critical',
    text: 'known malware: this exact file (sha256) is listed by',
  },
  version: { rule: 'osv-malware-version', severity: 'high', text: 'this name and version are reported as malware by' },
  'version-other-file': {
    rule: 'osv-malware-version-other-file',
    severity: 'medium',
    text: "this name and version are reported as malware, but the file's sha256 is not among the files listed by",
  },
  name: {
    rule: 'osv-malware-name',
    severity: 'info',
    text: 'a malware advisory exists for a package of this name (another version, or a different, private package) in',
  },
};

function finding(match: AdvisoryMatch, advisory: OsvAdvisory): Finding {
  const { rule, severity, text } = MESSAGES[match];
  const summary = advisory.summary ? `: ${advisory.summary}` : '';
  return targetFinding({ rule, severity, code: advisory.id, message: `${text} ${advisory.id}${summary}` });
}

/** Looks up every package in OSV's malicious-package advisories (MAL- ids only). Never throws: failures become notes. */
export async function queryOsvMalware(packages: readonly OsvPackage[], options: OsvOptions = {}): Promise<OsvResult> {
  const findings = new Map<string, Finding[]>();
  if (packages.length === 0) return { findings, notes: [] };
  if (options.offline) {
    const failure = 'known-malware lookup (OSV) skipped: offline';
    return { findings, notes: [failure], failure };
  }
  const base = (options.osvUrl ?? DEFAULT_OSV_URL).replace(/\/+$/, '');
  const names = [...new Set(packages.map((p) => normalizeName(p.name)))];
  try {
    const idLists = await idsByPackage(base, names, options);
    const malIds = [...new Set(idLists.flat().filter((id) => id.startsWith('MAL-')))].slice(0, MAX_ADVISORIES);
    const advisories = await Promise.all(
      malIds.map((id) => call<OsvAdvisory>(`${base}/v1/vulns/${encodeURIComponent(id)}`, options)),
    );
    for (const pkg of packages) {
      const found = advisories
        .map((advisory) => ({ advisory, match: matchAdvisory(advisory, pkg) }))
        .filter((m): m is { advisory: OsvAdvisory; match: AdvisoryMatch } => m.match !== null)
        .map(({ advisory, match }) => finding(match, advisory));
      if (found.length > 0) findings.set(osvKey(pkg.name, pkg.version), found);
    }
    const notes =
      malIds.length === MAX_ADVISORIES
        ? [`known-malware lookup (OSV): only the first ${MAX_ADVISORIES} advisories were read`]
        : [];
    return { findings, notes };
  } catch (error) {
    const failure = `known-malware lookup (OSV) failed: ${(error as Error).message}`;
    return { findings: new Map(), notes: [failure], failure };
  }
}
