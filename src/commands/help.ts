// The help texts, rendered from the command table: `pyguard --help` lists the commands, `pyguard COMMAND --help`
// lists that command's usage and every option it takes.
import type { OptionSpec } from './args.ts';
import { GLOBAL_OPTIONS } from './options.ts';
import { COMMAND_NAMES, type CommandName, COMMANDS, commandGroups } from './registry.ts';

const EXIT_CODES =
  'Exit codes: 0 below --fail-on, 1 at or above it or when anything could not be analysed (UNAUDITED), 2 usage, input or network errors.';

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  if (spec.kind === 'boolean') return `${short}--${name}`;
  if (spec.kind === 'output') return `${short}--${name}[=${spec.arg ?? 'FILE'}]`;
  return `${short}--${name} ${spec.arg ?? 'VALUE'}`;
}

function optionLines(groups: { title: string; options: Record<string, OptionSpec> }[]): string[] {
  const rows = groups.map((group) => ({
    title: group.title,
    rows: Object.entries(group.options).map(([name, spec]) => [optionLabel(name, spec), spec.help ?? ''] as const),
  }));
  const width = Math.min(32, Math.max(...rows.flatMap((g) => g.rows.map(([label]) => label.length))) + 2);
  return rows.flatMap((group) => [
    '',
    `${group.title}:`,
    ...group.rows.map(([label, help]) =>
      label.length + 2 > width ? `  ${label}\n  ${' '.repeat(width)}${help}` : `  ${label.padEnd(width)}${help}`,
    ),
  ]);
}

export function commandHelp(name: CommandName): string {
  const spec = COMMANDS[name];
  const usage = spec.usage.map((line, i) => `${i === 0 ? 'usage: ' : '       '}pyguard ${name} ${line}`);
  const lines = [...usage, '', `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.`];
  if (spec.description) lines.push('', spec.description);
  lines.push(...optionLines(commandGroups(name)));
  if (spec.groups.some((group) => Object.hasOwn(group.options, 'fail-on'))) lines.push('', EXIT_CODES);
  return `${lines.join('\n')}\n`;
}

export function mainHelp(): string {
  const names = COMMAND_NAMES;
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return [
    'pyguard: audit Python packages before you install them',
    '',
    'usage: pyguard COMMAND [options]',
    '',
    'Commands:',
    ...names.map((name) => `  ${name.padEnd(width)}${COMMANDS[name].summary}`),
    ...optionLines([GLOBAL_OPTIONS]),
    '',
    EXIT_CODES,
    "Run 'pyguard COMMAND --help' for the usage and options of one command.",
    '',
  ].join('\n');
}
