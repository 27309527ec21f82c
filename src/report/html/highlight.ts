// Python syntax highlighting for the HTML report, as data: highlight.js output turned into (class, text) tokens
// that the page renders with textContent, so no package text is ever parsed as HTML.

import { createRequire } from 'node:module';
import type { HLJSApi, LanguageFn } from 'highlight.js';

/** Plain text, or [short class, text]. */
export type Token = string | [string, string];

let loaded: HLJSApi | undefined;

/** highlight.js with Python, loaded on first use: only the HTML report needs it, and loading costs ~0.1 s of CPU. */
function highlighter(): HLJSApi {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = require('highlight.js/lib/core') as HLJSApi;
    loaded.registerLanguage('python', require('highlight.js/lib/languages/python') as LanguageFn);
  }
  return loaded;
}

const SHORT_CLASS: Record<string, string> = {
  'hljs-keyword': 'k',
  'hljs-built_in': 'b',
  'hljs-string': 's',
  'hljs-number': 'n',
  'hljs-comment': 'c',
  'hljs-literal': 'l',
  'hljs-title': 't',
  'hljs-title function_': 't',
  'hljs-title class_': 't',
  'hljs-params': 'p',
  'hljs-meta': 'm',
  'hljs-type': 'b',
  'hljs-variable': 'p',
  'hljs-operator': 'o',
};

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** Highlights one snippet of Python; falls back to one plain token when highlight.js gives up. */
export function highlightPython(code: string): Token[] {
  let html: string;
  try {
    html = highlighter().highlight(code, { language: 'python', ignoreIllegals: true }).value;
  } catch {
    return [code];
  }
  const tokens: Token[] = [];
  const stack: string[] = [];
  for (const match of html.matchAll(/<span class="([^"]*)">|<\/span>|[^<]+/g)) {
    if (match[1] !== undefined) {
      // A nested span (e.g. an f-string substitution) keeps its own class when it has one, else its parent's.
      stack.push(SHORT_CLASS[match[1]] ?? (match[1] === 'hljs-subst' ? '' : (stack[stack.length - 1] ?? '')));
    } else if (match[0] === '</span>') {
      stack.pop();
    } else {
      const text = decodeEntities(match[0]);
      const cls = stack[stack.length - 1] ?? '';
      const last = tokens[tokens.length - 1];
      if (cls === '') {
        if (typeof last === 'string') tokens[tokens.length - 1] = last + text;
        else tokens.push(text);
      } else if (Array.isArray(last) && last[0] === cls) {
        last[1] += text;
      } else {
        tokens.push([cls, text]);
      }
    }
  }
  return tokens;
}
