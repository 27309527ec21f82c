// A backtracking resolver with the algorithm of resolvelib 1.0 (the one pip 23 vendors): pin the most preferred
// unsatisfied identifier, try its candidates best first, and on a dead end backjump to the last pin whose
// dependencies touch the conflict, remembering the rejected candidates. Generic over requirement and candidate types.

export interface Information<R, C> {
  requirement: R;
  /** The candidate whose dependency this is; null for a root requirement. */
  parent: C | null;
}

export interface Criterion<R, C> {
  candidates: C[];
  information: Information<R, C>[];
  incompatibilities: C[];
}

export interface State<R, C> {
  /** Pins in the order they were made (Map keeps insertion order, like resolvelib's OrderedDict). */
  mapping: Map<string, C>;
  criteria: Map<string, Criterion<R, C>>;
  backtrackCauses: Information<R, C>[];
}

/** What the algorithm asks of the packaging world (pip's provider). */
export interface Provider<R, C> {
  identifyRequirement(r: R): string;
  identifyCandidate(c: C): string;
  /** A sort key; the smallest is pinned first. */
  preference(identifier: string, state: State<R, C>): (number | string | boolean)[];
  /** Candidates for `identifier`, best first, satisfying `requirements` and excluding `incompatibilities`. */
  findMatches(
    identifier: string,
    requirements: (id: string) => R[],
    incompatibilities: (id: string) => C[],
  ): Promise<C[]>;
  isSatisfiedBy(requirement: R, candidate: C): boolean;
  getDependencies(candidate: C): Promise<R[]>;
}

/** No solution: the requirements (with their parents) that could not be satisfied together. */
export class ResolutionImpossible<R, C> extends Error {
  readonly causes: Information<R, C>[];
  constructor(causes: Information<R, C>[]) {
    super('resolution impossible');
    this.causes = causes;
  }
}

export class ResolutionTooDeep extends Error {
  constructor(rounds: number) {
    super(`resolution gave up after ${rounds} rounds`);
  }
}

class RequirementsConflicted<R, C> extends Error {
  readonly criterion: Criterion<R, C>;
  constructor(criterion: Criterion<R, C>) {
    super('requirements conflicted');
    this.criterion = criterion;
  }
}

export interface Resolution<R, C> {
  /** Pins connected to the roots, in pin order. */
  mapping: Map<string, C>;
  criteria: Map<string, Criterion<R, C>>;
}

export class BacktrackingResolver<R, C> {
  private states: State<R, C>[] = [];
  constructor(private readonly provider: Provider<R, C>) {}

  private get state(): State<R, C> {
    return this.states[this.states.length - 1];
  }

  private pushNewState(): void {
    const base = this.state;
    this.states.push({
      mapping: new Map(base.mapping),
      criteria: new Map(base.criteria),
      backtrackCauses: [...base.backtrackCauses],
    });
  }

  private requirementsOf(criteria: Map<string, Criterion<R, C>>, extra?: [string, R]) {
    return (id: string): R[] => {
      const existing = criteria.get(id)?.information.map((i) => i.requirement) ?? [];
      return extra && extra[0] === id ? [...existing, extra[1]] : existing;
    };
  }

  private incompatibilitiesOf(criteria: Map<string, Criterion<R, C>>, override?: [string, C[]]) {
    return (id: string): C[] =>
      override && override[0] === id ? override[1] : (criteria.get(id)?.incompatibilities ?? []);
  }

  private async addToCriteria(criteria: Map<string, Criterion<R, C>>, requirement: R, parent: C | null): Promise<void> {
    const id = this.provider.identifyRequirement(requirement);
    const existing = criteria.get(id);
    const incompatibilities = existing ? [...existing.incompatibilities] : [];
    const candidates = await this.provider.findMatches(
      id,
      this.requirementsOf(criteria, [id, requirement]),
      this.incompatibilitiesOf(criteria, [id, incompatibilities]),
    );
    const information = [...(existing?.information ?? []), { requirement, parent }];
    const criterion = { candidates, information, incompatibilities };
    if (candidates.length === 0) throw new RequirementsConflicted(criterion);
    criteria.set(id, criterion);
  }

  private isCurrentPinSatisfying(id: string, criterion: Criterion<R, C>): boolean {
    const pin = this.state.mapping.get(id);
    return pin !== undefined && criterion.information.every((i) => this.provider.isSatisfiedBy(i.requirement, pin));
  }

  private async updatedCriteria(candidate: C): Promise<Map<string, Criterion<R, C>>> {
    const criteria = new Map(this.state.criteria);
    for (const requirement of await this.provider.getDependencies(candidate)) {
      await this.addToCriteria(criteria, requirement, candidate);
    }
    return criteria;
  }

  /** Tries the candidates of `id` in order; returns the conflicts when none can be pinned. */
  private async attemptToPin(id: string): Promise<Criterion<R, C>[]> {
    const criterion = this.state.criteria.get(id) as Criterion<R, C>;
    const causes: Criterion<R, C>[] = [];
    for (const candidate of criterion.candidates) {
      let criteria: Map<string, Criterion<R, C>>;
      try {
        criteria = await this.updatedCriteria(candidate);
      } catch (error) {
        if (!(error instanceof RequirementsConflicted)) throw error;
        causes.push(error.criterion as Criterion<R, C>);
        continue;
      }
      for (const [k, v] of criteria) this.state.criteria.set(k, v);
      this.state.mapping.delete(id);
      this.state.mapping.set(id, candidate);
      return [];
    }
    return causes;
  }

  private removeInformationFrom(criteria: Map<string, Criterion<R, C>>, parents: Set<string>): void {
    if (parents.size === 0) return;
    for (const [key, c] of criteria) {
      criteria.set(key, {
        candidates: c.candidates,
        information: c.information.filter(
          (i) => i.parent === null || !parents.has(this.provider.identifyCandidate(i.parent)),
        ),
        incompatibilities: c.incompatibilities,
      });
    }
  }

  /** resolvelib's _backjump: returns false when there is no state left to try. */
  private async backjump(causes: Information<R, C>[]): Promise<boolean> {
    const incompatibleDeps = new Set<string>();
    for (const c of causes) if (c.parent !== null) incompatibleDeps.add(this.provider.identifyCandidate(c.parent));
    for (const c of causes) incompatibleDeps.add(this.provider.identifyRequirement(c.requirement));
    while (this.states.length >= 3) {
      this.states.pop();
      let broken: State<R, C>;
      let name: string;
      let candidate: C;
      for (;;) {
        const popped = this.states.pop();
        const last = popped ? [...popped.mapping].pop() : undefined;
        if (!popped || !last) throw new ResolutionImpossible(causes);
        [name, candidate] = last;
        popped.mapping.delete(name);
        broken = popped;
        const deps = (await this.provider.getDependencies(candidate)).map((d) => this.provider.identifyRequirement(d));
        if (deps.some((d) => incompatibleDeps.has(d))) break;
      }
      const fromBroken: [string, C[]][] = [...broken.criteria].map(([k, v]) => [k, [...v.incompatibilities]]);
      fromBroken.push([name, [candidate]]);
      this.pushNewState();
      if (await this.patchCriteria(fromBroken)) return true;
    }
    return false;
  }

  private async patchCriteria(fromBroken: [string, C[]][]): Promise<boolean> {
    const criteria = this.state.criteria;
    for (const [k, incompatibilities] of fromBroken) {
      if (incompatibilities.length === 0) continue;
      const criterion = criteria.get(k);
      if (!criterion) continue;
      const candidates = await this.provider.findMatches(
        k,
        this.requirementsOf(criteria),
        this.incompatibilitiesOf(criteria, [k, incompatibilities]),
      );
      if (candidates.length === 0) return false;
      criteria.set(k, {
        candidates,
        information: [...criterion.information],
        incompatibilities: [...incompatibilities, ...criterion.incompatibilities],
      });
    }
    return true;
  }

  async resolve(requirements: R[], maxRounds: number): Promise<Resolution<R, C>> {
    this.states = [{ mapping: new Map(), criteria: new Map(), backtrackCauses: [] }];
    for (const r of requirements) {
      try {
        await this.addToCriteria(this.state.criteria, r, null);
      } catch (error) {
        if (error instanceof RequirementsConflicted)
          throw new ResolutionImpossible<R, C>(error.criterion.information as Information<R, C>[]);
        throw error;
      }
    }
    this.pushNewState();
    for (let round = 0; round < maxRounds; round++) {
      const unsatisfied = [...this.state.criteria]
        .filter(([k, c]) => !this.isCurrentPinSatisfying(k, c))
        .map(([k]) => k);
      if (unsatisfied.length === 0) return buildResult(this.state);
      const satisfied = new Set([...this.state.criteria.keys()].filter((k) => !unsatisfied.includes(k)));
      const name = this.mostPreferred(unsatisfied);
      const failures = await this.attemptToPin(name);
      if (failures.length > 0) {
        const causes = failures.flatMap((c) => c.information);
        const success = await this.backjump(causes);
        this.state.backtrackCauses.splice(0, this.state.backtrackCauses.length, ...causes);
        if (!success) throw new ResolutionImpossible(this.state.backtrackCauses);
      } else {
        const newlyUnsatisfied = new Set(
          [...this.state.criteria]
            .filter(([k, c]) => satisfied.has(k) && !this.isCurrentPinSatisfying(k, c))
            .map(([k]) => k),
        );
        this.removeInformationFrom(this.state.criteria, newlyUnsatisfied);
        this.pushNewState();
      }
    }
    throw new ResolutionTooDeep(maxRounds);
  }

  private mostPreferred(ids: string[]): string {
    let best = ids[0];
    let bestKey = this.provider.preference(best, this.state);
    for (const id of ids.slice(1)) {
      const key = this.provider.preference(id, this.state);
      if (compareKeys(key, bestKey) < 0) {
        best = id;
        bestKey = key;
      }
    }
    return best;
  }
}

function compareKeys(a: (number | string | boolean)[], b: (number | string | boolean)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = typeof a[i] === 'boolean' ? Number(a[i]) : a[i];
    const y = typeof b[i] === 'boolean' ? Number(b[i]) : b[i];
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/** Keeps the pins that a chain of requirements connects to the roots (resolvelib's _build_result). */
function buildResult<R, C>(state: State<R, C>): Resolution<R, C> {
  const keyOf = new Map<C, string>();
  for (const [k, c] of state.mapping) keyOf.set(c, k);
  const connected = new Set<string>();
  const hasRoute = (key: string, visiting: Set<string>): boolean => {
    if (connected.has(key)) return true;
    const criterion = state.criteria.get(key);
    if (!criterion || visiting.has(key)) return false;
    visiting.add(key);
    for (const info of criterion.information) {
      const parentKey = info.parent === null ? null : keyOf.get(info.parent);
      if (parentKey === undefined) continue;
      if (parentKey === null || hasRoute(parentKey, visiting)) {
        connected.add(key);
        return true;
      }
    }
    return false;
  };
  for (const key of state.criteria.keys()) hasRoute(key, new Set());
  const mapping = new Map([...state.mapping].filter(([k]) => connected.has(k)));
  return { mapping, criteria: state.criteria };
}
