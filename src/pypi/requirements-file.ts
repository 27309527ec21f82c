// pip's requirements-file syntax: comments, `\` continuations, `${VAR}` expansion, nested -r/-c files (cycles
// detected), --hash and index options. What cannot be audited (editable, URL/VCS, local paths) is listed, never dropped.

import { dirname, isAbsolute, join } from 'node:path';
import { RequirementsFileError } from './standards-error.ts';
import { parseEggFilename, parseSdistFilename, parseWheelFilename } from './filenames.ts';
import { parseRequirement, type Requirement } from './pep508.ts';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface RequirementLine {
  requirement: Requirement;
  hashes: string[];
  /** `file:line` of the (first physical) line. */
  source: string;
}

export interface NotAuditable {
  line: string;
  source: string;
  reason: string;
}

export interface RequirementsFile {
  requirements: RequirementLine[];
  constraints: RequirementLine[];
  indexUrl?: string;
  extraIndexUrls: string[];
  findLinks: string[];
  noIndex: boolean;
  pre: boolean;
  notAuditable: NotAuditable[];
}

type OptionName =
  | 'requirement'
  | 'constraint'
  | 'editable'
  | 'index-url'
  | 'extra-index-url'
  | 'find-links'
  | 'no-index'
  | 'pre'
  | 'hash'
  | 'ignored';

interface OptionSpec {
  name: OptionName;
  takesValue: boolean;
}

/** pip's line options; those that do not change what gets installed are accepted and ignored. */
const OPTIONS: Record<string, OptionSpec> = {
  '-r': { name: 'requirement', takesValue: true },
  '--requirement': { name: 'requirement', takesValue: true },
  '-c': { name: 'constraint', takesValue: true },
  '--constraint': { name: 'constraint', takesValue: true },
  '-e': { name: 'editable', takesValue: true },
  '--editable': { name: 'editable', takesValue: true },
  '-i': { name: 'index-url', takesValue: true },
  '--index-url': { name: 'index-url', takesValue: true },
  '--extra-index-url': { name: 'extra-index-url', takesValue: true },
  '-f': { name: 'find-links', takesValue: true },
  '--find-links': { name: 'find-links', takesValue: true },
  '--no-index': { name: 'no-index', takesValue: false },
  '--pre': { name: 'pre', takesValue: false },
  '--hash': { name: 'hash', takesValue: true },
  '--trusted-host': { name: 'ignored', takesValue: true },
  '--only-binary': { name: 'ignored', takesValue: true },
  '--no-binary': { name: 'ignored', takesValue: true },
  '--use-feature': { name: 'ignored', takesValue: true },
  '--config-settings': { name: 'ignored', takesValue: true },
  '--global-option': { name: 'ignored', takesValue: true },
  '--prefer-binary': { name: 'ignored', takesValue: false },
  '--require-hashes': { name: 'ignored', takesValue: false },
};

interface LogicalLine {
  text: string;
  lineNumber: number;
}

/** pip's pre-processing: join `\` continuations (a comment line ends one), drop comments, expand `${NAME}`. */
function logicalLines(text: string, env: NodeJS.ProcessEnv): LogicalLine[] {
  const result: LogicalLine[] = [];
  let pending: LogicalLine | undefined;
  text.split(/\r\n|\r|\n/).forEach((physical, index) => {
    const isComment = /^\s*#/.test(physical);
    const continues = physical.endsWith('\\') && !isComment;
    const piece = continues ? physical.slice(0, -1) : physical;
    if (pending) pending.text += isComment ? '' : piece;
    else pending = { text: isComment ? '' : piece, lineNumber: index + 1 };
    if (!continues) {
      result.push(pending);
      pending = undefined;
    }
  });
  if (pending) result.push(pending);
  return result
    .map((l) => ({
      lineNumber: l.lineNumber,
      text: l.text
        .replace(/(^|\s+)#.*$/, '')
        .trim()
        .replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => env[name] ?? whole),
    }))
    .filter((l) => l.text !== '');
}

/** Splits the option part of a line into words, honouring simple quotes as shlex does. */
function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

interface ParsedOption {
  spec: OptionSpec;
  flag: string;
  value?: string;
}

function parseOptions(text: string, source: string): ParsedOption[] {
  const tokens = words(text);
  const options: ParsedOption[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    let flag = token;
    let value: string | undefined;
    const eq = token.indexOf('=');
    if (token.startsWith('--') && eq > 0) {
      flag = token.slice(0, eq);
      value = token.slice(eq + 1);
    } else if (/^-[a-z]./i.test(token) && !token.startsWith('--')) {
      flag = token.slice(0, 2);
      value = token.slice(2);
    }
    const spec = OPTIONS[flag];
    if (!spec) throw new RequirementsFileError(`${source}: unknown option ${flag}`);
    if (spec.takesValue && value === undefined) {
      value = tokens[++i];
      if (value === undefined) throw new RequirementsFileError(`${source}: option ${flag} needs a value`);
    }
    if (!spec.takesValue && value !== undefined)
      throw new RequirementsFileError(`${source}: option ${flag} takes no value`);
    options.push({ spec, flag, value });
  }
  return options;
}

/** pip's `break_args_options`: the words before the first one starting with `-` are the requirement. */
function splitRequirementAndOptions(line: string): { requirement: string; options: string } {
  const tokens = line.split(' ');
  const first = tokens.findIndex((t) => t.startsWith('-'));
  if (first < 0) return { requirement: line.trim(), options: '' };
  return { requirement: tokens.slice(0, first).join(' ').trim(), options: tokens.slice(first).join(' ') };
}

const URL_OR_VCS = /^(?:[a-z][a-z0-9+.-]*:\/\/|(?:git|hg|svn|bzr)\+|file:)/i;
const LOCAL_PATH = /^(?:\.|~|[A-Za-z]:)|[\\/]/;

/** Why a requirement text cannot be audited from an index (undefined when it can). */
function notAuditableReason(text: string): string | undefined {
  if (URL_OR_VCS.test(text)) return 'URL or VCS requirement: not from an index';
  const head = text.split(/[;@]/)[0].trim();
  const isFileName = parseWheelFilename(head) || parseSdistFilename(head) || parseEggFilename(head);
  if (LOCAL_PATH.test(head) || isFileName) return 'local path requirement: not from an index';
  return undefined;
}

function emptyFile(): RequirementsFile {
  return {
    requirements: [],
    constraints: [],
    extraIndexUrls: [],
    findLinks: [],
    noIndex: false,
    pre: false,
    notAuditable: [],
  };
}

interface Context {
  readFile: (p: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  result: RequirementsFile;
  /** Files being read, outermost first, to detect include cycles. */
  stack: string[];
}

async function include(
  ctx: Context,
  parent: string,
  target: string,
  asConstraint: boolean,
  source: string,
): Promise<void> {
  if (URL_OR_VCS.test(target)) {
    ctx.result.notAuditable.push({ line: target, source, reason: 'remote requirements file: not read' });
    return;
  }
  const path = isAbsolute(target) ? target : join(dirname(parent), target);
  if (ctx.stack.includes(path))
    throw new RequirementsFileError(`${source}: include cycle: ${[...ctx.stack, path].join(' -> ')}`);
  let text: string;
  try {
    text = await ctx.readFile(path);
  } catch (error) {
    throw new RequirementsFileError(`${source}: cannot read ${path}: ${messageOf(error)}`);
  }
  ctx.stack.push(path);
  await parseInto(ctx, text, path, asConstraint);
  ctx.stack.pop();
}

async function parseInto(ctx: Context, text: string, path: string, asConstraint: boolean): Promise<void> {
  const { result } = ctx;
  for (const { text: line, lineNumber } of logicalLines(text, ctx.env)) {
    const source = `${path}:${lineNumber}`;
    const { requirement: reqText, options: optionText } = splitRequirementAndOptions(line);
    const options = parseOptions(optionText, source);
    const lineOption = options.find((o) => o.spec.name !== 'hash' && o.spec.name !== 'ignored');
    if (reqText && lineOption)
      throw new RequirementsFileError(`${source}: ${lineOption.flag} cannot follow a requirement on the same line`);
    const hashes: string[] = [];
    for (const { spec, flag, value } of options) {
      const v = value as string;
      switch (spec.name) {
        case 'hash':
          if (!reqText) throw new RequirementsFileError(`${source}: ${flag} must follow a requirement`);
          hashes.push(v);
          break;
        case 'requirement':
        case 'constraint':
          await include(ctx, path, v, spec.name === 'constraint', source);
          break;
        case 'editable':
          result.notAuditable.push({ line, source, reason: 'editable requirement: not from an index' });
          break;
        case 'index-url':
          result.indexUrl = v;
          break;
        case 'extra-index-url':
          result.extraIndexUrls.push(v);
          break;
        case 'find-links':
          result.findLinks.push(v);
          break;
        case 'no-index':
          result.noIndex = true;
          break;
        case 'pre':
          result.pre = true;
          break;
        case 'ignored':
          break;
      }
    }
    if (!reqText) continue;
    const reason = notAuditableReason(reqText);
    if (reason) {
      result.notAuditable.push({ line, source, reason });
      continue;
    }
    let requirement: Requirement;
    try {
      requirement = parseRequirement(reqText);
    } catch (error) {
      throw new RequirementsFileError(`${source}: ${messageOf(error)}`);
    }
    if (requirement.url) {
      result.notAuditable.push({ line, source, reason: 'direct URL requirement: not from an index' });
      continue;
    }
    (asConstraint ? result.constraints : result.requirements).push({ requirement, hashes, source });
  }
}

/** Parses requirements text read from `source`; nested `-r`/`-c` files resolve against its folder through readFile. */
export async function parseRequirementsText(
  text: string,
  source: string,
  readFile: (p: string) => Promise<string> = () => Promise.reject(new Error('nested files are not available here')),
  env: NodeJS.ProcessEnv = process.env,
): Promise<RequirementsFile> {
  const ctx: Context = { readFile, env, result: emptyFile(), stack: [source] };
  await parseInto(ctx, text, source, false);
  return ctx.result;
}

/** Reads and parses a pip requirements file and everything it includes. Throws RequirementsFileError naming file:line. */
export async function parseRequirementsFile(
  path: string,
  readFile: (p: string) => Promise<string>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RequirementsFile> {
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    throw new RequirementsFileError(`${path}: cannot read: ${messageOf(error)}`);
  }
  return parseRequirementsText(text, path, readFile, env);
}
