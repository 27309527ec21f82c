// Remote control: reverse shells (a socket wired to a shell or to commands it receives) and keyloggers.
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import type { CallFact } from '../facts.ts';
import type { ProcessApi } from '../indicators/process.ts';
import { type Node, unwrap } from '../syntax.ts';
import { networkApiOf } from './network.ts';
import { commandText, processApiOf } from './process.ts';
import { HOLE } from '../evaluate.ts';
import { NETWORK_RESULT } from './dynamic-code.ts';

const KEY_HOOKS =
  /^(pynput\.keyboard\.Listener|keyboard\.(on_press|on_release|hook|add_hotkey|record)|win32api\.GetAsyncKeyState|ctypes\.windll\.user32\.GetAsyncKeyState)$/;

/** 0, 1 or 2, or a loop variable over them: `for fd in (0, 1, 2): os.dup2(s.fileno(), fd)`. */
function isStandardStream(node: Node | undefined): boolean {
  if (!node) return false;
  if (/^[012]$/.test(node.text)) return true;
  if (node.type !== 'identifier') return false;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'for_statement' && current.childForFieldName('left')?.text === node.text) {
      return /^[([]\s*0\s*,\s*1\s*,\s*2\s*,?\s*[)\]]$|^range\(\s*3\s*\)$/.test(
        current.childForFieldName('right')?.text ?? '',
      );
    }
  }
  return false;
}

/**
 * A descriptor evidently opened from a path (`fd = os.open(os.devnull, os.O_RDWR)`, `open(log).fileno()`): what a
 * daemon puts behind its standard streams, not a socket.
 */
function opensAFile(ctx: FileContext, descriptor: Node | undefined): boolean {
  const paths = descriptor ? ctx.evaluator.paths(descriptor) : [];
  return paths.length > 0 && paths.every((path) => /^(os\.open|(builtins|io)\.open\(\)\.fileno)\(\)$/.test(path));
}

function enclosingScope(node: Node, module: Node): Node {
  for (let current = node.parent; current; current = current.parent)
    if (current.type === 'function_definition') return current;
  return module;
}

/** Chat bot libraries: a bot takes its orders from messages sent in a chat. */
const CHAT_BOT_MODULES = /^(discord|telebot|telegram|aiogram|pyrogram|telethon|slack_bolt|slack_sdk)(\.|$)/;
/** Web frameworks and servers: a handler takes its orders from requests. */
const WEB_MODULES = /^(flask|bottle|fastapi|tornado\.web|aiohttp\.web|http\.server|cherrypy|sanic|falcon)(\.|$)/;
/** Code that reads the request a handler serves (flask's request, a handler's req or self.request). */
const READS_REQUEST = /\b(request|req)\b/;

/**
 * A chat bot or a web handler that runs command lines it does not write itself (`subprocess.Popen(command,
 * shell=True)` with a command from a message or from request.args): the chat or the web is a remote shell.
 * Commands the file writes out (ffmpeg ...) are not; in a web app only a command read from the request counts.
 */
function controlChannelRule(ctx: FileContext): void {
  const modules = ctx.facts.imports.flatMap((fact) => fact.modules);
  const bot = modules.find((module) => CHAT_BOT_MODULES.test(module));
  const web = modules.find((module) => WEB_MODULES.test(module));
  for (const call of ctx.facts.calls) {
    const api = processApiOf(call);
    if (!api || !runsShellLine(call, api)) continue;
    const command = commandText(ctx, call, api);
    if (command !== undefined && !command.startsWith(HOLE)) continue;
    const commandNode = call.args.positional[api.commandArg];
    const polled =
      commandNode !== undefined && ctx.evaluator.paths(commandNode).some((path) => NETWORK_RESULT.test(path));
    const fromRequest = web !== undefined && readsRequest(ctx, commandNode);
    if (!bot && !fromRequest && !polled) continue;
    const weight = triggerWeight(ctx.triggers.triggerOf(call.node));
    addFinding(ctx, call.node, {
      rule: 'reverse-shell',
      severity: raise('high', weight > 0 ? 1 : 0),
      message: polled
        ? 'runs command lines it receives in replies from a server (a remote shell polling its controller)'
        : fromRequest
          ? `runs command lines read from web requests (${web!.split('.')[0]}): a web shell`
          : `runs command lines it does not write itself in a ${bot!.split('.')[0]} chat bot: commands sent in a chat (a remote shell)`,
      capability: 'process',
    });
    return;
  }
}

/** The command expression reads the request, directly or through the name it was assigned to. */
function readsRequest(ctx: FileContext, command: Node | undefined): boolean {
  if (!command) return false;
  if (READS_REQUEST.test(command.text)) return true;
  const target = unwrap(command);
  return target.type === 'identifier' && ctx.scopes.valuesOf(target).some((value) => READS_REQUEST.test(value.text));
}

/** A command line handed to a shell: os.system and the like, or subprocess with shell=True and a string. */
function runsShellLine(call: CallFact, api: ProcessApi): boolean {
  if (api.shell) return true;
  const command = call.args.positional[api.commandArg];
  const list = command && (unwrap(command).type === 'list' || unwrap(command).type === 'tuple');
  return !list && call.args.keywords.get('shell')?.text === 'True';
}

/**
 * A call of `.fileno()` or `.recv()` (by `methods`) made inside `node`: code, not text, so a `python -c` script
 * that mentions sys.stdout.fileno() in its string is not a socket handed to a process.
 */
function callsMethodWithin(ctx: FileContext, node: Node, methods: RegExp): boolean {
  return ctx.facts.calls.some(
    (inner) =>
      inner.node.startIndex >= node.startIndex &&
      inner.node.endIndex <= node.endIndex &&
      inner.node.id !== node.id &&
      methods.test(inner.node.childForFieldName('function')?.text ?? ''),
  );
}

export function remoteControlRules(ctx: FileContext): void {
  const sockets = ctx.facts.calls.filter((call) => networkApiOf(call)?.kind === 'socket');
  const network = ctx.facts.calls.filter((call) => networkApiOf(call) !== undefined);
  if (sockets.length > 0) {
    const wiring = ctx.facts.calls.find(
      (call) =>
        call.paths.includes('pty.spawn') ||
        // os.dup2(s.fileno(), 0|1|2) puts a socket behind stdin, stdout or stderr; other dup2 calls juggle descriptors
        // (a daemon's dup2(0, 1) points stdout at the /dev/null it opened as stdin)
        (call.paths.includes('os.dup2') &&
          isStandardStream(call.args.positional[1]) &&
          !/^[012]$/.test(call.args.positional[0]?.text ?? '') &&
          !opensAFile(ctx, call.args.positional[0])) ||
        (processApiOf(call) !== undefined && callsMethodWithin(ctx, call.node, /\.(fileno|recv)$/)),
    );
    // a process started in the same function (or module level) that reads from a connection
    const receivesCommands = ctx.facts.calls.some(
      (call) =>
        processApiOf(call) !== undefined &&
        callsMethodWithin(ctx, enclosingScope(call.node, ctx.scopes.module.node), /\.recv$/),
    );
    const at = wiring ?? (receivesCommands ? sockets[0] : undefined);
    if (at) {
      const weight = triggerWeight(ctx.triggers.triggerOf(at.node));
      addFinding(ctx, at.node, {
        rule: 'reverse-shell',
        severity: raise('high', weight > 0 ? 1 : 0),
        message: 'connects a socket to a shell or runs the commands it receives (a reverse shell)',
        capability: 'process',
      });
    }
  }
  controlChannelRule(ctx);
  const hook = ctx.facts.calls.find((call) => call.paths.some((path) => KEY_HOOKS.test(path.replace(/\(\)$/, ''))));
  if (hook) {
    const weight = triggerWeight(ctx.triggers.triggerOf(hook.node));
    addFinding(ctx, hook.node, {
      rule: 'keylogger',
      severity: raise(network.length > 0 ? 'high' : 'medium', weight > 0 ? 1 : 0),
      message: `records keystrokes${network.length > 0 ? ' in a file that also sends data over the network' : ''}`,
      capability: 'sensitive-files',
    });
  }
}
