// What a payload does to the machine beyond running: blinding the antivirus or the firewall, and mining
// cryptocurrency with the machine's processors. Matched against folded strings (command lines, scripts).

export interface TamperingPattern {
  pattern: RegExp;
  what: string;
  kind: 'defense-evasion' | 'cryptominer';
}

export const TAMPERING_PATTERNS: TamperingPattern[] = [
  {
    pattern: /\b(Add|Set)-MpPreference\b[^\n]{0,80}-(Exclusion(Path|Process|Extension|IpAddress)|Disable\w+)/i,
    what: 'changes Microsoft Defender settings (an exclusion, or a protection turned off)',
    kind: 'defense-evasion',
  },
  {
    pattern: /\bDisableAntiSpyware\b|\bDisableRealtimeMonitoring\b|\bTamperProtection\b/i,
    what: 'turns off Microsoft Defender protection',
    kind: 'defense-evasion',
  },
  {
    pattern: /\bnetsh\s+(adv)?firewall\s+set\s+\w+\s+(state\s+off|opmode\s+disable)/i,
    what: 'turns the Windows firewall off',
    kind: 'defense-evasion',
  },
  {
    pattern: /\bstratum\d?\+(tcp|ssl|tls):\/\//i,
    what: 'connects to a cryptocurrency mining pool (stratum)',
    kind: 'cryptominer',
  },
  {
    pattern: /--(cpu-max-threads-hint|donate-level|randomx-1gb-pages)\b|\bxmrig\b/i,
    what: 'runs a cryptocurrency miner (XMRig options)',
    kind: 'cryptominer',
  },
  {
    pattern:
      /\b(pool\.)?(unmineable|minexmr|supportxmr|moneroocean|nanopool|herominers|hashvault|c3pool|2miners)\.(com|org|net|pro|stream)\b/i,
    what: 'names a cryptocurrency mining pool',
    kind: 'cryptominer',
  },
];

/** A cheap test first: none of the patterns can match without one of these words. */
export const TAMPERING_WORDS =
  /mppreference|antispyware|realtimemonitoring|tamperprotection|firewall|stratum|cpu-max|donate-level|randomx|xmrig|mine|xmr|ocean|nanopool|hashvault|c3pool|2miners/i;
