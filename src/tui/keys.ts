// Turns what Ink's useInput hands over into the keys the app understands. Keys that reach the terminal together
// (tmux send-keys, a paste, fast typing) arrive as one string ("jj"), so plain text is split into characters.
import type { Key as InkKey } from 'ink';

export type Key =
  | {
      name:
        | 'up'
        | 'down'
        | 'left'
        | 'right'
        | 'pageup'
        | 'pagedown'
        | 'home'
        | 'end'
        | 'enter'
        | 'escape'
        | 'backspace'
        | 'tab'
        | 'interrupt';
    }
  | { name: 'char'; char: string };

export function toKeys(input: string, key: InkKey): Key[] {
  if (key.ctrl && input === 'c') return [{ name: 'interrupt' }];
  if (key.upArrow) return [{ name: 'up' }];
  if (key.downArrow) return [{ name: 'down' }];
  if (key.leftArrow) return [{ name: 'left' }];
  if (key.rightArrow) return [{ name: 'right' }];
  if (key.pageUp) return [{ name: 'pageup' }];
  if (key.pageDown) return [{ name: 'pagedown' }];
  if (key.home) return [{ name: 'home' }];
  if (key.end) return [{ name: 'end' }];
  if (key.return) return [{ name: 'enter' }];
  if (key.escape) return [{ name: 'escape' }];
  if (key.backspace || key.delete) return [{ name: 'backspace' }];
  if (key.tab) return [{ name: 'tab' }];
  if (key.ctrl || key.meta) return [];
  return [...input].flatMap((char): Key[] => {
    if (char === '\r' || char === '\n') return [{ name: 'enter' }];
    if (char === '\x7f' || char === '\b') return [{ name: 'backspace' }];
    if (char === '\x03') return [{ name: 'interrupt' }];
    return char >= ' ' ? [{ name: 'char', char }] : [];
  });
}
