// One finding in full (see detail.ts for the lines), scrolled with the arrow keys when it is taller than the screen.
import { Box, Text } from 'ink';
import type { DetailLine } from '../detail.ts';
import { Toned } from '../theme.tsx';

export function FindingView(props: { lines: DetailLine[]; top: number; height: number }) {
  // Each line keeps its number in the whole finding as its key, so scrolling moves rows instead of redrawing them.
  const shown = props.lines.map((line, number) => ({ line, number })).slice(props.top, props.top + props.height);
  return (
    <Box flexDirection="column">
      {shown.map(({ line, number }) => (
        <Text key={number} wrap="truncate-end">
          <Toned tone={line.tone} text={line.text || ' '} />
        </Text>
      ))}
    </Box>
  );
}
