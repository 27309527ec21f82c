// The HTML report in a real browser (Debian chromium via playwright-core): filters, search, lazy package bodies,
// hostile data that must stay inert, no network, and a 500-package / 10,000-finding result.
// Fails (does not skip) when /usr/bin/chromium is missing. Screenshots go to test-artifacts/.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { AuditResult } from '../../src/model/result.ts';
import { EGRESS_VERDICT } from '../../src/model/result.ts';
import { renderHtml } from '../../src/report/html/index.ts';
import { launchChromium } from './chromium.ts';
import { HOSTILE, hostileResult } from './fixtures/hostile-result.ts';
import { TEST_RULES } from './fixtures/rules.ts';
import { sampleResult } from './fixtures/sample-result.ts';
import { auditResult } from './fixtures/summarize.ts';
import { SYNTHETIC_FINDINGS_PER_PACKAGE, SYNTHETIC_PACKAGES, syntheticResult } from './fixtures/synthetic-result.ts';

const artifacts = resolve(import.meta.dirname, '..', '..', 'test-artifacts');
const dir = mkdtempSync(join(tmpdir(), 'pyguard-html-'));
let browser: Browser;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

async function open(result: AuditResult, name: string): Promise<Opened> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, renderHtml(result, { rules: TEST_RULES }));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const opened: Opened = { page, requests: [], dialogs: [], errors: [] };
  page.on('request', (request) => opened.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => opened.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') opened.errors.push(message.text());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-ready="1"]');
  return opened;
}

function visibleRows(page: Page): Promise<number> {
  return page.locator('details.pkg:not([hidden])').count();
}

/** Types a search and waits until the page has applied it (the input is debounced). */
async function search(page: Page, query: string): Promise<void> {
  await page.fill('#pg-search', query);
  await page.waitForFunction(
    (q) => document.getElementById('pg-packages')?.getAttribute('data-query') === q,
    query.trim().toLowerCase(),
  );
}

function status(page: Page): Promise<string | null> {
  return page.textContent('#pg-status');
}

/** Counts matches until the count is `expected` or 15 s pass: expanding renders package bodies lazily, in batches. */
async function settledCount(page: Page, selector: string, expected: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  let count = await page.locator(selector).count();
  while (count !== expected && Date.now() < deadline) {
    await page.waitForTimeout(100);
    count = await page.locator(selector).count();
  }
  return count;
}

function assertQuiet(opened: Opened): void {
  const outside = opened.requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'));
  assert.deepEqual(outside, [], 'no request left the page');
  assert.deepEqual(opened.dialogs, [], 'no dialog');
  assert.deepEqual(opened.errors, [], 'no script error and no CSP violation');
}

test('sample report: filters, search, tree, destinations and a package opened on demand', async () => {
  const opened = await open(sampleResult(), 'sample');
  const { page } = opened;
  try {
    assert.equal(await visibleRows(page), 14);
    assert.equal(await page.textContent('#pg-status'), 'Showing 14 of 14 packages');
    assert.equal(await page.locator('details.pkg .body').count(), 0, 'bodies are built lazily');
    await page.screenshot({ path: join(artifacts, 'sample-overview.png'), fullPage: true });

    // Risk chips toggle levels off; a count card shows one level only.
    await page.click('.chip[data-filter-risk="none"]');
    assert.equal(await visibleRows(page), 8);
    await page.click('.count[data-only-risk="low"]');
    assert.equal(await visibleRows(page), 5);
    assert.equal(await page.getAttribute('.chip[data-filter-risk="critical"]', 'aria-pressed'), 'false');
    await page.click('.count[data-only-risk="critical"]');
    assert.deepEqual(await page.locator('details.pkg:not([hidden]) .title').allTextContents(), [
      'pkg-telemetry-shim0.3.1',
    ]);

    // Capability filter, then search (over names, reasons, code, destinations).
    for (const risk of ['high', 'medium', 'low', 'info', 'none']) await page.click(`.chip[data-filter-risk="${risk}"]`);
    await page.selectOption('#pg-cap', 'network');
    assert.equal(await visibleRows(page), 3);
    await page.selectOption('#pg-cap', '');
    await search(page, 'telemetry-shim');
    assert.equal(await status(page), 'Showing 2 of 14 packages');
    await search(page, 'collect.telemetry-shim.example');
    assert.equal(await status(page), 'Showing 1 of 14 packages');
    await search(page, 'create_connection');
    assert.equal(await status(page), 'Showing 1 of 14 packages');
    assert.deepEqual(await page.locator('details.pkg:not([hidden]) .title').allTextContents(), ['urllib32.1.0']);
    await search(page, 'zzz-nothing');
    assert.equal(await page.locator('.empty').isVisible(), true);
    await search(page, '');
    assert.equal(await status(page), 'Showing 14 of 14 packages');

    // Open the phoning-home package: verdict, highlighted exact line, data flow, decoded payload.
    const shim = page.locator('details.pkg').first();
    await shim.locator('summary').click();
    const body = shim.locator('.body');
    assert.ok((await body.textContent())!.includes(EGRESS_VERDICT));
    const beacon = body.locator('.file', { hasText: 'pkg_telemetry_shim/_beacon.py' });
    assert.equal(await beacon.locator(':scope > .finding').count(), 3);
    const exfil = beacon.locator('.finding').first();
    // The lines around the finding, numbered, the finding's own line marked.
    assert.deepEqual(await exfil.locator('.codectx .codeline .ln').allTextContents(), [
      '28',
      '29',
      '30',
      '31',
      '32',
      '33',
    ]);
    assert.equal(await exfil.locator('.codectx .codeline.hit .ln').textContent(), '31');
    assert.equal(
      await exfil.locator('.codectx .codeline.hit code').textContent(),
      '        urllib.request.urlopen(req, data=data, timeout=3)',
    );
    assert.equal(await exfil.locator('.codectx .codeline.hit').count(), 1);
    assert.equal(await exfil.locator('.flow li').count(), 4);
    assert.equal(await exfil.locator('.dest .mono').textContent(), 'https://collect.telemetry-shim.example/v1/ingest');
    assert.ok(
      (await exfil.locator('.codeline code span.hl-s, .codeline code span.hl-k').count()) > 0,
      'syntax highlighted',
    );
    assert.equal(
      await beacon.locator('.decoded pre').textContent(),
      'https://collect.telemetry-shim.example/v1/ingest',
    );
    const origin = shim.locator('.kv a');
    assert.equal(await origin.getAttribute('rel'), 'noopener noreferrer');
    assert.match((await origin.getAttribute('href'))!, /^https:\/\/files\.pythonhosted\.org\//);
    await shim.screenshot({ path: join(artifacts, 'sample-package.png') });

    // Destinations table and dependency tree.
    assert.deepEqual(await page.locator('#pg-dest-body tr td.mono').allTextContents(), [
      'https://collect.telemetry-shim.example/v1/ingest',
    ]);
    const treeText = await page.locator('#pg-tree').textContent();
    assert.match(treeText!, /fastjson-utils 1\.4\.2.*pkg-telemetry-shim 0\.3\.1/s);
    assert.equal(await page.locator('#pg-tree .seen').count(), 1, 'requests is listed twice, expanded once');

    // Expand all builds every body; collapse all closes them.
    await page.click('#pg-expand');
    assert.equal(await settledCount(page, 'details.pkg[open]', 14), 14);
    assert.equal(await settledCount(page, 'details.pkg .body', 14), 14);
    await page.click('#pg-collapse');
    assert.equal(await page.locator('details.pkg[open]').count(), 0);

    // Clicking a tree node opens and shows that package.
    await page.locator('#pg-tree a', { hasText: 'click 8.1.7' }).click();
    assert.deepEqual(await page.locator('details.pkg[open] .title').allTextContents(), ['click8.1.7']);
    assertQuiet(opened);
  } finally {
    await page.close();
  }
});

test('hostile report: package text stays text, nothing runs, javascript: URLs are not links', async () => {
  const opened = await open(hostileResult(), 'hostile');
  const { page } = opened;
  try {
    await page.click('#pg-expand');
    await page.locator('details.pkg .body').first().waitFor();
    await page.locator('#pg-dest-details > summary').click();
    await page.locator('.quiet > summary').first().click();
    await search(page, 'onerror');
    assert.equal(await status(page), 'Showing 1 of 2 packages');
    await page.screenshot({ path: join(artifacts, 'hostile.png'), fullPage: true });
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('img, iframe, object, embed, [onload], [onerror]').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
    assert.equal(await page.locator('a[href]').count(), 0, 'a javascript: origin is shown as text');
    assert.equal(await page.locator('script').count(), 2);
    assert.ok((await page.locator('details.pkg .title').first().textContent())!.includes(HOSTILE.img));
    assert.ok((await page.locator('.codeline.hit code').first().textContent())!.includes(HOSTILE.scriptBreak));
    assert.equal(await page.locator('.codectx .codeline code').first().textContent(), HOSTILE.comment);
    assert.ok((await page.locator('.decoded pre').first().textContent())!.includes(HOSTILE.svg));
    assert.ok((await page.locator('h1').textContent())!.includes(HOSTILE.scriptBreak));
    assertQuiet(opened);
  } finally {
    await page.close();
  }
});

test('500 packages and 10,000 findings: first paint, filtering, search and one package body', async () => {
  const result = syntheticResult();
  assert.equal(result.summary.findings, SYNTHETIC_PACKAGES * SYNTHETIC_FINDINGS_PER_PACKAGE);
  const opened = await open(result, 'synthetic');
  const { page } = opened;
  try {
    assert.equal(await visibleRows(page), SYNTHETIC_PACKAGES);
    await page.screenshot({ path: join(artifacts, 'synthetic.png') });
    await page.click('.count[data-only-risk="critical"]');
    const critical = result.targets.filter((t) => t.risk === 'critical').length;
    assert.equal(await visibleRows(page), critical);
    await search(page, 'synthetic-pkg-005');
    assert.equal(await status(page), 'Showing 1 of 500 packages');
    const row = page.locator('details.pkg:not([hidden])');
    await row.locator('summary').click();
    assert.equal(
      await settledCount(page, 'details.pkg:not([hidden]) .finding', SYNTHETIC_FINDINGS_PER_PACKAGE),
      SYNTHETIC_FINDINGS_PER_PACKAGE,
    );
    await search(page, '');
    assert.equal(await status(page), `Showing ${critical} of 500 packages`);
    await page.click('#pg-expand');
    assert.equal(await settledCount(page, 'details.pkg .body', critical), critical);
    // A result without a resolution lists its targets instead of a tree (closed by default when this large).
    assert.equal(await page.locator('#pg-tree li').count(), 0);
    await page.locator('#pg-tree-details > summary').click();
    assert.equal(await page.locator('#pg-tree li').count(), SYNTHETIC_PACKAGES);
    assertQuiet(opened);
  } finally {
    await page.close();
  }
});

test('one scanned folder with 250 flagged files opens in batches of 100', async () => {
  const files = Array.from({ length: 250 }, (_, i) => ({
    path: `src/mod_${String(i).padStart(3, '0')}.py`,
    kind: 'python' as const,
    size: 100,
    egress: false,
    partial: false,
    findings: [
      {
        rule: 'process-spawn',
        severity: 'low' as const,
        line: 1,
        column: 1,
        message: `spawn ${i}`,
        code: 'os.system(cmd)',
      },
    ],
  }));
  const result = auditResult(
    ['scan', 'src'],
    [
      {
        kind: 'directory',
        path: 'src',
        risk: 'low',
        reasons: [],
        capabilities: ['process'],
        files,
        findings: [],
        errors: [],
      },
    ],
  );
  const opened = await open(result, 'folder');
  const { page } = opened;
  try {
    await page.locator('details.pkg summary').click();
    assert.equal(await settledCount(page, '.body .file', 100), 100);
    await page.click('button.more');
    assert.equal(await settledCount(page, '.body .file', 200), 200);
    assert.equal(await page.textContent('button.more'), 'Show 50 more of 50 remaining files');
    await page.click('button.more');
    assert.equal(await settledCount(page, '.body .file', 250), 250);
    assert.equal(await page.locator('button.more').count(), 0);
    assertQuiet(opened);
  } finally {
    await page.close();
  }
});
