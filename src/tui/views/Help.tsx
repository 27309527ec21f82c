// The help screen (?): every key, and what the capability marks of the package list mean.
import { Box, Text } from 'ink';
import { CAPABILITY_MARKS } from '../data.ts';
import { Paint } from '../theme.tsx';

const KEYS: [string, string][] = [
  ['↑ ↓  j k', 'move'],
  ['PgUp PgDn  g G', 'page up / down, first / last'],
  ['Enter  → l', 'open: package → file → finding'],
  ['Esc  Backspace  ← h', 'back up one level'],
  ['Space', 'expand or collapse a package (its reasons and destinations)'],
  ['/', 'search packages, files, hosts and rules (Enter keeps it, Esc clears it)'],
  ['f', 'filter by level: all → low+ → medium+ → high+ → critical'],
  ['o', 'write the HTML report and show its path'],
  ['?', 'this help (any key closes it)'],
  ['q  Ctrl-C', 'quit'],
];

export function Help() {
  return (
    <Box flexDirection="column">
      <Paint bold>Keys</Paint>
      {KEYS.map(([keys, what]) => (
        <Text key={keys} wrap="truncate-end">{`  ${keys.padEnd(22)}${what}`}</Text>
      ))}
      <Text> </Text>
      <Paint bold>Capability marks (package list)</Paint>
      <Text wrap="wrap">{`  ${CAPABILITY_MARKS.map(([capability, mark]) => `${mark} ${capability}`).join('  ')}`}</Text>
    </Box>
  );
}
