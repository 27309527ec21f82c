// While the check runs: a bar per stage (resolving, downloading, scanning) with its counts, the elapsed time, and
// the resolved packages filling in with their risk as each one is audited.
import { Box, Text, useInput } from 'ink';
import { stageLines } from '../../progress/describe.ts';
import type { ProgressSnapshot } from '../../progress/tracker.ts';
import { printable } from '../../report/text-fit.ts';
import { formatDuration } from '../../util/units.ts';
import { toKeys } from '../keys.ts';
import { Badge, Paint } from '../theme.tsx';

const BAR = 20;

function bar(fraction: number | undefined): string {
  if (fraction === undefined) return `[${'·'.repeat(BAR)}]`;
  const full = Math.round(fraction * BAR);
  return `[${'█'.repeat(full)}${'░'.repeat(BAR - full)}]`;
}

export function LiveView(props: { snapshot: ProgressSnapshot; height: number; onInterrupt: () => void }) {
  // Before the result is there, q stops the run like Ctrl-C.
  useInput((input, key) => {
    if (toKeys(input, key).some((k) => k.name === 'interrupt' || (k.name === 'char' && k.char === 'q')))
      props.onInterrupt();
  });
  const s = props.snapshot;
  const stages = stageLines(s);
  const audited = s.packages.filter((p) => p.risk !== undefined).length;
  const room = Math.max(0, props.height - stages.length - 4);
  // The audited packages first (latest at the bottom of their group), then those still waiting.
  const ordered = [
    ...s.packages.filter((p) => p.risk !== undefined),
    ...s.packages.filter((p) => p.risk === undefined),
  ];
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
      {s.packages.length > 0 ? <Paint dim>{`packages: ${audited} of ${s.packages.length} audited`}</Paint> : null}
      {ordered.slice(0, room).map((p) => (
        <Text key={p.name} wrap="truncate-end">
          {'  '}
          {p.risk ? <Badge level={p.risk} /> : <Paint dim>{'…        '}</Paint>}
          {`${printable(`${p.name} ${p.version}`)}`}
          <Paint
            dim
          >{`  ${p.requiredBy.includes('<root>') ? 'requested' : `← ${p.requiredBy.slice(0, 3).join(', ')}`}`}</Paint>
        </Text>
      ))}
      {ordered.length > room && room > 0 ? <Paint dim>{`  … ${ordered.length - room} more`}</Paint> : null}
    </Box>
  );
}
