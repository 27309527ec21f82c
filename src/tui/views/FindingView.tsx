// One finding in full (see detail.ts for the lines), scrolled with the arrow keys when it is taller than the screen.
import { Box, Text } from 'ink';
import type { DetailLine } from '../detail.ts';
import { Toned } from '../theme.tsx';

export function FindingView(props: { lines: DetailLine[]; top: number; height: number }) {
  const shown = props.lines.slice(props.top, props.top + props.height);
  return (
    <Box flexDirection="column">
      {shown.map((line, i) => (
        <Text key={props.top + i} wrap="truncate-end">
          <Toned tone={line.tone} text={line.text || ' '} />
        </Text>
      ))}
    </Box>
  );
}
