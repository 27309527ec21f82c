// The env capability: reading the whole environment, or variables named like credentials. Info on its own;
// the data-flow rule reports it when such a value reaches the network.
import { SECRET_ENV_NAME } from '../indicators/secrets.ts';
import { HOLE } from '../evaluate.ts';
import { addFinding, type FileContext } from '../file-context.ts';

const BULK = new Set(['os.environ.copy', 'os.environ.items', 'os.environ.values', 'os.environ.keys', 'builtins.dict']);
const SINGLE = new Set(['os.getenv', 'os.environ.get', 'os.getenvb']);

export function environmentRules(ctx: FileContext): void {
  for (const call of ctx.facts.calls) {
    const path = call.paths.find((p) => BULK.has(p) || SINGLE.has(p));
    if (!path) continue;
    const first = call.args.positional[0];
    if (path === 'builtins.dict') {
      if (!first || !/^os\.environ$/.test(first.text)) continue;
    }
    if (SINGLE.has(path)) {
      const name = first ? ctx.evaluator.text(first) : undefined;
      if (name === undefined || name.includes(HOLE) || !SECRET_ENV_NAME.test(name)) continue;
      addFinding(ctx, call.node, {
        rule: 'env-read',
        severity: 'info',
        message: `reads the environment variable ${name}`,
        capability: 'env',
      });
      continue;
    }
    addFinding(ctx, call.node, {
      rule: 'env-read',
      severity: 'info',
      message: 'reads the whole environment',
      capability: 'env',
    });
  }
}
