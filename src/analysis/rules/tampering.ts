// Strings that blind the machine's defences (Defender exclusions, firewall off), mine cryptocurrency on it (stratum
// pools, XMRig options) or wipe it (the home folder, a drive, Windows' shadow copies): what a payload does once it
// runs. High wherever the code sits; critical in code that runs at install, start-up or import.
import { HOLE } from '../evaluate.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import { TAMPERING_PATTERNS, TAMPERING_WORDS } from '../indicators/tampering.ts';

export function tamperingRules(ctx: FileContext): void {
  const reported = new Set<string>();
  for (const node of ctx.facts.strings) {
    if (!TAMPERING_WORDS.test(node.text)) continue;
    const value = ctx.evaluator.text(node);
    if (value === undefined) continue;
    const found = TAMPERING_PATTERNS.find(({ pattern }) => pattern.test(value));
    if (!found || reported.has(found.what)) continue;
    reported.add(found.what);
    const trigger = ctx.triggers.triggerOf(node);
    addFinding(ctx, node, {
      rule: found.kind,
      severity: raise('high', triggerWeight(trigger) > 0 ? 1 : 0),
      message: `${found.what} (${value.replaceAll(HOLE, '{…}').slice(0, 120)})`,
      capability: 'process',
      trigger,
    });
  }
}
