// Checks on what a distribution holds, member by member: native binaries, shell/Windows scripts, bytecode without source.

import scriptLaunchers from '../../../data/script-launchers.json' with { type: 'json' };
import { type ArchiveEntry, memberSha256 } from '../../model/entries.ts';
import type { Finding } from '../../model/result.ts';
import { classifyingBytes, extensionOf, SCRIPT_FILES } from '../classify.ts';
import { classifyBinary } from './binary.ts';
import { targetFinding } from './target-finding.ts';

/** What kind of distribution the members come from; decides how surprising a binary is. */
export type DistFlavour = 'pure-wheel' | 'platform-wheel' | 'sdist';

/** Extensions that promise text or data: a native binary named like this is disguised. */
const NON_BINARY_EXTENSIONS =
  /\.(py|pyi|pth|txt|md|rst|json|toml|cfg|ini|ya?ml|csv|html?|css|js|png|jpe?g|gif|ico|svg|xml)$/i;

/** The Windows script launchers setuptools and distlib (vendored by pip) ship in their pure wheels, known by content. */
const SCRIPT_LAUNCHERS: ReadonlySet<string> = new Set(scriptLaunchers.launchers.map((launcher) => launcher.sha256));

function isScriptLauncher(entry: ArchiveEntry): boolean {
  const digest = memberSha256(entry);
  return digest !== undefined && SCRIPT_LAUNCHERS.has(digest);
}

function binaryFinding(entry: ArchiveEntry, kind: string, flavour: DistFlavour): Finding {
  const base = { path: entry.path, capability: 'native-binary' as const };
  if (kind === 'pe' && isScriptLauncher(entry)) {
    return targetFinding({
      ...base,
      rule: 'pkg-native-binary',
      severity: 'info',
      message: `${entry.path} is a Windows script launcher of the kind setuptools and distlib ship`,
    });
  }
  if (NON_BINARY_EXTENSIONS.test(entry.path)) {
    return targetFinding({
      ...base,
      rule: 'pkg-disguised-binary',
      severity: 'high',
      message: `${entry.path} is a native ${kind} binary named like a text or data file`,
    });
  }
  if (flavour === 'pure-wheel') {
    return targetFinding({
      ...base,
      rule: 'pkg-binary-in-pure-wheel',
      severity: 'high',
      message: `${entry.path} is a native ${kind} binary inside a pure-Python (none-any) wheel, which has no reason to ship one`,
    });
  }
  if (flavour === 'sdist') {
    return targetFinding({
      ...base,
      rule: 'pkg-binary-in-sdist',
      severity: 'medium',
      message: `${entry.path} is a prebuilt native ${kind} binary inside a source distribution`,
    });
  }
  return targetFinding({
    ...base,
    rule: 'pkg-native-binary',
    severity: 'info',
    message: `${entry.path} is a native ${kind} binary (expected in a platform wheel)`,
  });
}

/** `x.pyc` or `__pycache__/x.<tag>.pyc` → the `x.py` it was compiled from. */
/** A .pyc starts with its CPython version's magic number: two bytes, then \r\n. */
function isBytecode(data: Uint8Array): boolean {
  return data.length >= 16 && data[2] === 0x0d && data[3] === 0x0a;
}

function sourceOf(pycPath: string): string {
  const cached = /^(.*?)__pycache__\/([^/]+?)\.[^/.]+\.pyc$/.exec(pycPath);
  if (cached) return `${cached[1]}${cached[2]}.py`;
  return pycPath.replace(/\.pyc$/i, '.py');
}

/** Findings about individual members: binaries, scripts (severity raised when installed as a command), orphan bytecode. */
export function checkMembers(
  entries: readonly ArchiveEntry[],
  flavour: DistFlavour,
  isInstalledScript: (path: string) => boolean,
): Finding[] {
  const findings: Finding[] = [];
  const paths = new Set(entries.map((e) => e.path));
  for (const entry of entries) {
    if (entry.type !== 'file') continue;
    // a large zip's member is classified by its head, not inflated again
    const bytes = classifyingBytes(entry);
    const kind = bytes ? classifyBinary(bytes) : null;
    if (kind !== null) {
      findings.push(binaryFinding(entry, kind, flavour));
      continue;
    }
    const ext = extensionOf(entry.path);
    const script = SCRIPT_FILES[ext];
    if (script !== undefined && !((ext === '.js' || ext === '.mjs') && flavour === 'sdist')) {
      const installed = isInstalledScript(entry.path);
      findings.push(
        targetFinding({
          rule: 'pkg-script-file',
          severity: installed && script.severity !== 'medium' ? 'medium' : script.severity,
          path: entry.path,
          capability: 'process',
          message: `${entry.path} is a ${script.what}${installed ? ' installed as a command' : ''}`,
        }),
      );
    }
    if (ext === '.pyc' && bytes && !isBytecode(bytes)) {
      findings.push(
        targetFinding({
          rule: 'pkg-fake-bytecode',
          severity: 'high',
          path: entry.path,
          capability: 'obfuscation',
          message: `${entry.path} is named like compiled Python but holds other data (no CPython bytecode header): a payload hidden under a name reviewers skip`,
        }),
      );
      continue;
    }
    if (ext === '.pyc' && !paths.has(sourceOf(entry.path))) {
      // Python imports a sourceless mod.pyc beside the package's modules, never one left in __pycache__ (PEP 3147)
      const importable = !entry.path.includes('__pycache__/');
      findings.push(
        targetFinding({
          rule: importable ? 'pkg-sourceless-module' : 'pkg-orphan-bytecode',
          severity: 'medium',
          path: entry.path,
          capability: 'obfuscation',
          message: importable
            ? `${entry.path} is a module shipped as bytecode only, which Python imports: its code cannot be reviewed`
            : `${entry.path} is compiled bytecode without its source (${sourceOf(entry.path)}): its code cannot be reviewed`,
        }),
      );
    }
  }
  return findings;
}
