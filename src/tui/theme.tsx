// Colours of the app, and the switch that turns them all off (NO_COLOR, --no-color): every coloured piece of text
// goes through <Paint>, so a colourless terminal gets the same layout with markers instead of colours.
import { Text } from 'ink';
import { createContext, useContext, type ReactNode } from 'react';
import type { RiskLevel } from '../model/result.ts';
import { printable } from '../report/text-fit.ts';
import type { Tone } from './detail.ts';

export const ColorContext = createContext(true);

const RISK_COLORS: Record<RiskLevel, string> = {
  none: 'green',
  info: 'cyan',
  low: 'green',
  medium: 'yellow',
  high: 'red',
  critical: 'redBright',
};
const TONE_COLORS: Record<Tone, string | undefined> = {
  plain: undefined,
  dim: 'gray',
  title: 'white',
  warn: 'yellow',
  mark: 'yellowBright',
  level: 'magenta',
};

export function Paint(props: {
  color?: string;
  bold?: boolean;
  inverse?: boolean;
  dim?: boolean;
  children: ReactNode;
}) {
  const color = useContext(ColorContext);
  return (
    <Text
      {...(color && props.color ? { color: props.color } : {})}
      bold={props.bold ?? false}
      inverse={props.inverse ?? false}
      dimColor={color && (props.dim ?? false)}
    >
      {props.children}
    </Text>
  );
}

/** The level in a column of its own (eight letters and a space). */
export function Badge({ level }: { level: RiskLevel }) {
  return (
    <>
      <Paint color={RISK_COLORS[level]} bold={level === 'critical' || level === 'high'}>
        {level.toUpperCase().padEnd(8)}
      </Paint>{' '}
    </>
  );
}

export function Toned({ tone, text }: { tone: Tone; text: string }) {
  return (
    <Paint
      {...(TONE_COLORS[tone] ? { color: TONE_COLORS[tone] } : {})}
      bold={tone === 'title' || tone === 'level' || tone === 'mark'}
      dim={tone === 'dim'}
    >
      {printable(text)}
    </Paint>
  );
}

/** A row of a list: a marker and inverse video on the cursor row (inverse is not a colour, so NO_COLOR keeps it). */
export function Row({ selected, children }: { selected: boolean; children: ReactNode }) {
  return (
    <Text wrap="truncate-end" inverse={selected}>
      {selected ? '›' : ' '}
      {children}
    </Text>
  );
}
