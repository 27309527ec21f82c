// Proof that the resolver picks what pip picks: every scenario is served by the local index and resolved by the real
// pip on this machine (`pip install --dry-run --report`) and by pyguard, and the (name, version, file) sets compared.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { runPip, runPyguard } from './parity/run.ts';
import { SCENARIOS, type Scenario } from './parity/scenarios.ts';
import { serveFolder, startWorld } from './parity/world.ts';

const CONCURRENCY = 3;

function pipAvailable(): boolean {
  try {
    execFileSync('python3', ['-m', 'pip', '--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Compared {
  scenario: Scenario;
  pip: Awaited<ReturnType<typeof runPip>>;
  pyguard: Awaited<ReturnType<typeof runPyguard>>;
}

async function compare(scenario: Scenario): Promise<Compared> {
  const world = scenario.folder ? await serveFolder(scenario.folder) : await startWorld(scenario.files, scenario);
  try {
    const [pip, pyguard] = await Promise.all([
      runPip(world.server.simpleUrl, scenario),
      runPyguard(world.server.simpleUrl, scenario),
    ]);
    return { scenario, pip, pyguard };
  } finally {
    await world.close();
  }
}

describe('pip parity', { skip: !pipAvailable() && 'python3 -m pip is not available' }, () => {
  const results = new Map<string, Promise<Compared>>();
  before(() => {
    // Start every scenario now, CONCURRENCY lanes running one after another; each test awaits its own result.
    const lanes: Promise<unknown>[] = Array.from({ length: CONCURRENCY }, () => Promise.resolve());
    SCENARIOS.forEach((scenario, i) => {
      const lane = i % CONCURRENCY;
      const result = lanes[lane].then(() => compare(scenario));
      results.set(scenario.name, result);
      lanes[lane] = result.catch(() => undefined);
    });
  });

  it('has at least 20 scenarios', () => {
    assert.ok(SCENARIOS.length >= 20);
  });

  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const { pip, pyguard } = await (results.get(scenario.name) as Promise<Compared>);
      if (scenario.conflict) {
        assert.equal(pip.ok, false, `pip unexpectedly resolved: ${pip.installs.join(', ')}`);
        assert.ok(pyguard.outcome.unresolved, `pyguard unexpectedly resolved: ${pyguard.installs.join(', ')}`);
        assert.match(pyguard.outcome.unresolved, scenario.conflict);
        return;
      }
      assert.equal(pip.ok, true, `pip failed: ${pip.stderr}`);
      assert.equal(pyguard.outcome.unresolved, undefined);
      assert.deepEqual(pyguard.installs, [...pip.installs, ...(scenario.targetMarkerExtras ?? [])].sort());
    });
  }
});
