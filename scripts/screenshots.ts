// Renders the sample audit result to HTML and takes the README screenshots with Debian chromium:
// docs/screenshots/report-overview.png and docs/screenshots/report-package.png.
// Run: node --import tsx scripts/screenshots.ts [RESULT.json]

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../src/analysis/rules/rule-catalog.ts';
import type { AuditResult } from '../src/model/result.ts';
import { renderHtml } from '../src/report/html/index.ts';
import { sampleResult } from '../test/report/fixtures/sample-result.ts';
import { TEST_RULES } from '../test/report/fixtures/rules.ts';
import { launchChromium } from '../test/report/chromium.ts';

const outDir = resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const dir = mkdtempSync(join(tmpdir(), 'pyguard-shots-'));
const file = join(dir, 'report.html');
// A saved result (e.g. the demo's `--json` output) when given, else the sample result of the report tests.
const result = process.argv[2] ? (JSON.parse(readFileSync(process.argv[2], 'utf8')) as AuditResult) : sampleResult();
writeFileSync(file, renderHtml(result, { rules: process.argv[2] ? allRules() : TEST_RULES }));

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1420 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-ready="1"]');
  await page.screenshot({ path: join(outDir, 'report-overview.png') });
  await page.click('#pg-collapse');
  // Packages are sorted by risk: the first one is the riskiest.
  const pkg = page.locator('details.pkg').first();
  await pkg.locator('summary').click();
  await pkg.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 110));
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.screenshot({ path: join(outDir, 'report-package.png') });
  process.stdout.write(`wrote ${join(outDir, 'report-overview.png')} and report-package.png\n`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
