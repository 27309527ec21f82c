// The app's navigation as a pure reducer: a stack of views (packages → package → file → finding), a cursor and a
// scroll offset in each, the search query, the level filter, help and expanded packages. Keys go in, state comes out.
import type { Finding, RiskLevel } from '../model/result.ts';
import { type Browsed, type BrowsedPackage, type FileRow, fileRows, findingRows, visiblePackages } from './data.ts';
import type { Key } from './keys.ts';

export type View =
  | { kind: 'packages' }
  | { kind: 'package'; pkg: BrowsedPackage }
  | { kind: 'file'; pkg: BrowsedPackage; row: FileRow }
  | { kind: 'finding'; pkg: BrowsedPackage; row: FileRow; finding: Finding };

export interface Frame {
  view: View;
  cursor: number;
  /** The first row shown. */
  top: number;
}

export interface AppState {
  stack: Frame[];
  query: string;
  /** True while the search line takes the keys. */
  typing: boolean;
  /** Packages and findings below this level are hidden ('none' shows everything). */
  minLevel: RiskLevel;
  help: boolean;
  /** The packages whose reasons and destinations are shown under their row. */
  expanded: ReadonlySet<BrowsedPackage>;
  /** What the app must do outside the reducer: quit, or write the HTML report. */
  request?: 'quit' | 'html' | 'interrupt';
  /** A line for the footer, e.g. where the HTML report was written. */
  message?: string;
}

export const FILTER_CYCLE: RiskLevel[] = ['none', 'low', 'medium', 'high', 'critical'];

export function initialState(): AppState {
  return {
    stack: [{ view: { kind: 'packages' }, cursor: 0, top: 0 }],
    query: '',
    typing: false,
    minLevel: 'none',
    help: false,
    expanded: new Set(),
  };
}

/** A row of the package list: a package, or one line of an expanded package's reasons and destinations. */
export interface PackageListRow {
  pkg: BrowsedPackage;
  detail?: string;
}

/** The last rows computed, reused while the list, search, filter and expanded packages stay the same (every key asks). */
let lastRows:
  | { data: Browsed; query: string; minLevel: RiskLevel; expanded: ReadonlySet<BrowsedPackage>; rows: PackageListRow[] }
  | undefined;

export function packageListRows(data: Browsed, state: AppState): PackageListRow[] {
  const last = lastRows;
  if (
    last &&
    last.data === data &&
    last.query === state.query &&
    last.minLevel === state.minLevel &&
    last.expanded === state.expanded
  )
    return last.rows;
  const rows = visiblePackages(data, state.query, state.minLevel).flatMap((pkg): PackageListRow[] => {
    if (!state.expanded.has(pkg)) return [{ pkg }];
    const details = [
      ...pkg.reasons.slice(0, 3).map((reason) => `- ${reason}`),
      ...pkg.destinations.slice(0, 3).map((d) => `→ ${d}`),
    ];
    return [{ pkg }, ...(details.length > 0 ? details : ['(nothing found)']).map((detail) => ({ pkg, detail }))];
  });
  lastRows = { data, query: state.query, minLevel: state.minLevel, expanded: state.expanded, rows };
  return rows;
}

export function current(state: AppState): Frame {
  return state.stack[state.stack.length - 1];
}

/** How many rows the current view has (for the finding view: its detail lines, given by the caller). */
export function rowCount(data: Browsed, state: AppState, detailLines = 0): number {
  const view = current(state).view;
  switch (view.kind) {
    case 'packages':
      return packageListRows(data, state).length;
    case 'package':
      return fileRows(view.pkg.target, state.query).length;
    case 'file':
      return findingRows(view.row.findings, state.query, state.minLevel).length;
    case 'finding':
      return detailLines;
  }
}

function opened(data: Browsed, state: AppState): View | undefined {
  const { view, cursor } = current(state);
  switch (view.kind) {
    case 'packages': {
      const row = packageListRows(data, state)[cursor];
      return row && { kind: 'package', pkg: row.pkg };
    }
    case 'package': {
      const row = fileRows(view.pkg.target, state.query)[cursor];
      return row && { kind: 'file', pkg: view.pkg, row };
    }
    case 'file': {
      const finding = findingRows(view.row.findings, state.query, state.minLevel)[cursor];
      return finding && { kind: 'finding', pkg: view.pkg, row: view.row, finding };
    }
    case 'finding':
      return undefined;
  }
}

function withFrame(state: AppState, frame: Frame): AppState {
  return { ...state, stack: [...state.stack.slice(0, -1), frame] };
}

/** Moves the cursor to `cursor` (clamped) and scrolls so it stays in a window of `page` rows. */
function moveTo(state: AppState, cursor: number, count: number, page: number): AppState {
  const frame = current(state);
  const isDetail = frame.view.kind === 'finding';
  const last = isDetail ? Math.max(0, count - page) : Math.max(0, count - 1);
  const c = Math.max(0, Math.min(cursor, last));
  let top = isDetail ? c : frame.top;
  if (!isDetail) {
    if (c < top) top = c;
    if (c >= top + page) top = c - page + 1;
    top = Math.max(0, Math.min(top, Math.max(0, count - page)));
  }
  return withFrame(state, { ...frame, cursor: c, top });
}

function back(state: AppState): AppState {
  return state.stack.length > 1 ? { ...state, stack: state.stack.slice(0, -1) } : state;
}

function toggleExpanded(data: Browsed, state: AppState): AppState {
  const row = packageListRows(data, state)[current(state).cursor];
  if (!row) return state;
  const expanded = new Set(state.expanded);
  if (expanded.has(row.pkg)) expanded.delete(row.pkg);
  else expanded.add(row.pkg);
  const next = { ...state, expanded };
  // Keep the cursor on the package's own row.
  const index = packageListRows(data, next).findIndex((r) => r.pkg === row.pkg && r.detail === undefined);
  return withFrame(next, { ...current(next), cursor: index });
}

/** After the search or the filter changed: back to the top of the list. */
function refiltered(state: AppState): AppState {
  return withFrame(state, { ...current(state), cursor: 0, top: 0 });
}

function typed(state: AppState, key: Key): AppState {
  if (key.name === 'enter') return { ...state, typing: false };
  if (key.name === 'escape') return refiltered({ ...state, typing: false, query: '' });
  if (key.name === 'backspace') return refiltered({ ...state, query: state.query.slice(0, -1) });
  if (key.name === 'char') return refiltered({ ...state, query: state.query + key.char });
  return state;
}

/**
 * The state after `key`. `page` is the number of list rows on screen; `detailLines` the number of lines of the
 * finding view (when it is shown). Quitting, interrupting and writing HTML are the caller's, not the reducer's.
 */
export function press(data: Browsed, state: AppState, key: Key, page: number, detailLines = 0): AppState {
  if (key.name === 'interrupt') return { ...state, request: 'interrupt' };
  if (state.typing) return typed(state, key);
  if (state.help) return { ...state, help: false };
  const count = rowCount(data, state, detailLines);
  const { cursor, view } = current(state);
  const char = key.name === 'char' ? key.char : undefined;
  if (key.name === 'up' || char === 'k') return moveTo(state, cursor - 1, count, page);
  if (key.name === 'down' || char === 'j') return moveTo(state, cursor + 1, count, page);
  if (key.name === 'pageup') return moveTo(state, cursor - page, count, page);
  if (key.name === 'pagedown' || (char === ' ' && view.kind !== 'packages'))
    return moveTo(state, cursor + page, count, page);
  if (key.name === 'home' || char === 'g') return moveTo(state, 0, count, page);
  if (key.name === 'end' || char === 'G') return moveTo(state, count, count, page);
  if (key.name === 'escape' && state.stack.length === 1 && state.query) return refiltered({ ...state, query: '' });
  if (key.name === 'escape' || key.name === 'backspace' || key.name === 'left' || char === 'h') return back(state);
  if (char === ' ' || (view.kind === 'packages' && key.name === 'tab'))
    return view.kind === 'packages' ? toggleExpanded(data, state) : state;
  if (key.name === 'enter' || key.name === 'right' || char === 'l') {
    const next = opened(data, state);
    return next ? { ...state, stack: [...state.stack, { view: next, cursor: 0, top: 0 }] } : state;
  }
  if (char === '/') return refiltered({ ...state, typing: true });
  if (char === 'f')
    return refiltered({
      ...state,
      minLevel: FILTER_CYCLE[(FILTER_CYCLE.indexOf(state.minLevel) + 1) % FILTER_CYCLE.length],
    });
  if (char === '?') return { ...state, help: true };
  if (char === 'q') return { ...state, request: 'quit' };
  if (char === 'o') return { ...state, request: 'html' };
  return state;
}
