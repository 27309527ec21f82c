// `pyguard serve-index DIR [--port N] [--host H]`: serves a folder of distributions as a local package index
// (Simple API and JSON API) until SIGINT or SIGTERM.

import { resolve } from 'node:path';
import { startIndexServer } from '../index-server/index.ts';
import { EXIT_OK, UserError } from '../util/errors.ts';
import type { CommandIO } from './io.ts';
import { parseCommandArgs } from './registry.ts';

const USAGE = 'usage: pyguard serve-index DIR [--port N] [--host 127.0.0.1]';

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UserError(`--port: expected a port number 0-65535, got "${text}"`);
  return port;
}

/** Resolves when the process is asked to stop. */
function untilStopped(): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Runs the command; `stopped` (tests) replaces waiting for SIGINT/SIGTERM. */
export async function runServeIndex(
  argv: string[],
  io: CommandIO,
  stopped: () => Promise<unknown> = untilStopped,
): Promise<number> {
  const args = parseCommandArgs('serve-index', argv);
  const positionals = args.positionals;
  if (positionals.length !== 1) throw new UserError(`expected one folder (${USAGE})`);
  const root = resolve(io.cwd, positionals[0]);
  const server = await startIndexServer({
    root,
    host: args.values.get('host') ?? '127.0.0.1',
    port: parsePort(args.values.get('port')),
  });
  if (!args.flags.has('quiet'))
    io.stdout(`Serving ${root}\n  simple: ${server.simpleUrl}\n  json:   ${server.jsonUrl}\n`);
  await stopped();
  await server.close();
  return EXIT_OK;
}
