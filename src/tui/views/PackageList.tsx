// The first screen: one row per package, strongest risk first: level, name and version, capability marks, who
// requires it; an expanded package shows its reasons and destinations under its row. Only the rows on screen render.
import { Box, Text } from 'ink';
import { printable } from '../../report/text-fit.ts';
import { capabilityMarks } from '../data.ts';
import type { PackageListRow } from '../state.ts';
import { Badge, Paint, Row } from '../theme.tsx';

export function PackageList(props: { rows: PackageListRow[]; cursor: number; top: number; height: number }) {
  const shown = props.rows.slice(props.top, props.top + props.height);
  const nameWidth = Math.min(36, Math.max(8, ...shown.map((row) => row.pkg.title.length)));
  if (props.rows.length === 0)
    return <Text>No package matches the search and filter (Esc clears the search, f changes the filter).</Text>;
  return (
    <Box flexDirection="column">
      {shown.map((row, i) => {
        const index = props.top + i;
        const selected = index === props.cursor;
        if (row.detail !== undefined) {
          return (
            <Row key={`${index}`} selected={selected}>
              {'           '}
              <Paint dim>{printable(row.detail)}</Paint>
            </Row>
          );
        }
        const p = row.pkg;
        const who = p.requiredBy.includes('<root>')
          ? 'requested'
          : p.requiredBy.length > 0
            ? `← ${p.requiredBy.slice(0, 3).join(', ')}${p.requiredBy.length > 3 ? ` +${p.requiredBy.length - 3}` : ''}`
            : '';
        return (
          <Row key={`${index}`} selected={selected}>
            {' '}
            <Badge level={p.target.risk} />
            {`${printable(p.title).slice(0, nameWidth).padEnd(nameWidth)}  `}
            <Paint color="cyan">{capabilityMarks(p.target.capabilities)}</Paint>
            {p.target.errors.length > 0 ? <Paint color="red"> error</Paint> : ''}
            {`  ${who}`}
          </Row>
        );
      })}
    </Box>
  );
}
