// One file: its verdict (the ⚠️ sentence with what caused it below), why it was not fully analysed if so, and its
// findings strongest first. Enter opens a finding.
import { Box, Text } from 'ink';
import type { Finding } from '../../model/result.ts';
import { printable } from '../../report/text-fit.ts';
import type { BrowsedPackage, FileRow } from '../data.ts';
import { Badge, Paint, Row } from '../theme.tsx';

export function fileHeaderLines(row: FileRow): string[] {
  const file = row.file;
  if (!file) return ['findings about the package as a whole (archive, metadata, build hooks)'];
  return [
    `${file.kind}, ${file.size} bytes`,
    ...(file.verdict ? [file.verdict] : []),
    ...(file.partial ? [`not fully analysed: ${(file.partialReasons ?? ['partial']).join('; ')}`] : []),
  ];
}

export function FileView(props: {
  pkg: BrowsedPackage;
  row: FileRow;
  findings: Finding[];
  cursor: number;
  top: number;
  height: number;
}) {
  const shown = props.findings.slice(props.top, props.top + props.height);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Paint bold>{printable(props.row.file?.path ?? '(package)')}</Paint>
        <Paint dim>{`  in ${printable(props.pkg.title)}`}</Paint>
      </Text>
      {fileHeaderLines(props.row).map((line) => (
        <Text key={line} wrap="truncate-end">
          {printable(line)}
        </Text>
      ))}
      <Paint dim>{`findings (${props.row.findings.length})`}</Paint>
      {props.findings.length === 0 ? <Text> no findings</Text> : null}
      {shown.map((finding, i) => {
        const index = props.top + i;
        const where = finding.line ? `${finding.line}`.padStart(5) : finding.path ? '' : '    -';
        const host = finding.destination?.host ?? finding.destination?.url;
        return (
          <Row key={index} selected={index === props.cursor}>
            {`${where} `}
            <Badge level={finding.severity} />
            {printable(
              `${finding.path && !props.row.file ? `${finding.path}: ` : ''}${finding.rule}: ${finding.message}`,
            )}
            {finding.trigger && finding.trigger !== 'call' ? (
              <Paint color="yellow">{` [${finding.trigger}]`}</Paint>
            ) : (
              ''
            )}
            {host ? <Paint color="magenta">{` → ${printable(host)}`}</Paint> : ''}
          </Row>
        );
      })}
    </Box>
  );
}
