// Calls of requests that the `responses` library intercepts: inside a function decorated with
// @responses.activate or a `with responses.RequestsMock():` block, requests' transport is replaced and no
// connection is made. Judged on what the code does (the decorator or block resolved to the library), and
// void as soon as the function or block lets calls through (add_passthru, passthru_prefixes), or when the target
// ships a `responses` or `requests` module of its own (the decorator could then be a no-op).
import type { CallFact } from '../facts.ts';
import type { FileContext } from '../file-context.ts';
import type { NetworkApi } from '../indicators/network.ts';
import type { Node } from '../syntax.ts';

const MOCKS = new Set(['responses.activate', 'responses.activate()', 'responses.RequestsMock()', 'responses.mock']);
const PASSTHRU = /passthru/i;
/** The modules the mock's effect rests on. */
const SHADOWABLE = new Set(['responses', 'requests']);

export function isMockedRequest(ctx: FileContext, api: NetworkApi, call: CallFact): boolean {
  // a target that ships its own `responses` (or `requests`) module may make the decorator a no-op
  if (api.library !== 'requests' || ctx.ownModules.some((name) => SHADOWABLE.has(name))) return false;
  for (let node: Node | null = call.node.parent; node; node = node.parent) {
    const mocking = mockOf(ctx, node);
    if (mocking) return !PASSTHRU.test(mocking.text);
  }
  return false;
}

/** The decorated function or the with statement that installs the mock, if `node` is one. */
function mockOf(ctx: FileContext, node: Node): Node | undefined {
  if (node.type === 'decorated_definition') {
    const mocked = node.namedChildren.some(
      (child) =>
        child?.type === 'decorator' &&
        child.namedChildren.some((expression) => !!expression && isMock(ctx, expression)),
    );
    return mocked ? node : undefined;
  }
  if (node.type === 'with_statement') {
    const items = node.namedChildren.find((child) => child?.type === 'with_clause')?.namedChildren ?? [];
    const mocked = items.some((item) => {
      const value = item?.childForFieldName('value');
      const expression = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
      return !!expression && isMock(ctx, expression);
    });
    return mocked ? node : undefined;
  }
  return undefined;
}

function isMock(ctx: FileContext, expression: Node): boolean {
  return ctx.evaluator.paths(expression).some((path) => MOCKS.has(path));
}
