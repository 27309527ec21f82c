// PEP 508 dependency specifications: `name[extra1,extra2] (>=1,<2) ; marker` and `name @ url ; marker`, parsed into
// a Requirement and formatted back. Marker trees and their evaluation live in markers.ts and are re-exported here.

import { InvalidRequirement } from './standards-error.ts';
import { parseMarker, formatMarker, type MarkerNode } from './markers.ts';
import { parseSpecifier } from './version.ts';

export { evaluateMarker, formatMarker, markerUsesExtra, parseMarker } from './markers.ts';
export type { MarkerEnvironment, MarkerNode } from './markers.ts';

export interface Requirement {
  /** The name as written (compare with normalizeName). */
  name: string;
  extras: string[];
  /** Normalised specifier set, clauses joined by `,` (`>=2.0,<3`); empty = any version. */
  specifier: string;
  marker?: MarkerNode;
  markerText?: string;
  url?: string;
  raw: string;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const EXTRA = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** Parses one PEP 508 requirement. Throws InvalidRequirement with a one-line message naming the text. */
export function parseRequirement(text: string): Requirement {
  const raw = text;
  const fail = (why: string): never => {
    throw new InvalidRequirement(`invalid requirement ${JSON.stringify(raw.trim())}: ${why}`);
  };
  let rest = text.trim();
  const name = NAME.exec(rest)?.[0];
  if (!name) return fail('expected a project name');
  rest = rest.slice(name.length).trimStart();

  const req: Requirement = { name, extras: [], specifier: '', raw };
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) fail('missing ] after extras');
    const list = rest.slice(1, close).trim();
    for (const extra of list === '' ? [] : list.split(',').map((e) => e.trim())) {
      if (!EXTRA.test(extra)) fail(`invalid extra ${JSON.stringify(extra)}`);
      req.extras.push(extra);
    }
    rest = rest.slice(close + 1).trimStart();
  }

  let markerText: string | undefined;
  if (rest.startsWith('@')) {
    const url = /^@\s*(\S+)/.exec(rest)?.[1];
    if (!url) return fail('expected a URL after @');
    req.url = url;
    rest = rest.slice(rest.indexOf(url) + url.length).trim();
    if (rest !== '') {
      if (!rest.startsWith(';')) fail('expected ; before the marker after the URL');
      markerText = rest.slice(1);
    }
  } else {
    const semicolon = rest.indexOf(';');
    let specText = semicolon < 0 ? rest : rest.slice(0, semicolon);
    if (semicolon >= 0) markerText = rest.slice(semicolon + 1);
    specText = specText.trim();
    if (specText.startsWith('(')) {
      if (!specText.endsWith(')')) fail('missing ) after the version specifier');
      specText = specText.slice(1, -1);
    }
    req.specifier = specifierOf(specText, (why) => {
      const fixed = likelySpecifier(specText);
      return fail(
        fixed ? `${why} (did you mean ${raw.trim().slice(0, raw.trim().indexOf(specText)).trimEnd()}${fixed}?)` : why,
      );
    });
  }

  if (markerText !== undefined) {
    if (markerText.trim() === '') fail('empty marker after ;');
    try {
      req.marker = parseMarker(markerText);
    } catch (error) {
      fail((error as Error).message);
    }
    req.markerText = markerText.trim();
  }
  return req;
}

function specifierOf(text: string, fail: (why: string) => never): string {
  try {
    return parseSpecifier(text)
      .map((c) => `${c.operator}${c.version}`)
      .join(',');
  } catch {
    return fail(`invalid version specifier ${JSON.stringify(text.trim())}`);
  }
}

/** What a mistyped specifier most likely meant, as pip users write it: `=1.17` or `1.17` → `==1.17`, `=>1` → `>=1`. */
function likelySpecifier(text: string): string | undefined {
  const swapped = /^=([<>])\s*(\S+)$/.exec(text);
  if (swapped) return `${swapped[1]}=${swapped[2]}`;
  const single = /^=?\s*(\d[\w.!+*-]*)$/.exec(text);
  return single ? `==${single[1]}` : undefined;
}

/** Formats a requirement in canonical PEP 508 form: `name[a,b]>=1,<2; python_version < "3.8"` or `name @ url ; marker`. */
export function formatRequirement(r: Requirement): string {
  let text = r.name;
  if (r.extras.length > 0) text += `[${r.extras.join(',')}]`;
  if (r.url) text += ` @ ${r.url}`;
  else text += r.specifier;
  const marker = r.marker ? formatMarker(r.marker) : r.markerText;
  if (marker) text += r.url ? ` ; ${marker}` : `; ${marker}`;
  return text;
}
