// `npm run bench`: scan throughput on real code, then `check` on the real-package index (cold and warm cache).
import { existsSync } from 'node:fs';
import { benchScan, formatScanRows } from './scan.ts';

console.log(formatScanRows(await benchScan()));
if (existsSync(new URL('./check.ts', import.meta.url))) {
  const { benchCheck, formatCheckRows } = await import('./check.ts');
  console.log(`\n${formatCheckRows(await benchCheck())}`);
}
