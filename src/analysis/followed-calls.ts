// What a followed call of one of the file's functions returned, by the function and the values of its arguments:
// the evaluator follows the same function with the same values again and again (from each call site, and anew in
// every followed call around it), and reads it once per file instead. A result is kept only when it depended on
// nothing but those values, and is given again only where computing it would have gone the same way: within the
// depth, nesting and followed-call bounds it kept to (or at the very depth and nesting it was cut at), with no
// decoding done (a decoding is recorded and spends the target's budget) and no comprehension item read around it.
import type { AbstractValue } from './evaluate.ts';

/** Longest key kept: argument values longer than this are followed every time. */
const MAX_KEY_LENGTH = 4096;

/**
 * Where a followed call is (its depth, the frames open around it, the calls followed so far in the file), or the
 * evaluator's bounds on these.
 */
export interface FollowPlace {
  depth: number;
  frames: number;
  followedCalls: number;
}

interface Remembered {
  value: AbstractValue;
  /** How much deeper, and how many frames further, its computation went than where it started. */
  depthSpan: number;
  frameSpan: number;
  /** The calls it followed (itself included): the file's count advances by as much when it is given again. */
  followedCalls: number;
  /** Functions it looked for among the frames below its own and did not find: none may be there when it is given. */
  absent: readonly number[];
}

/** What a computation in progress reached (the evaluator reports into it; merged into the one around it). */
interface Reach {
  depth: number;
  frames: number;
  /** The lowest frame whose contents it read that are not part of its key (a frame below its own is another's). */
  lowestFrameRead: number;
  absent: number[];
  boundHit: boolean;
  decoded: boolean;
}

export class FollowedCalls {
  private readonly results = new Map<string, Remembered>();
  /** Results cut short by the depth or nesting bound, by key and where they started (see cutKey). */
  private readonly cutResults = new Map<string, Remembered>();
  private reach: Reach = newReach(0, 0);

  constructor(private readonly bounds: FollowPlace) {}

  /** A key for a function followed with these values, or undefined when they are too long to key by. */
  key(
    fn: number,
    positional: readonly AbstractValue[],
    keywords: ReadonlyMap<string, AbstractValue>,
  ): string | undefined {
    // the length is checked before a long text is copied into a key (a followed call's text may be a megabyte)
    let length = 0;
    for (const value of [...positional, ...keywords.values()]) length += signatureLength(value);
    if (length > MAX_KEY_LENGTH) return undefined;
    let key = `${fn}(${positional.length}`;
    for (const value of positional) key += signature(value);
    key += `|${keywords.size}`;
    for (const [name, value] of keywords) key += `${name.length}:${name}${signature(value)}`;
    return key.length <= MAX_KEY_LENGTH ? key : undefined;
  }

  /**
   * The remembered result, when computing it here would go as it went; `openFunctions`: the functions of the frames
   * open here. The file's count of followed calls is to advance by `followedCalls`.
   */
  recall(
    key: string,
    place: FollowPlace,
    openFunctions: () => number[],
  ): { value: AbstractValue; followedCalls: number } | undefined {
    const whole = this.results.get(key);
    const found =
      whole && place.depth + whole.depthSpan <= this.bounds.depth && place.frames + whole.frameSpan < this.bounds.frames
        ? whole
        : this.cutResults.get(cutKey(key, place));
    if (
      !found ||
      place.followedCalls + found.followedCalls >= this.bounds.followedCalls ||
      (found.absent.length > 0 && openFunctions().some((fn) => found.absent.includes(fn)))
    )
      return undefined;
    // what it reached and looked for is what the computation around it reaches and looks for
    this.noteDepth(place.depth + found.depthSpan);
    this.noteFrames(place.frames + found.frameSpan);
    for (const fn of found.absent) this.noteAbsent(fn);
    return { value: found.value, followedCalls: found.followedCalls };
  }

  /**
   * Computes a followed call at `place` (the frame it opens will be at index place.frames) and remembers its result
   * under `key` when it depended on its arguments only and did not run out of followed calls.
   */
  follow(key: string, place: FollowPlace, compute: () => AbstractValue, followedCallsNow: () => number): AbstractValue {
    const outer = this.reach;
    const reach = newReach(place.depth, place.frames);
    this.reach = reach;
    try {
      const value = compute();
      if (reach.lowestFrameRead >= place.frames && !reach.boundHit && !reach.decoded) {
        const remembered = {
          value,
          depthSpan: reach.depth - place.depth,
          frameSpan: reach.frames - place.frames,
          followedCalls: followedCallsNow() - place.followedCalls,
          absent: reach.absent,
        };
        // one cut by the depth or nesting bound goes the same way only where it starts at the same depth and nesting
        if (reach.depth > this.bounds.depth || reach.frames >= this.bounds.frames)
          this.cutResults.set(cutKey(key, place), remembered);
        else this.results.set(key, remembered);
      }
      return value;
    } finally {
      this.reach = outer;
      outer.depth = Math.max(outer.depth, reach.depth);
      outer.frames = Math.max(outer.frames, reach.frames);
      outer.lowestFrameRead = Math.min(outer.lowestFrameRead, reach.lowestFrameRead);
      for (const fn of reach.absent) if (!outer.absent.includes(fn)) outer.absent.push(fn);
      outer.boundHit ||= reach.boundHit;
      outer.decoded ||= reach.decoded;
    }
  }

  /** A depth the evaluation checks against its bound. */
  noteDepth(depth: number): void {
    if (depth > this.reach.depth) this.reach.depth = depth;
  }

  /** A call about to be followed (or a comprehension item read) with this many frames open. */
  noteFrames(frames: number): void {
    if (frames > this.reach.frames) this.reach.frames = frames;
  }

  /** A read of the arguments a frame holds. */
  noteFrameRead(index: number): void {
    if (index < this.reach.lowestFrameRead) this.reach.lowestFrameRead = index;
  }

  /** A function's frame looked for and not found among the frames open. */
  noteAbsent(fn: number): void {
    if (!this.reach.absent.includes(fn)) this.reach.absent.push(fn);
  }

  noteBoundHit(): void {
    this.reach.boundHit = true;
  }

  noteDecoding(): void {
    this.reach.decoded = true;
  }
}

function newReach(depth: number, frames: number): Reach {
  return { depth, frames, lowestFrameRead: frames, absent: [], boundHit: false, decoded: false };
}

/** The key of a result cut short by a bound: where it started is part of it. */
function cutKey(key: string, place: FollowPlace): string {
  return `${key}@${place.depth},${place.frames}`;
}

/** At least the length of a value's signature: the lengths of its strings. */
function signatureLength(value: AbstractValue): number {
  let length = value.text?.length ?? 0;
  for (const path of value.paths) length += path.length;
  return length;
}

/** A value written out unambiguously: each string with its length, each function by its node id. */
function signature(value: AbstractValue): string {
  let out = `[${value.paths.length}`;
  for (const path of value.paths) out += `,${path.length}:${path}`;
  out += value.text === undefined ? '|-' : `|${value.text.length}:${value.text}`;
  out += `|${value.functions.length}`;
  for (const fn of value.functions) out += `,${fn.id}`;
  return `${out}]`;
}
