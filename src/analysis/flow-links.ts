// Data flow across the target's own modules: a secret read in one module and handed to a function of another that
// sends its parameter (`from .net import ship; ship(dict(os.environ))`). Each file's flow analysis leaves, as
// working data on its report, the parameters of its functions that reach a sink (exports) and its calls of other
// modules' functions given a source's data (calls); the target stage joins the two here and reports the flow as an
// exfiltration finding at the call, rated as a flow traced in one file would be.
import type { ParamSink, SourceStrength, TaintedArgument, TaintedCall } from '../model/flow-links.ts';
import type { FileReport, FlowStep } from '../model/result.ts';
import type { CallFact } from './facts.ts';
import type { FileContext } from './file-context.ts';
import { exfiltrationFinding, STRENGTH_SCORE } from './flow-severity.ts';
import { SECRET_OWNERS } from './indicators/secrets.ts';
import { moduleOfMember } from './module-names.ts';
import { otherOwnModuleCallee } from './rules/install-imports.ts';

const MAX_STEPS = 8;

/** A taint of the flow analysis, as much of it as a link needs. */
interface LinkTaint {
  what: string;
  strength: SourceStrength | 'parameter';
  owner?: { owner: string };
  anyKindOfKey?: boolean;
  steps: FlowStep[];
}

/** A file's calls of its target's other modules' functions, and those the flow analysis saw given a source's data. */
export class OwnCalls {
  readonly tainted: TaintedCall[] = [];
  private readonly self: string | null;
  private readonly own: ReadonlySet<string>;
  private readonly callees = new Map<number, string | undefined>();
  private readonly noted = new Set<number>();

  constructor(private readonly ctx: FileContext) {
    this.self = moduleOfMember(ctx.path);
    this.own = new Set(ctx.ownModules);
  }

  /** `module:name` of the function of another of the target's modules a call reaches (`pkg.net:Client.push`). */
  callee(call: CallFact): string | undefined {
    if (this.own.size === 0) return undefined;
    if (this.callees.has(call.node.id)) return this.callees.get(call.node.id);
    const called = otherOwnModuleCallee(call.paths, this.own, this.self);
    const found = called ? `${called[0]}:${called[1]}` : undefined;
    this.callees.set(call.node.id, found);
    return found;
  }

  /** Notes a call of another module's function whose positional arguments (of `taints`) carry a source's data. */
  note(call: CallFact, positional: number, taints: LinkTaint[][]): void {
    const callee = this.callee(call);
    if (!callee || this.noted.has(call.node.id)) return;
    const args: TaintedArgument[] = [];
    for (let index = 0; index < positional; index++) {
      let strongest: (LinkTaint & { strength: SourceStrength }) | undefined;
      for (const taint of taints[index] ?? [])
        if (
          taint.strength !== 'parameter' &&
          (!strongest || STRENGTH_SCORE[taint.strength] > STRENGTH_SCORE[strongest.strength])
        )
          strongest = taint as LinkTaint & { strength: SourceStrength };
      if (!strongest) continue;
      const { what, strength, owner, anyKindOfKey, steps } = strongest;
      args.push({
        index,
        what,
        strength,
        ...(owner && { owner: owner.owner }),
        ...(anyKindOfKey && { anyKindOfKey }),
        steps,
      });
    }
    if (args.length === 0) return;
    this.noted.add(call.node.id);
    args.sort((a, b) => STRENGTH_SCORE[b.strength] - STRENGTH_SCORE[a.strength]);
    const line = call.node.startPosition.row + 1;
    const column = call.node.startPosition.column + 1;
    this.tainted.push({
      callee,
      line,
      column,
      code: this.ctx.lines.code(line),
      context: this.ctx.lines.context(line, column),
      trigger: this.ctx.triggers.triggerOf(call.node),
      args,
    });
  }
}

/**
 * Joins every file's tainted calls with the parameter sinks of the functions they call, adds an exfiltration finding
 * at each call whose secret reaches a sink, and removes the working data from the reports.
 */
export function joinFlowLinks(files: FileReport[]): void {
  const sinks = new Map<string, ParamSink[]>();
  for (const file of files) {
    const module = file.path.includes('#') ? null : moduleOfMember(file.path);
    if (module !== null && file.flowLinks)
      // the sink's step is a line of that other file
      for (const [name, exported] of Object.entries(file.flowLinks.exports))
        sinks.set(
          `${module}:${name}`,
          exported.map((sink) => ({ ...sink, step: { ...sink.step, note: `${sink.step.note} (${file.path})` } })),
        );
  }
  for (const file of files) {
    let joined = false;
    for (const call of file.flowLinks?.calls ?? []) {
      const reached = sinks.get(call.callee);
      if (reached && reportJoined(file, call, reached)) joined = true;
    }
    if (joined) {
      file.findings.sort((a, b) => a.line - b.line || a.column - b.column);
      file.egress = true;
    }
  }
  for (const file of files) delete file.flowLinks;
}

/** The strongest secret of the call that one of its parameter sinks receives, reported once at the call (if any). */
function reportJoined(file: FileReport, call: TaintedCall, sinks: ParamSink[]): boolean {
  for (const argument of call.args) {
    const sink = sinks.find((candidate) => candidate.index === argument.index);
    if (!sink) continue;
    const { what, strength, anyKindOfKey } = argument;
    const owner = SECRET_OWNERS.find((candidate) => candidate.owner === argument.owner);
    const fields = exfiltrationFinding({ what, strength, owner, anyKindOfKey }, sink.destination, call.trigger);
    file.findings.push({
      ...fields,
      line: call.line,
      column: call.column,
      code: call.code,
      context: call.context,
      trigger: call.trigger,
      flow: [...argument.steps, sink.step].slice(-MAX_STEPS),
    });
    return true;
  }
  return false;
}
