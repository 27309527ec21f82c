// One package: what it is, who requires it, its capabilities, reasons and destinations, then its files (⚠️ first)
// with their verdicts and finding counts. Enter opens a file's findings.
import { Box, Text } from 'ink';
import { printable } from '../../report/text-fit.ts';
import { type BrowsedPackage, countBySeverity, type FileRow } from '../data.ts';
import { Badge, Paint, Row } from '../theme.tsx';

/** The header lines above the file list (so the caller can size the list). */
export function packageHeaderLines(pkg: BrowsedPackage): string[] {
  const t = pkg.target;
  const lines = [
    `required by: ${pkg.requiredBy.join(', ') || '—'}${t.filename ? `   file: ${t.filename}` : ''}`,
    `capabilities: ${t.capabilities.join(', ') || 'none'}`,
    ...t.errors.map((e) => `error: ${e.message}`),
    ...pkg.reasons.slice(0, 4).map((reason) => `- ${reason}`),
    ...(pkg.reasons.length > 4 ? [`  (+${pkg.reasons.length - 4} more reasons)`] : []),
    ...(pkg.destinations.length > 0
      ? [
          `destinations: ${pkg.destinations.slice(0, 4).join(', ')}${pkg.destinations.length > 4 ? ` +${pkg.destinations.length - 4}` : ''}`,
        ]
      : []),
  ];
  return lines;
}

export function PackageView(props: {
  pkg: BrowsedPackage;
  rows: FileRow[];
  cursor: number;
  top: number;
  height: number;
}) {
  const t = props.pkg.target;
  const shown = props.rows.slice(props.top, props.top + props.height);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Badge level={t.risk} />
        <Paint bold>{printable(props.pkg.title)}</Paint>
      </Text>
      {packageHeaderLines(props.pkg).map((line) => (
        <Text key={line} wrap="truncate-end">
          {printable(line)}
        </Text>
      ))}
      <Paint dim>{`files (${t.files.length})`}</Paint>
      {shown.map((row, i) => {
        const index = props.top + i;
        const file = row.file;
        const egress = file?.egress ?? false;
        const partial = file?.partial ? `  not fully analysed: ${(file.partialReasons ?? []).join('; ')}` : '';
        const counts =
          row.findings.length > 0
            ? `${row.findings.length} finding${row.findings.length === 1 ? '' : 's'} (${countBySeverity(row.findings)})`
            : '—';
        return (
          <Row key={index} selected={index === props.cursor}>
            {egress ? '⚠️ ' : '   '}
            {printable(file ? file.path : '(the package as a whole)')}
            <Paint dim>{`  ${file ? `${file.kind}  ` : ''}`}</Paint>
            {counts}
            <Paint color="yellow">{printable(partial)}</Paint>
          </Row>
        );
      })}
    </Box>
  );
}
