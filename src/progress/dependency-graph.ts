// The dependency tree as far as it is known while a check runs: the distributions the resolver considers and the
// projects each requires, replaced by the resolved tree when resolution ends. Keyed by normalized name; `<root>`
// stands for the user's requirements.
import type { PlannedPackage } from '../model/progress.ts';
import { normalizeName } from '../pypi/names.ts';

export const ROOT = '<root>';

export interface GraphNode {
  /** Normalized name, or ROOT. */
  key: string;
  name: string;
  /** The version considered last (while resolving) or resolved; absent while only required so far. */
  version?: string;
  /** Keys of the projects it requires, in the order they were first seen. */
  requires: string[];
}

const keyOf = (name: string): string => (name === ROOT ? ROOT : normalizeName(name));

export class DependencyGraph {
  private nodes = new Map<string, GraphNode>();

  private node(name: string): GraphNode {
    const key = keyOf(name);
    let node = this.nodes.get(key);
    if (!node) {
      node = { key, name, requires: [] };
      this.nodes.set(key, node);
    }
    return node;
  }

  private link(from: GraphNode, to: string): void {
    const key = this.node(to).key;
    if (key !== from.key && !from.requires.includes(key)) from.requires.push(key);
  }

  /** While resolving: `name` (at `version`) requires `requires`; a later version considered replaces the version. */
  considered(name: string, version: string | undefined, requires: readonly string[]): void {
    const node = this.node(name);
    if (version !== undefined) node.version = version;
    for (const required of requires) this.link(node, required);
  }

  /** Resolution is done: the resolved packages and who requires each replace what was considered. */
  resolved(packages: readonly PlannedPackage[]): void {
    this.nodes = new Map();
    const root = this.node(ROOT);
    for (const p of packages) Object.assign(this.node(p.name), { name: p.name, version: p.version });
    for (const p of packages)
      for (const parent of p.requiredBy) {
        // requiredBy holds '<root>' or the requiring distribution, possibly with its version ('flask 3.0.0').
        const from = parent === ROOT ? root : this.nodes.get(keyOf(parent.split(' ')[0]));
        if (from) this.link(from, p.name);
      }
  }

  /** Every node, the root first (when the user's requirements are known). */
  list(): GraphNode[] {
    return [...this.nodes.values()].map((node) => ({ ...node, requires: [...node.requires] }));
  }
}
