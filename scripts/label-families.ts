// One-off labeller for the malware training list: assigns each archive a behaviour family from its raw Python text
// (not from pyguard's findings), first match wins. Run once; the result is data/eval/malware-families.tsv, which was
// spot-checked by reading samples of each family. Usage: node --import tsx scripts/label-families.ts DIR LIST.TSV
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openArchive } from '../src/pypi/archive/index.ts';
import { FAMILIES_FILE } from './lib/evaluate-real.ts';
import { maliciousItems } from './lib/real-corpus.ts';

/** Behaviour families in priority order, each with the text that shows it. */
const FAMILY_SIGNS: { family: string; sign: RegExp }[] = [
  {
    family: 'reverse-shell',
    sign: /\/dev\/tcp\/|os\.dup2\s*\(\s*\w+\.fileno|pty\.spawn|\bnc\s+-e\b|socket[\s\S]{0,400}subprocess[\s\S]{0,200}(stdin|stdout)\s*=\s*\w+\.fileno|reverse.?shell/i,
  },
  {
    family: 'credential-stealer',
    sign: /Login Data|Local State|leveldb|Cookies|wallet|Exodus|Electrum|MetaMask|tdata|\.aws[\\/]credentials|\.ssh[\\/]id_|discord(app)?\.com\/api\/(v\d+\/)?users\/@me|browser_cookie3|CryptUnprotectData|\.git-credentials|\.npmrc|\.pypirc/i,
  },
  {
    family: 'obfuscated-loader',
    sign: /(exec|eval)\s*\(\s*(__import__\(|base64|b64decode|zlib|marshal|codecs|bytes\.fromhex|Fernet|lzma|bz2|gzip)|pyarmor|__pyarmor__|[A-Za-z0-9+/=]{400,}|(\\x[0-9a-f]{2}){40,}|_{8,}\s*=/i,
  },
  {
    family: 'download-and-run',
    sign: /(urlretrieve|requests\.get|urlopen|wget|curl|Invoke-WebRequest|DownloadFile)[\s\S]{0,2000}(\.exe\b|startfile|Popen|os\.system|subprocess|chmod)/i,
  },
  {
    family: 'recon-callback',
    sign: /(gethostname|getuser|getlogin|os\.environ|platform\.node|uname|whoami|getcwd)[\s\S]{0,3000}(requests\.(get|post)|urlopen|socket|http\.client|gethostbyname|getaddrinfo|curl|wget|nslookup)|(requests\.(get|post)|urlopen|gethostbyname)[\s\S]{0,3000}(gethostname|getuser|getlogin|os\.environ|platform\.node)/i,
  },
  { family: 'install-time-command', sign: /os\.system|subprocess\.|os\.popen|os\.startfile/ },
  { family: 'network-other', sign: /requests\.|urlopen|socket\.|http\.client|httpx|aiohttp|smtplib|webhook/i },
];

async function familyOf(file: string): Promise<string> {
  const opened = await openArchive(new Uint8Array(readFileSync(file)), path.basename(file));
  const text = opened.entries
    .filter((e) => e.data && /\.(py|pth)$/.test(e.path))
    .map((e) => Buffer.from(e.data!).toString('utf8'))
    .join('\n');
  if (text.trim() === '') return 'no-code';
  return FAMILY_SIGNS.find(({ sign }) => sign.test(text))?.family ?? 'no-indicator';
}

const [dir, list] = process.argv.slice(2);
const lines = [
  '# Behaviour family of each listed malicious archive, from its raw Python text (scripts/label-families.ts), spot-checked by reading.',
  'path\tsha256\tfamily',
];
for (const item of maliciousItems(list, dir)) {
  const bytes = readFileSync(item.file);
  if (createHash('sha256').update(bytes).digest('hex') !== item.sha256)
    throw new Error(`${item.file}: sha256 differs from the list`);
  lines.push(`${item.datasetPath}\t${item.sha256}\t${await familyOf(item.file)}`);
}
writeFileSync(FAMILIES_FILE, `${lines.join('\n')}\n`);
