// What a payload does to the machine beyond running: blinding the antivirus or the firewall, mining cryptocurrency
// with the machine's processors, and wiping the user's files or the system. Matched against folded strings (command
// lines, scripts).

export interface TamperingPattern {
  pattern: RegExp;
  what: string;
  kind: 'defense-evasion' | 'cryptominer' | 'destructive-command';
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
  {
    // the home folder, its document folders, the root or a system folder: not a build or cache folder
    pattern:
      /\brm\s+(-[a-z]*r[a-z]*f[a-z]*|-[a-z]*f[a-z]*r[a-z]*|-r\s+-f|-f\s+-r)\s+(--no-preserve-root\s+)?["']?(\/\*?|~\/?\*?|\$HOME\/?\*?|\/home\/?\*?|~\/(Documents|Desktop|Pictures|Downloads)\/?|\/(etc|usr|boot|bin|var|lib)\/?)["']?(\s|$|;|&|\|)/i,
    what: "deletes the user's home folder or system folders",
    kind: 'destructive-command',
  },
  {
    pattern:
      /\b(rd|rmdir)\s+\/s\s+\/q\s+["']?[a-z]:\\(\s|$|["']|windows|users)|\bdel\s+(\/[fsq]\s+){2,3}["']?[a-z]:\\(\*|\s|$|["']|windows|users)|\bformat\s+[a-z]:(\s|$|\/)/i,
    what: 'deletes a whole Windows drive or system folder',
    kind: 'destructive-command',
  },
  {
    pattern:
      // every shadow copy, not one named by its id (/shadow={id}: a tool removing the copy it made itself)
      /\bvssadmin(\.exe)?\s+delete\s+shadows\b(?![^"'\n]*\/shadow=)|\bwmic\s+shadowcopy\s+delete\b|\bbcdedit(\.exe)?\s+\/set\s+\S+\s+recoveryenabled\s+no\b|\bwbadmin\s+delete\s+catalog\b/i,
    what: 'deletes the backups and recovery points Windows keeps (what ransomware does first)',
    kind: 'destructive-command',
  },
  {
    pattern:
      /\bdd\s+if=\/dev\/(zero|u?random)\s+of=\/dev\/(sd|nvme|hd|xvd|vd)[a-z0-9]*|\bmkfs(\.\w+)?\s+\/dev\/(sd|nvme|hd)|:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/i,
    what: 'overwrites a disk or exhausts the machine (a fork bomb)',
    kind: 'destructive-command',
  },
];

/** A cheap test first: none of the patterns can match without one of these words. */
export const TAMPERING_WORDS =
  /mppreference|antispyware|realtimemonitoring|tamperprotection|firewall|stratum|cpu-max|donate-level|randomx|xmrig|mine|xmr|ocean|nanopool|hashvault|c3pool|2miners|rm\s|rd\s|rmdir|del\s|format\s|vssadmin|shadowcopy|bcdedit|wbadmin|dd\s|mkfs|:\(\)/i;
