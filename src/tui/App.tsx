// The interactive browser of a result: header with the verdict, the current view (package list, package, file,
// finding or help), and a footer with the search line or a message and the keys of the view.
import { Box, Text, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useState } from 'react';
import type { AuditResult } from '../model/result.ts';
import { printable } from '../report/text-fit.ts';
import { browse, type Browsed, fileRows, findingRows } from './data.ts';
import { type DetailLine, findingDetail } from './detail.ts';
import { toKeys, type Key } from './keys.ts';
import { type AppState, current, initialState, packageListRows, press } from './state.ts';
import { Badge, Paint } from './theme.tsx';
import { FileView, fileHeaderLines } from './views/FileView.tsx';
import { FindingView } from './views/FindingView.tsx';
import { Help } from './views/Help.tsx';
import { PackageList } from './views/PackageList.tsx';
import { PackageView, packageHeaderLines } from './views/PackageView.tsx';

export interface BrowserProps {
  result: AuditResult;
  /** The exit-code sentence of the plain report, e.g. "exit 1: 2 packages at or above --fail-on high". */
  exitLine: string;
  onQuit: () => void;
  onInterrupt: () => void;
  /** Writes the HTML report; returns its path. */
  writeHtml: () => string;
}

interface Size {
  rows: number;
  columns: number;
}

/** Lines around the view: the header, the view's title line, the footer's two lines. */
const CHROME = 4;

function sizeOf(stdout: NodeJS.WriteStream): Size {
  return { rows: stdout.rows || 24, columns: stdout.columns || 80 };
}

function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = (): void => setSize(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/** The rows the current view's list gets, and the finding view's lines. */
function layout(state: AppState, size: Size): { page: number; detail?: DetailLine[] } {
  const body = Math.max(3, size.rows - CHROME);
  const view = current(state).view;
  switch (view.kind) {
    case 'packages':
      return { page: body };
    case 'package':
      return { page: Math.max(3, body - packageHeaderLines(view.pkg).length - 1) };
    case 'file':
      return { page: Math.max(3, body - fileHeaderLines(view.row).length - 1) };
    case 'finding':
      return { page: body, detail: findingDetail(view.finding, view.row.file, size.columns - 1) };
  }
}

type Action = { type: 'key'; key: Key; size: Size } | { type: 'done'; handled: AppState['request']; message?: string };

function reducerFor(data: Browsed) {
  return (state: AppState, action: Action): AppState => {
    if (action.type === 'done') {
      // A key pressed meanwhile may have asked for something else: only the handled request is cleared.
      const { request, ...rest } = state;
      const cleared = request === action.handled ? rest : state;
      return action.message ? { ...cleared, message: action.message } : cleared;
    }
    const { page, detail } = layout(state, action.size);
    const { message: _message, ...rest } = state;
    return press(data, rest, action.key, page, detail?.length ?? 0);
  };
}

const FOOTERS: Record<ReturnType<typeof current>['view']['kind'], string> = {
  packages: '↑↓ move  Enter open  Space expand  / search  f filter  o HTML  ? help  q quit',
  package: '↑↓ move  Enter findings  Esc back  / search  f filter  o HTML  ? help  q quit',
  file: '↑↓ move  Enter details  Esc back  / search  f filter  o HTML  ? help  q quit',
  finding: '↑↓ scroll  Esc back  o HTML  ? help  q quit',
};

export function Browser(props: BrowserProps) {
  const [data] = useState(() => browse(props.result));
  const [state, dispatch] = useReducer(reducerFor(data), undefined, initialState);
  const size = useTerminalSize();

  useInput((input, key) => {
    for (const k of toKeys(input, key)) dispatch({ type: 'key', key: k, size });
  });

  const { onQuit, onInterrupt, writeHtml } = props;
  useEffect(() => {
    if (!state.request) return;
    let message: string | undefined;
    if (state.request === 'quit') onQuit();
    else if (state.request === 'interrupt') onInterrupt();
    else {
      try {
        message = `HTML report written: ${writeHtml()}`;
      } catch (error) {
        message = `HTML report not written: ${(error as Error).message}`;
      }
    }
    dispatch({ type: 'done', handled: state.request, ...(message !== undefined && { message }) });
  }, [state.request, onQuit, onInterrupt, writeHtml]);

  const frame = current(state);
  const { page, detail } = layout(state, size);
  const s = props.result.summary;
  const view = frame.view;
  let body;
  if (state.help) body = <Help />;
  else if (view.kind === 'packages')
    body = <PackageList rows={packageListRows(data, state)} cursor={frame.cursor} top={frame.top} height={page} />;
  else if (view.kind === 'package')
    body = (
      <PackageView
        pkg={view.pkg}
        rows={fileRows(view.pkg.target, state.query)}
        cursor={frame.cursor}
        top={frame.top}
        height={page}
      />
    );
  else if (view.kind === 'file')
    body = (
      <FileView
        pkg={view.pkg}
        row={view.row}
        findings={findingRows(view.row.findings, state.query, state.minLevel)}
        cursor={frame.cursor}
        top={frame.top}
        height={page}
      />
    );
  else body = <FindingView lines={detail ?? []} top={frame.top} height={page} />;

  const filter = state.minLevel === 'none' ? '' : `  filter: ${state.minLevel}+`;
  const search = state.typing ? `/${state.query}▏` : state.query ? `search: ${state.query} (Esc clears)` : '';
  const shownPackages =
    view.kind === 'packages'
      ? `${packageListRows(data, state).filter((r) => r.detail === undefined).length}/${s.targets} packages  `
      : '';
  return (
    <Box flexDirection="column" height={Math.max(4, size.rows - 1)}>
      <Text wrap="truncate-end">
        <Paint bold>pyguard </Paint>
        <Badge level={s.risk} />
        {` ${shownPackages}${props.exitLine}${filter}`}
      </Text>
      <Box flexDirection="column" flexGrow={1}>
        {body}
      </Box>
      <Text wrap="truncate-end">{printable(search || state.message || '')}</Text>
      <Text wrap="truncate-end">
        <Paint dim>{state.typing ? 'type to search  Enter keep  Esc clear' : FOOTERS[view.kind]}</Paint>
      </Text>
    </Box>
  );
}
