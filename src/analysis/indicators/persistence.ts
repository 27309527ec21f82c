// Places code writes to so that it runs again later: the persistence techniques of real droppers.

export const PERSISTENCE_PATTERNS: { pattern: RegExp; what: string }[] = [
  {
    pattern: /Software\\{1,2}Microsoft\\{1,2}Windows\\{1,2}CurrentVersion\\{1,2}Run(Once)?\b/i,
    what: 'a Windows Run registry key',
  },
  { pattern: /Start Menu[\\/]{1,2}Programs[\\/]{1,2}Startup|shell:startup/i, what: 'the Windows Startup folder' },
  {
    pattern: /\bcrontab\s+(-[lreiu]?|\S+\.(txt|cron|tmp))(\s|$|['"])|\/etc\/cron|\/var\/spool\/cron|@reboot/i,
    what: 'cron',
  },
  { pattern: /\.config\/systemd\/user|systemctl\s+--user\s+enable|\/etc\/systemd\/system\//i, what: 'a systemd unit' },
  { pattern: /Library\/LaunchAgents|Library\/LaunchDaemons/i, what: 'a macOS launch agent' },
  { pattern: /schtasks(\.exe)?\s+\/create/i, what: 'a scheduled task' },
  { pattern: /\bsc(\.exe)?\s+create\s+\S+.*\bstart=\s*auto\b/i, what: 'a Windows service started at boot' },
  // a bare ".profile" is as often a file extension (cProfile dumps) as the start-up file: only in a path
  { pattern: /(^|[\\/~])\.(bashrc|zshrc|bash_profile)$|[\\/~]\.profile$/i, what: 'a shell start-up file' },
];
