// Process-spawning APIs, and the command-line tools that reach the network or fetch-and-run code.

export interface ProcessApi {
  path: string;
  /** Where the command is: a string or a list of strings. */
  commandArg: number;
  /** True when a string command goes through a shell (os.system, shell=True). */
  shell?: boolean;
}

const SUBPROCESS = ['call', 'check_call', 'check_output', 'run', 'Popen', 'getoutput', 'getstatusoutput'];

export const PROCESS_APIS: ProcessApi[] = [
  ...SUBPROCESS.map((name) => ({ path: `subprocess.${name}`, commandArg: 0 })),
  { path: 'os.system', commandArg: 0, shell: true },
  { path: 'os.popen', commandArg: 0, shell: true },
  { path: 'commands.getoutput', commandArg: 0, shell: true },
  { path: 'commands.getstatusoutput', commandArg: 0, shell: true },
  ...['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe'].map((name) => ({ path: `os.${name}`, commandArg: 0 })),
  ...['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map((name) => ({ path: `os.${name}`, commandArg: 1 })),
  { path: 'os.posix_spawn', commandArg: 0 },
  { path: 'os.posix_spawnp', commandArg: 0 },
  { path: 'os.startfile', commandArg: 0 },
  { path: 'pty.spawn', commandArg: 0 },
  { path: 'asyncio.create_subprocess_exec', commandArg: 0 },
  { path: 'asyncio.create_subprocess_shell', commandArg: 0, shell: true },
];

/** Command words that reach the network. */
export const NETWORK_TOOLS =
  /(^|[\s;&|('"`/\\])(curl|wget|nc|ncat|netcat|socat|telnet|ftp|tftp|scp|sftp|rsync|ssh|nslookup|dig|bitsadmin|certutil(\.exe)?\s+-urlcache|Invoke-WebRequest|Invoke-RestMethod|iwr|irm|Net\.WebClient|DownloadString|DownloadFile|Start-BitsTransfer|mshta)(?=$|[\s;&|)'"`.])/i;

/** A shell line that pipes something fetched into an interpreter: curl ... | sh. */
export const PIPE_TO_SHELL = /(curl|wget|iwr|Invoke-WebRequest|irm|Invoke-RestMethod)\b[^|]*\|\s*(sudo\s+)?(ba|z|da)?sh\b|(curl|wget|iwr|irm)\b[^|]*\|\s*(python3?|perl|ruby|iex|Invoke-Expression|powershell)\b|\b(iex|Invoke-Expression)\b.*(DownloadString|iwr|Invoke-WebRequest|irm)/i;

/** PowerShell encoded commands: -enc / -EncodedCommand followed by base64 of UTF-16LE text. */
export const POWERSHELL_ENCODED = /\bpowershell(\.exe)?\b.*\s-(e|ec|en|enc|enco|encod|encode|encoded|encodedc|encodedco|encodedcom|encodedcomm|encodedcomma|encodedcomman|encodedcommand)\s+([A-Za-z0-9+/=]{8,})/i;

/** Flags and arguments that hide a spawned process from the user. */
export const SILENT_EXECUTION = /CREATE_NO_WINDOW|DETACHED_PROCESS|CREATE_NEW_PROCESS_GROUP|STARTF_USESHOWWINDOW|SW_HIDE|-WindowStyle\s+Hidden|-w\s+hidden|start_new_session\s*=\s*True|nohup\b|setsid\b|disown\b/i;
