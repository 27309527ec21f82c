// Process-spawning APIs, and the command-line tools that reach the network or fetch-and-run code.

export interface ProcessApi {
  path: string;
  /** Where the command is: a string or a list of strings. */
  commandArg: number;
  /** True when a string command goes through a shell (os.system, shell=True). */
  shell?: boolean;
  /** The program a call runs in this very process, given its arguments only (pip.main(args) runs `pip args`). */
  program?: string;
}

const SUBPROCESS = ['call', 'check_call', 'check_output', 'run', 'Popen'];

/** The C library loaded through ctypes (libc, msvcrt): its system() and exec*() are os.system's and os.exec*'s. */
const C_LIBRARIES = [
  'ctypes.CDLL()',
  'ctypes.cdll.LoadLibrary()',
  'ctypes.PyDLL()',
  'ctypes.cdll.msvcrt',
  'ctypes.cdll.libc',
];

export const PROCESS_APIS: ProcessApi[] = [
  ...SUBPROCESS.map((name) => ({ path: `subprocess.${name}`, commandArg: 0 })),
  // Python 2's commands.getoutput is read as subprocess.getoutput (facts.ts); both run a shell
  { path: 'subprocess.getoutput', commandArg: 0, shell: true },
  { path: 'subprocess.getstatusoutput', commandArg: 0, shell: true },
  { path: 'os.system', commandArg: 0, shell: true },
  { path: 'os.popen', commandArg: 0, shell: true },
  ...C_LIBRARIES.flatMap((library) => [
    ...['system', '_wsystem', 'popen', '_popen', '_wpopen'].map((name) => ({
      path: `${library}.${name}`,
      commandArg: 0,
      shell: true,
    })),
    ...['execl', 'execlp', 'execv', 'execve', 'execvp'].map((name) => ({ path: `${library}.${name}`, commandArg: 0 })),
  ]),
  // the Windows API through ctypes: WinExec(cmdline), ShellExecute(hwnd, verb, file, ...), CreateProcess(app, cmdline)
  ...['ctypes.windll.kernel32', 'ctypes.WinDLL()'].flatMap((library) => [
    { path: `${library}.WinExec`, commandArg: 0 },
    { path: `${library}.CreateProcessW`, commandArg: 1 },
    { path: `${library}.CreateProcessA`, commandArg: 1 },
  ]),
  ...['ctypes.windll.shell32', 'ctypes.WinDLL()', 'ctypes.oledll.shell32'].flatMap((library) => [
    { path: `${library}.ShellExecuteW`, commandArg: 2 },
    { path: `${library}.ShellExecuteA`, commandArg: 2 },
  ]),
  ...['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe'].map((name) => ({
    path: `os.${name}`,
    commandArg: 0,
  })),
  ...['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map((name) => ({
    path: `os.${name}`,
    commandArg: 1,
  })),
  { path: 'os.posix_spawn', commandArg: 0 },
  { path: 'os.posix_spawnp', commandArg: 0 },
  { path: 'os.startfile', commandArg: 0 },
  { path: 'pty.spawn', commandArg: 0 },
  { path: 'asyncio.create_subprocess_exec', commandArg: 0 },
  { path: 'asyncio.create_subprocess_shell', commandArg: 0, shell: true },
  // pip's own entry points, called in-process: pip.main(["install", name]) installs as `pip install name` does
  ...['pip.main', 'pip._internal.main', 'pip._internal.cli.main.main'].map((path) => ({
    path,
    commandArg: 0,
    program: 'pip',
  })),
];

/**
 * Windows programs that run what they fetch in one command (regsvr32 /i:http... scrobj.dll, mshta http...,
 * msiexec /i http..., rundll32 javascript:): each word is found once, then a bounded look along its line.
 */
export const REMOTE_RUN_PROGRAM =
  /\b(regsvr32(\.exe)?\s[^\n]{0,300}\/i:https?:|mshta(\.exe)?\s+["']?(https?:|javascript:|vbscript:)|msiexec(\.exe)?\s[^\n]{0,300}https?:\/\/|rundll32(\.exe)?\s[^\n]{0,300}javascript:)/i;

/** Command words that reach the network. */
const NETWORK_PROGRAMS =
  /(^|[\s;&|('"`/\\])(curl|wget|nc|ncat|netcat|socat|telnet|ftp|tftp|scp|sftp|rsync|ssh|nslookup|dig|bitsadmin|certutil(\.exe)?\s+-urlcache|Invoke-WebRequest|Invoke-RestMethod|iwr|irm|Net\.WebClient|DownloadString|DownloadFile|Start-BitsTransfer|mshta|git\s+push|pip3?\s+download|ping|rclone|Send-MailMessage|aws\s+s3\s+(cp|sync|mv)|gsutil\s+(cp|rsync|mv))(?=$|[\s;&|)'"`.])/i;
export const NETWORK_TOOLS = new RegExp(`${NETWORK_PROGRAMS.source}|${REMOTE_RUN_PROGRAM.source}`, 'i');

/** A shell line that pipes something fetched into an interpreter: curl ... | sh. */
export const PIPE_TO_SHELL =
  /(curl|wget|iwr|Invoke-WebRequest|irm|Invoke-RestMethod)\b[^|]*\|\s*(sudo\s+)?(ba|z|da)?sh\b|(curl|wget|iwr|irm)\b[^|]*\|\s*(python3?|perl|ruby|iex|Invoke-Expression|powershell)\b|\b(iex|Invoke-Expression)\b.*(DownloadString|iwr|Invoke-WebRequest|irm)/i;

/** PowerShell encoded commands: -enc / -EncodedCommand followed by base64 of UTF-16LE text. */
export const POWERSHELL_ENCODED =
  /\bpowershell(\.exe)?\b.*\s-(e|ec|en|enc|enco|encod|encode|encoded|encodedc|encodedco|encodedcom|encodedcomm|encodedcomma|encodedcomman|encodedcommand)\s+([A-Za-z0-9+/=]{8,})/i;

/** Flags and arguments that hide a spawned process from the user. */
export const SILENT_EXECUTION =
  /CREATE_NO_WINDOW|DETACHED_PROCESS|CREATE_NEW_PROCESS_GROUP|STARTF_USESHOWWINDOW|SW_HIDE|-WindowStyle\s+Hidden|-w\s+hidden|start_new_session\s*=\s*True|nohup\b|setsid\b|disown\b/i;

/** System reconnaissance: who and where the machine is. */
const RECON_SOURCE = String.raw`(^|[;&|]\s*)(whoami|hostname|printenv|systeminfo|ipconfig|ifconfig|env|id|uname(\s+-a)?)\s*($|[;&|>])`;

/**
 * Commands that launch a payload rather than build or query something: the Windows `start` launcher, an executable or
 * script file, PowerShell, a windowless interpreter, an interpreter running a file from the home, temp or AppData
 * folder, a reverse shell, a file made executable and run, or system reconnaissance whose output is kept.
 * (Build tools such as compilers, git, make or `python setup.py` match none of these.)
 */
export const PAYLOAD_LAUNCH = new RegExp(
  [
    String.raw`(^|[;&|(]\s*|\bcmd(\.exe)?\s+/[ck]\s+)start\b`,
    String.raw`\.(exe|scr|vbs|vbe|bat|cmd|ps1|hta|jse|wsf|msi|pif|pyw)\b`,
    String.raw`\b(powershell|pwsh|pythonw|wscript|cscript|mshta|rundll32|regsvr32)(\.exe)?\b`,
    String.raw`\b(python[\d.]*|py|node|bash|sh)(\.exe)?\s+(-\w+\s+)*["']?(~|\$HOME|%USERPROFILE%|%APPDATA%|%TEMP%|/tmp/|/var/tmp/|/dev/shm/)`,
    String.raw`(appdata|\\temp\\|/temp/)[^\s]*[\\/][^\s]*\.(py|exe|pyw|bat|vbs|ps1)\b`,
    String.raw`^\s*["']?(~|\$HOME|%USERPROFILE%|%APPDATA%|%TEMP%|/tmp/|/var/tmp/|/dev/shm/)`,
    String.raw`/dev/tcp/|\bbash\s+-i\b|\bsh\s+-i\b|\bnc\s+(-\w+\s+)*-e\b`,
    String.raw`\bchmod\s+(\+x|[0-7]*[157])\s+\S+\s*(&&|;)\s*\S*\./`,
    String.raw`\b(cat|type)\s+(/etc/(passwd|shadow|hosts)|~/\.ssh|~/\.aws)`,
    RECON_SOURCE,
  ].join('|'),
  'i',
);
/** Of those, system reconnaissance alone: a query whose output only a comparison reads tests the platform. */
export const RECON_COMMAND = new RegExp(RECON_SOURCE, 'i');

/** Installing packages with pip from inside a package: a second stage fetched at install or import time. */
export const PIP_INSTALL = /\bpip3?(\.exe)?["']?\s+install\b|-m\s+pip\s+install\b/i;

/** Inline interpreter code (python -c "...") that reaches the network. */
export const INLINE_NETWORK_CODE =
  /\bpython[\d.]*(\.exe)?\s+-c\s+.*\b(requests|urllib|urlopen|socket|http\.client|httpx)\b/i;

/** A shell line that decodes base64 or hex and pipes it into an interpreter: echo <b64> | base64 -d | sh. */
export const DECODE_TO_SHELL =
  /\b(base64\s+(-d|--decode|-D)|xxd\s+-r(\s+-p)?|openssl\s+(base64|enc)\s+-d)\b[^|]*\|\s*(sudo\s+)?((ba|z|da)?sh|python[\d.]*|perl|ruby|node)\b/i;

/**
 * Programs a package build runs: compilers and build systems, version control, code generators, configuration
 * queries (`*-config`, pkg-config, uname), package managers, file operations and interpreters. A program outside
 * this list run by setup.py or a .pth file is not building anything.
 */
export const BUILD_PROGRAMS = new Set(
  [
    'git hg svn bzr make gmake nmake mingw32-make cmake ctest ninja meson scons bazel bazelisk waf',
    'gcc g++ cc c++ clang clang++ cl link ld ar ranlib nm objdump strip lipo libtool nvcc hipcc icc icpc icx',
    'gfortran f2py swig cython protoc flatc thrift bison flex yacc lex windres rc mt msbuild devenv vcvarsall',
    'pkg-config pkgconf uname which where whereis command type nproc getconf sysctl sw_vers lsb_release ldconfig',
    'xcrun xcode-select xcodebuild install_name_tool otool codesign brew port apt apt-get dpkg rpm yum dnf conda',
    'rustc cargo rustup maturin go javac java mvn gradle ant npm npx yarn jlpm pnpm node tsc',
    'python python2 python3 py pypy pypy3 pip pip3 sphinx-build doxygen autoreconf autoconf automake configure',
    'cp mv rm mkdir rmdir ln tar unzip patch install chmod ls pwd test true',
  ]
    .join(' ')
    .split(' '),
);

/** Interpreters whose script or module decides what a build step does. */
export const INTERPRETERS = /^(python[\d.]*|py|pypy3?)$/;
