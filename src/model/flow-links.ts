// The working data a file's flow analysis leaves for the target stage, which joins flows across the target's own
// modules (src/analysis/flow-links.ts): parameters that reach a sink, and calls of other modules given secrets.
import type { CodeContext, Destination, FlowStep, Trigger } from './result.ts';

/** What a source gives: the whole environment or a credential file, a named secret, the machine's identity. */
export type SourceStrength = 'bulk-secrets' | 'credential-file' | 'secret-env' | 'identity' | 'user-data';

/** A parameter of a module's function that reaches a sink: its index among the call's arguments, and the sink. */
export interface ParamSink {
  index: number;
  label: string;
  destination?: Destination;
  /** The sink's line, as the last step of the flow. */
  step: FlowStep;
}

/** A source's data given to a function of another module of the target. */
export interface TaintedArgument {
  index: number;
  what: string;
  strength: SourceStrength;
  /** SECRET_OWNERS' owner of a secret whose name says which service it unlocks. */
  owner?: string;
  anyKindOfKey?: boolean;
  steps: FlowStep[];
}

/** A call of another module's function (`pkg.net:ship`, or `pkg.net:Client.push` for a method) given secrets. */
export interface TaintedCall {
  callee: string;
  line: number;
  column: number;
  code: string;
  context: CodeContext;
  trigger: Trigger;
  args: TaintedArgument[];
}

/** What a file's flow analysis leaves for the target stage (removed from the report once joined). */
export interface FlowLinks {
  /** By function name (`ship`, or `Client.push`). */
  exports: Record<string, ParamSink[]>;
  calls: TaintedCall[];
}
