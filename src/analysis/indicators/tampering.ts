// What a payload does to the machine beyond running: blinding the antivirus or the firewall, mining cryptocurrency
// with the machine's processors, and wiping the user's files or the system. Matched against folded strings (command
// lines, scripts).

export interface TamperingPattern {
  pattern: RegExp;
  what: string;
  kind: 'defense-evasion' | 'cryptominer' | 'destructive-command' | 'system-backdoor';
  /**
   * What an administration tool also does when a user asks (create an account, flush a firewall, shut down): low
   * in code a user calls; high, or critical, only in code that runs by itself.
   */
  adminTask?: true;
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
    pattern:
      /\biptables(\.exe)?\s+(-F|--flush)\b|\bufw\s+disable\b|\bsetenforce\s+0\b|\bsystemctl\s+(stop|disable)\s+(firewalld|apparmor|ufw)\b/i,
    what: 'turns a firewall or SELinux off',
    kind: 'defense-evasion',
    adminTask: true,
  },
  {
    pattern:
      /\bwevtutil(\.exe)?\s+cl\b|\bClear-EventLog\b|\bhistory\s+-c\b|\bunset\s+HISTFILE\b|\brm\s+(-\w+\s+)*["']?~?[^\s"']{0,200}\.(bash|zsh)_history\b|>\s*\/var\/log\/(auth|secure|syslog|wtmp|btmp|lastlog)\b/i,
    what: 'erases event logs or shell history (hides what ran)',
    kind: 'defense-evasion',
    adminTask: true,
  },
  {
    pattern:
      /\bnet(\.exe)?\s+(user\s+\S+\s+\S+\s+\/add|localgroup\s+administrators\s+\S+\s+\/add)\b|\b(useradd|usermod)\b[^\n;&|]{0,80}\s-a?G\s*(sudo|wheel|admin|root)\b/i,
    what: 'creates an administrator account or gives one sudo rights',
    kind: 'system-backdoor',
    adminTask: true,
  },
  {
    pattern:
      />>\s*["']?[^\s"']{0,200}authorized_keys\b|NOPASSWD:\s*ALL\b|>>\s*["']?\/etc\/sudoers\b|\bchmod\s+(u\+s|[2467][0-7]{3})\s+["']?[^\s"']{0,40}\/(ba|da|z)?sh\b/i,
    what: 'opens a way back in (an SSH key appended to authorized_keys, password-less sudo, a setuid shell)',
    kind: 'system-backdoor',
    adminTask: true,
  },
  {
    pattern: /\bshutdown(\.exe)?\s+(\/[srpf]\b|-[hrP]\b|now\b)|^\s*(sudo\s+)?(reboot|poweroff|init\s+0)\s*$/im,
    what: 'shuts the machine down or restarts it',
    kind: 'destructive-command',
    adminTask: true,
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
  /mppreference|antispyware|realtimemonitoring|tamperprotection|firewall|stratum|cpu-max|donate-level|randomx|xmrig|mine|xmr|ocean|nanopool|hashvault|c3pool|2miners|rm\s|rd\s|rmdir|del\s|format\s|vssadmin|shadowcopy|bcdedit|wbadmin|dd\s|mkfs|:\(\)|iptables|ufw|setenforce|systemctl|wevtutil|eventlog|history|histfile|\/var\/log|net(\.exe)?\s|useradd|usermod|authorized_keys|nopasswd|sudoers|chmod|shutdown|reboot|poweroff|init\s/i;
