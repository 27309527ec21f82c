// The HTML presenter without a browser: escaping of hostile data, the CSP, and the embedded data.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { EGRESS_VERDICT } from '../../src/model/result.ts';
import { escapeHtml, jsonForScript } from '../../src/report/html/escape.ts';
import { highlightPython } from '../../src/report/html/highlight.ts';
import { renderHtml } from '../../src/report/html/index.ts';
import { pageData } from '../../src/report/html/page-data.ts';
import { HOSTILE, hostileResult } from './fixtures/hostile-result.ts';
import { TEST_RULES } from './fixtures/rules.ts';
import { sampleResult } from './fixtures/sample-result.ts';

const OPEN_DATA = '<script type="application/json" id="pg-data">';

function split(html: string): { outside: string; blob: string } {
  const start = html.indexOf(OPEN_DATA) + OPEN_DATA.length;
  const end = html.indexOf('</script>', start);
  assert.ok(start > OPEN_DATA.length && end > start, 'the data element is present and closed');
  return { outside: html.slice(0, start) + html.slice(end), blob: html.slice(start, end) };
}

test('hostile strings never appear raw outside the escaped JSON blob', () => {
  const html = renderHtml(hostileResult(), { rules: TEST_RULES });
  const { outside, blob } = split(html);
  for (const raw of [
    HOSTILE.scriptBreak,
    HOSTILE.img,
    HOSTILE.svg,
    HOSTILE.comment,
    '<img',
    '<svg onload',
    '<script>window',
    'onerror="',
  ]) {
    assert.ok(!outside.includes(raw), `raw ${JSON.stringify(raw)} outside the data blob`);
  }
  assert.ok(
    !/href\s*=/i.test(html.slice(0, html.indexOf(OPEN_DATA))),
    'no server-rendered link at all (a javascript: URL stays text)',
  );
  assert.equal(html.match(/<script/g)?.length, 2, 'exactly the data element and the page script');
  assert.equal(html.match(/<\/script>/g)?.length, 2);
  // The blob holds no markup at all, and parses back to exactly the page data.
  assert.ok(!/[<>&\u2028\u2029]/.test(blob));
  assert.deepEqual(JSON.parse(blob), JSON.parse(JSON.stringify(pageData(hostileResult(), TEST_RULES))));
  // Server-rendered text is escaped, not dropped.
  assert.ok(outside.includes(escapeHtml(`${HOSTILE.scriptBreak} ${HOSTILE.img}`)));
});

test('escapeHtml and jsonForScript', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  const tricky = { s: '</script><!--\u2028\u2029&' };
  const text = jsonForScript(tricky);
  assert.equal(text, '{"s":"\\u003c/script\\u003e\\u003c!--\\u2028\\u2029\\u0026"}');
  assert.deepEqual(JSON.parse(text), tricky);
});

test('CSP: no default sources, inline script allowed by its sha256 only, nothing external', () => {
  const html = renderHtml(sampleResult(), { rules: TEST_RULES });
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp);
  const script = html.slice(html.lastIndexOf('<script>') + 8, html.lastIndexOf('</script>'));
  const hash = createHash('sha256').update(script).digest('base64');
  assert.match(csp, /default-src 'none'/);
  assert.ok(csp.includes(`script-src 'sha256-${hash}'`));
  assert.match(csp, /img-src data:/);
  assert.ok(!/<link|<img|<iframe|\ssrc=|@import|url\(/.test(split(html).outside));
});

test('the overview states the verdict, the counts and what was audited', () => {
  const html = renderHtml(sampleResult(), { rules: TEST_RULES });
  assert.match(html, /<div class="level">Critical risk<\/div>/);
  assert.match(html, /data-only-risk="critical" [^>]*><b>1<\/b>/);
  assert.match(html, /data-only-risk="none" [^>]*><b>6<\/b>/);
  assert.ok(html.includes('$ pyguard check -r requirements.txt'));
  assert.ok(html.includes('cpython 3.12.4 · manylinux_2_17_x86_64'));
  assert.ok(html.includes('<b>pkg-telemetry-shim 0.3.1</b>: Sends environment variables'));
  assert.ok(html.includes('1 outbound connection known statically'));
});

test('page data: only used rules, highlighted tokens that rebuild the code exactly', () => {
  const unused = { ...TEST_RULES[0], id: 'never-fires', name: 'Never fires' };
  const data = pageData(sampleResult(), [...TEST_RULES, unused]);
  assert.deepEqual(data.rules.map(([id]) => id).sort(), TEST_RULES.map((r) => r.id).sort());
  assert.deepEqual(data.rules[0], [
    'exfil-env-to-network',
    'Environment sent to the network',
    TEST_RULES[0].shortDescription,
  ]);
  const code = 'urllib.request.urlopen(req, data=data, timeout=3)';
  const tokens = new Map(data.highlights).get(code);
  assert.ok(tokens);
  assert.equal(tokens.map((t) => (typeof t === 'string' ? t : t[1])).join(''), code);
  const contextLine = '    except Exception:';
  assert.ok(!new Map(data.highlights).has(contextLine), 'context lines are shown plain: no tokens for them');
  const tokensOf = highlightPython('import os  # "<b>&amp;"');
  assert.deepEqual(tokensOf, [['k', 'import'], ' os  ', ['c', '# "<b>&amp;"']]);
  assert.equal(data.result.targets.at(-1)!.files[1].verdict, EGRESS_VERDICT);
});
