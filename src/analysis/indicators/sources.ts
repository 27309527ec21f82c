// Where secrets and identity come from: the sources of the data-flow analysis, as data.

import type { SourceStrength } from '../../model/flow-links.ts';
import { HOLE } from '../evaluate.ts';

export type { SourceStrength };

export interface SourceApi {
  path: string;
  what: string;
  strength: SourceStrength;
  /** The service whose secret it is (SECRET_OWNERS' owner): sent to another owner's host, it is a stolen key. */
  owner?: string;
}

export const SOURCE_APIS: SourceApi[] = [
  { path: 'os.environ.copy()', what: 'the whole environment', strength: 'bulk-secrets' },
  { path: 'os.environ.items()', what: 'the whole environment', strength: 'bulk-secrets' },
  { path: 'os.environ.keys()', what: 'environment variable names', strength: 'bulk-secrets' },
  { path: 'os.environ.values()', what: 'the whole environment', strength: 'bulk-secrets' },
  { path: 'os.environb.items()', what: 'the whole environment', strength: 'bulk-secrets' },
  { path: 'os.getenvb()', what: 'an environment variable', strength: 'secret-env' },
  { path: 'socket.gethostname()', what: 'the host name', strength: 'identity' },
  { path: 'socket.getfqdn()', what: 'the host name', strength: 'identity' },
  { path: 'platform.node()', what: 'the host name', strength: 'identity' },
  { path: 'platform.uname()', what: 'the machine identity', strength: 'identity' },
  { path: 'platform.platform()', what: 'the platform', strength: 'identity' },
  { path: 'platform.system()', what: 'the OS name', strength: 'identity' },
  { path: 'os.uname()', what: 'the machine identity', strength: 'identity' },
  { path: 'getpass.getuser()', what: 'the user name', strength: 'identity' },
  { path: 'os.getlogin()', what: 'the user name', strength: 'identity' },
  { path: 'uuid.getnode()', what: 'the MAC address', strength: 'identity' },
  { path: 'os.getcwd()', what: 'the working directory', strength: 'identity' },
  {
    path: 'inspect.stack()',
    what: "the calling program's files (found through the call stack)",
    strength: 'user-data',
  },
  { path: 'pyperclip.paste()', what: 'the clipboard', strength: 'user-data' },
  { path: 'pandas.read_clipboard()', what: 'the clipboard', strength: 'user-data' },
  { path: 'win32clipboard.GetClipboardData()', what: 'the clipboard', strength: 'user-data' },
  { path: 'tkinter.Tk().clipboard_get()', what: 'the clipboard', strength: 'user-data' },
  { path: 'tkinter.Tk().selection_get()', what: 'the clipboard', strength: 'user-data' },
  { path: 'PIL.ImageGrab.grab()', what: 'a screenshot', strength: 'user-data' },
  { path: 'pyautogui.screenshot()', what: 'a screenshot', strength: 'user-data' },
  { path: 'mss.mss().grab()', what: 'a screenshot', strength: 'user-data' },
  { path: 'pynput.keyboard.Listener()', what: 'keystrokes', strength: 'user-data' },
  { path: 'keyboard.on_press()', what: 'keystrokes', strength: 'user-data' },
  { path: 'browser_cookie3.chrome()', what: 'browser cookies', strength: 'credential-file' },
  { path: 'browser_cookie3.firefox()', what: 'browser cookies', strength: 'credential-file' },
  { path: 'browser_cookie3.load()', what: 'browser cookies', strength: 'credential-file' },
  { path: 'win32crypt.CryptUnprotectData()', what: 'decrypted browser secrets', strength: 'credential-file' },
  // secrets a user keeps for clients to log in with: a client sends them to its service, a stealer elsewhere
  { path: 'getpass.getpass()', what: 'a password typed at a prompt', strength: 'secret-env' },
  { path: 'keyring.get_password()', what: 'a password from the system keyring', strength: 'secret-env' },
  { path: 'keyring.get_credential()', what: 'a password from the system keyring', strength: 'secret-env' },
  ...[
    'boto3.Session()',
    'boto3.session.Session()',
    'botocore.session.get_session()',
    'botocore.session.Session()',
  ].flatMap((session) =>
    ['get_credentials', 'get_credentials().get_frozen_credentials'].map((method) => ({
      path: `${session}.${method}()`,
      what: 'AWS credentials',
      strength: 'secret-env' as const,
      owner: 'AWS',
    })),
  ),
];

/** File paths whose contents are credentials (matched against folded strings). */
export const CREDENTIAL_PATHS: { pattern: RegExp; what: string }[] = [
  { pattern: /\.aws[\\/](credentials|config)/i, what: 'AWS credentials' },
  {
    pattern: /\.ssh([\\/](id_[a-z0-9]+|authorized_keys|known_hosts|config)|[\\/]?$)|\bid_(rsa|ed25519|ecdsa|dsa)\b/i,
    what: 'SSH keys',
  },
  { pattern: /\.netrc\b/i, what: '.netrc credentials' },
  { pattern: /\.pypirc\b/i, what: 'PyPI credentials' },
  { pattern: /\.npmrc\b/i, what: 'npm credentials' },
  { pattern: /\.docker[\\/]config\.json/i, what: 'Docker credentials' },
  { pattern: /\.kube[\\/]config/i, what: 'Kubernetes credentials' },
  { pattern: /\.git-credentials|\.gitconfig/i, what: 'git credentials' },
  { pattern: /(^|[\\/])\.env$/i, what: 'a .env file' },
  { pattern: /\.config[\\/]gcloud|application_default_credentials\.json/i, what: 'Google Cloud credentials' },
  { pattern: /\.azure[\\/]/i, what: 'Azure credentials' },
  // NSS's key3.db/key4.db hold the keys of any NSS program (a directory server's certificate store); they unlock
  // saved logins only in a Firefox or Thunderbird profile
  {
    pattern:
      /(^|[\\/])(Login Data|Local State|Web Data)$|[\\/]Cookies$|logins\.json|cookies\.sqlite|(Firefox|Thunderbird|Mozilla|Profiles)[\\/].{0,200}key[34]\.db/,
    what: 'browser credentials',
  },
  // the browsers' own schema queried: Chromium's saved logins, cookies and cards, Firefox's logins
  {
    pattern:
      /\bSELECT\b[^;]{0,200}\b(password_value|encrypted_value|card_number_encrypted)\b[^;]{0,200}\bFROM\s+(logins|cookies|credit_cards)\b|\bmoz_logins\b/i,
    what: 'browser credentials',
  },

  { pattern: /discord(canary|ptb)?[\\/].*(Local Storage|leveldb)|Local Storage[\\/]leveldb/i, what: 'Discord tokens' },
  // the token's own shape written as a regular expression (24.6.27 characters, the mfa. form, the encrypted prefix)
  { pattern: /\{2[3-6](,\d*)?\}\\\.\S{0,24}\{6(,\d*)?\}\\\.|mfa\\\.\[|dQw4w9WgXcQ:/, what: 'Discord tokens' },
  // Telegram Desktop's session folder, or a path ending in tdata or reaching into its key files (not a project's
  // own tdata/ folder of sources or documents)
  {
    pattern: /Telegram Desktop[\\/]+tdata|(^|[\\/])tdata[\\/]+(key_datas?|D877F783D5D3EF8C|map\d|settings)/i,
    what: 'Telegram session',
  },
  // the folder's own name as Telegram writes it, alone (a join component) or ending a path; "Tdata" is a field name
  { pattern: /(^|[\\/])tdata[\\/]?$/, what: 'Telegram session' },
  {
    // wallet files, browser wallet extensions by store id, a wallet's keystore or wallets folder, a wallet's home
    // folder (~/.bitcoin, ~/.electrum): not a word inside a host name (lseed.bitcoinstats.com) or a module path
    pattern:
      /wallet\.dat|Atomic[\\/]Local Storage|exodus\.wallet|nkbihfbeogaeaoehlefnkodbefgpgknn|bfnaelmomeimhlpmgjnjophhpkkoljpa|hnfanknocfeofbddgcijnmhnfnkdnaad|fhbohimaelbohpjbbldcngcnapndodjp|ibnejdfjmmkpcnlpebklmnkoeoihofec|egjidjbpglichdcondbcbdnbeeppgdph|fnjhmkhhmkbjkkabndcnnogagogbneec|\b(Exodus|Electrum|MetaMask|Armory|Coinomi|Guarda|Jaxx|Zcash|Bytecoin|Bitcoin|Litecoin|Dash|Ethereum)[\\/]+(wallets?|keystore)\b|(^|[\\/~])\.(bitcoin|electrum|ethereum|litecoin|zcash)([\\/]|$)|Ledger Live[\\/]|solana[\\/]+id\.json|sui_config[\\/]+sui\.keystore/i,
    what: 'crypto wallets',
  },
  // the wallet applications' data folders as Windows and macOS name them (capitalised; Python modules are not)
  {
    // (a version after the slash is a User-Agent, Electrum/4.3, not a folder)
    pattern: /\b(Exodus|Electrum|MetaMask|Armory|Coinomi|Guarda|Jaxx|Zcash|Bytecoin)[\\/]+[A-Za-z]/,
    what: 'crypto wallets',
  },
  {
    // FileZilla's and WinSCP's saved servers, Pidgin's accounts, Steam's session files: what stealers sweep up
    pattern:
      /(^|[\\/])(recentservers|sitemanager)\.xml|Martin Prikryl[\\/]+WinSCP|\.purple[\\/]+accounts\.xml|(^|[\\/*])ssfn[\d*]|Steam[\\/]+config[\\/]+loginusers\.vdf/i,
    what: 'saved logins of other programs',
  },
  // commands that print the system's saved secrets: the macOS keychain dumped, Wi-Fi keys in clear, the Windows
  // vault's credentials, the SAM and SECURITY hives saved for offline cracking
  {
    pattern:
      /\bsecurity\s+dump-keychain\b|\bnetsh\s+wlan\s+show\s+profiles?\b[^\n]{0,200}\bkey\s*=\s*clear\b|\bvaultcmd\s+\/listcreds\b|\breg(\.exe)?\s+save\s+hklm\\+(sam|security)\b/i,
    what: 'saved logins of other programs',
  },
  { pattern: /\.bash_history|\.zsh_history|\.python_history/i, what: 'shell history' },
  // a process's environment as the kernel keeps it: every variable, secrets included
  { pattern: /^\/proc\/(self|\d+|\uE000)\/environ$/, what: 'the environment of a process' },
  { pattern: /\/etc\/(passwd|shadow)\b/i, what: 'system accounts' },
];

/** Folders whose files are credentials, by what they hold. */
const CREDENTIAL_FOLDERS: Record<string, string> = {
  ssh: 'SSH keys',
  aws: 'AWS credentials',
  kube: 'Kubernetes credentials',
  docker: 'Docker credentials',
  gnupg: 'GnuPG keys',
};
/**
 * A file of a credential folder whose name the code leaves to a listing (`glob("~/.ssh/*")`, `os.walk("~/.aws")`):
 * the folder, then HOLE where the member's name (or the rest of it) goes. One linear pass: the part between the
 * folder and the hole is bounded.
 */
const CREDENTIAL_FOLDER_MEMBER = new RegExp(
  `(?:^|[\\\\/~])\\.(${Object.keys(CREDENTIAL_FOLDERS).join('|')})(?:[\\\\/][^\\\\/${HOLE}]{0,255})?${HOLE}`,
  'i',
);

/** The credential a folded path names (HOLE for its unknown parts), described: a credential file or folder member. */
export function credentialNamed(text: string): string | undefined {
  const file = CREDENTIAL_PATHS.find(({ pattern }) => pattern.test(text));
  if (file) return file.what;
  const folder = CREDENTIAL_FOLDER_MEMBER.exec(text);
  return folder ? CREDENTIAL_FOLDERS[folder[1].toLowerCase()] : undefined;
}
