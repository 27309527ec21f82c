// While the check runs: a bar per stage (resolving, downloading, scanning) with its counts, the elapsed time, and
// the dependency tree, indented, filling in as the resolver reads each package's requirements and taking each
// package's risk as it is audited; only the rows that fit are drawn, around the package that changed last.
import { Box, Text, useInput } from 'ink';
import { ROOT } from '../../progress/dependency-graph.ts';
import { stageLines } from '../../progress/describe.ts';
import type { ProgressSnapshot } from '../../progress/tracker.ts';
import { printable } from '../../report/text-fit.ts';
import { formatDuration } from '../../util/units.ts';
import { toKeys } from '../keys.ts';
import { ancestors, type TreeRow, treeRows, windowStart } from '../live-tree.ts';
import { Badge, Paint } from '../theme.tsx';

const BAR = 20;

function bar(fraction: number | undefined): string {
  if (fraction === undefined) return `[${'·'.repeat(BAR)}]`;
  const full = Math.round(fraction * BAR);
  return `[${'█'.repeat(full)}${'░'.repeat(BAR - full)}]`;
}

/** Indentation per level, and the depth past which rows are indented no further (names stay readable at 80 columns). */
const INDENT = '  ';
const MAX_INDENT_DEPTH = 12;

function TreeLine({ row }: { row: TreeRow }) {
  const { node } = row;
  return (
    <Text wrap="truncate-end">
      {'  '}
      {node.risk ? <Badge level={node.risk} /> : <Paint dim>{'…        '}</Paint>}
      {INDENT.repeat(Math.min(row.depth, MAX_INDENT_DEPTH))}
      {printable(node.version ? `${node.name} ${node.version}` : node.name)}
      {row.repeated ? <Paint dim>{'  (above)'}</Paint> : null}
    </Text>
  );
}

export function LiveView(props: { snapshot: ProgressSnapshot; height: number; onInterrupt: () => void }) {
  // Before the result is there, q stops the run like Ctrl-C.
  useInput((input, key) => {
    if (toKeys(input, key).some((k) => k.name === 'interrupt' || (k.name === 'char' && k.char === 'q')))
      props.onInterrupt();
  });
  const s = props.snapshot;
  const stages = stageLines(s);
  const rows = treeRows(s.tree);
  // Lines besides the tree's rows: the title, the stages, a blank line and the tree's heading; when the tree does not
  // fit, one more saying what the first row shown sits under.
  const space = Math.max(1, props.height - stages.length - 3);
  const room = rows.length > space ? Math.max(1, space - 1) : space;
  const top = windowStart(rows, room, s.latest);
  const shown = rows.slice(top, top + room);
  const under = ancestors(rows, top).map((row) => row.node.name);
  const packages = s.tree.filter((node) => node.key !== ROOT).length;
  const audited = s.tree.filter((node) => node.risk !== undefined).length;
  const heading = s.resolving.done
    ? `dependency tree: ${audited} of ${packages} packages audited`
    : `dependency tree: ${packages} packages so far`;
  const window = rows.length > room ? `  (rows ${top + 1}–${top + shown.length} of ${rows.length})` : '';
  return (
    <Box flexDirection="column">
      <Paint bold>{`pyguard is working  ${formatDuration(s.elapsedMs)}  (q or Ctrl-C stops)`}</Paint>
      {stages.map((line) => (
        <Text key={line.label} wrap="truncate-end">
          {`${line.label.padEnd(12)} `}
          <Paint color={line.done ? 'green' : 'cyan'}>{bar(line.fraction)}</Paint>
          {` ${printable(line.text)}`}
        </Text>
      ))}
      <Text> </Text>
      {rows.length > 0 ? (
        <Text wrap="truncate-end">
          <Paint dim>{`${heading}${window}`}</Paint>
        </Text>
      ) : null}
      {under.length > 0 ? (
        <Text wrap="truncate-end">
          <Paint dim>{printable(`  under ${under.join(' › ')}`)}</Paint>
        </Text>
      ) : null}
      {shown.map((row) => (
        <TreeLine key={row.index} row={row} />
      ))}
    </Box>
  );
}
