// `npm run demo`: serves the bundled fixture world (fixtures/wheels) on 127.0.0.1 as a PEP 691/503 index and
// runs `pyguard check demo-app` against it, offline. One transitive dependency phones home.
import { main } from '../src/cli.ts';
import { processIO } from '../src/commands/io.ts';
import { startIndexServer } from '../src/index-server/index.ts';

const server = await startIndexServer({ root: new URL('../fixtures/wheels', import.meta.url).pathname });
const io = processIO();
io.stdout(`demo index: ${server.simpleUrl}\n$ pyguard check demo-app --index-url ${server.simpleUrl} --isolated --no-osv ${process.argv.slice(2).join(' ')}\n\n`);
try {
  process.exitCode = await main(['check', 'demo-app', '--index-url', server.simpleUrl, '--isolated', '--no-osv', '--cache-dir', new URL('../node_modules/.cache/pyguard-demo', import.meta.url).pathname, ...process.argv.slice(2)], io);
} finally {
  await server.close();
}
