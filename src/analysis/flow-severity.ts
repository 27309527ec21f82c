// How severe a traced flow from a source to the network is: what was sent (its strength, whose secret), where it
// went (known, shady, another owner's host) and when the code runs. One function for the flows traced in a file
// (flow.ts) and those joined across the target's modules (flow-links.ts).
import type { Destination, Finding, Severity, Trigger } from '../model/result.ts';
import { describeDestination, isLocal, isShady } from './destinations.ts';
import { raise, triggerWeight } from './file-context.ts';
import type { SECRET_OWNERS } from './indicators/secrets.ts';
import type { SourceStrength } from './indicators/sources.ts';

export const STRENGTH_SCORE: Record<SourceStrength, number> = {
  'bulk-secrets': 3,
  'credential-file': 3,
  'user-data': 2,
  'secret-env': 2,
  identity: 1,
};

/** What a flow carries, as its severity needs it. */
export interface SentData {
  what: string;
  strength: SourceStrength;
  /** A secret whose name says which service it unlocks (AWS_*, GITHUB_*, ...). */
  owner?: (typeof SECRET_OWNERS)[number];
  /** A parameter named private_key: a wallet's, or a TLS or SSH key a cloud API is meant to receive. */
  anyKindOfKey?: boolean;
}

/** The exfiltration finding's fields (all but its location, flow and trigger) for data sent to a destination. */
export function exfiltrationFinding(
  data: SentData,
  destination: Destination | undefined,
  trigger: Trigger,
): Pick<Finding, 'rule' | 'severity' | 'message' | 'capability' | 'destination'> {
  const { strength } = data;
  const score = STRENGTH_SCORE[strength];
  const known = !!destination?.host;
  let severity: Severity = score >= 2 || known ? (score >= 3 ? 'high' : 'medium') : 'low';
  if (!known && trigger === 'call') severity = score >= 3 ? 'medium' : score === 2 ? 'low' : 'info';
  // a client sending its own API key from the environment, or the platform's name in a download URL, to the
  // service a user's call asks for is how clients work; from code that runs by itself, or to a host exfiltration
  // favours or another owner's host (below), it is not
  // (not when the data becomes a DNS label of a fixed domain: f"{user}.collector.example" is a callback's shape)
  if (
    known &&
    trigger === 'call' &&
    (strength === 'secret-env' || strength === 'identity') &&
    destination?.kind !== 'dynamic-subdomain' &&
    !isShady(destination)
  )
    severity = 'low';
  // a key given to a function that sends it, when called, to a host of no shady kind: a cloud API receiving the
  // certificate key it stores (libcloud) as much as a drainer with a host of its own; medium then. The drainers
  // measured post it to a collector, a tunnel or a bot (high)
  if (data.anyKindOfKey && trigger === 'call' && !isShady(destination) && severity === 'high') severity = 'medium';
  if (isShady(destination)) severity = raise(severity, 1);
  severity = raise(severity, triggerWeight(trigger));
  // who and where the machine is, sent by code that runs by itself: the callback of a dependency-confusion probe
  if (trigger !== 'call' && severity !== 'critical') severity = 'high';
  // an AWS (GitHub, PyPI...) secret sent to a hard-coded host of another owner: a stolen key
  const host = destination?.host;
  const foreign = data.owner && host && !isLocal(destination) && !data.owner.domains.test(host.toLowerCase());
  if (foreign && severity !== 'critical') severity = 'high';
  return {
    rule: 'exfiltration',
    severity,
    message: `sends ${data.what} to the network${destination ? ` (${describeDestination(destination)})` : ''}${foreign ? `, a host that is not ${data.owner!.owner}'s` : ''}`,
    capability: 'network',
    destination,
  };
}
