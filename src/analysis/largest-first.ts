// The worker pool's queue of waiting files: the largest first (a large file started last would keep one core busy
// while the others wait at the end of a run), files of equal size in the order they came. A binary heap.

export class LargestFirstQueue<T> {
  private readonly heap: { item: T; size: number; order: number }[] = [];
  private added = 0;

  constructor(private readonly sizeOf: (item: T) => number) {}

  get length(): number {
    return this.heap.length;
  }

  push(item: T): void {
    this.heap.push({ item, size: this.sizeOf(item), order: this.added++ });
    let at = this.heap.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  /** The largest waiting item (the earliest of equal ones), removed; undefined when empty. */
  shift(): T | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (!top || !last || top === last) return top?.item;
    this.heap[0] = last;
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let first = at;
      if (left < this.heap.length && this.before(left, first)) first = left;
      if (right < this.heap.length && this.before(right, first)) first = right;
      if (first === at) break;
      this.swap(at, first);
      at = first;
    }
    return top.item;
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a];
    const y = this.heap[b];
    return x.size > y.size || (x.size === y.size && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b], this.heap[a]];
  }
}
