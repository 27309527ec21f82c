// The policy options every judging command shares (check, scan, report, pip install): --policy, --baseline,
// --warn-on and --fail-on over the nearest pyguard.toml. Policy files inside the audited paths are never picked up
// by themselves: suppression comes from the user's side only.
import { resolve, sep } from 'node:path';
import type { FailOn, Severity } from '../model/result.ts';
import type { Judging } from '../policy/apply.ts';
import { EMPTY_POLICY, findPolicyFile, readPolicy, type Policy } from '../policy/load.ts';
import type { ParsedArgs } from './args.ts';
import type { CommandIO } from './io.ts';
import { readResult } from './saved-result.ts';

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** The policy, thresholds and baseline a command judges with; `audited` are local paths under audit (scan). */
export function loadJudging(args: ParsedArgs, io: CommandIO, audited: string[] = []): Judging {
  const today = new Date().toISOString().slice(0, 10);
  const explicit = args.values.get('policy');
  let file = explicit === undefined ? undefined : resolve(io.cwd, explicit);
  if (!file && !args.flags.has('no-policy')) {
    const found = findPolicyFile(io.cwd);
    const within = found && audited.map((p) => resolve(io.cwd, p)).find((p) => inside(found, p));
    if (found && within)
      io.stderr(
        `pyguard: not using ${found}: it is inside ${within}, which is being audited (name it with --policy to use it)\n`,
      );
    else file = found;
  }
  const policy = file ? readPolicy(file, io.cwd, today) : EMPTY_POLICY;
  // The option table checked the levels (any case; fail-on also `never`).
  const failOn = (args.values.get('fail-on') as FailOn | undefined) ?? policy.failOn ?? 'high';
  const warnOn = (args.values.get('warn-on') as Severity | undefined) ?? policy.warnOn;
  const baselinePath = args.values.get('baseline');
  return {
    policy,
    failOn,
    ...(warnOn ? { warnOn } : {}),
    ...(baselinePath ? { baseline: { result: readResult(baselinePath, io.cwd), file: baselinePath } } : {}),
  };
}

/** The command line's index options, with the policy's [index] settings where the command line gives none. */
export function withPolicyIndex(args: ParsedArgs, policy: Policy): ParsedArgs {
  const { index } = policy;
  const values = new Map(args.values);
  const multi = new Map(args.multi);
  const flags = new Set(args.flags);
  if (index['index-url'] && !values.has('index-url') && !values.has('pypi-url'))
    values.set('index-url', index['index-url']);
  if (index['extra-index-url'] && !multi.has('extra-index-url')) multi.set('extra-index-url', index['extra-index-url']);
  if (index['find-links'] && !multi.has('find-links')) multi.set('find-links', index['find-links']);
  if (index['no-index']) flags.add('no-index');
  return { ...args, values, multi, flags };
}
