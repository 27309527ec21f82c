// Files encrypted in place: one function that walks a folder tree, encrypts what it reads and deletes or replaces
// the originals, the shape of ransomware. Backup and vault tools do it to a folder their user names (medium when
// called); walking the home folder, the root or a drive, leaving a ransom note, or doing it by itself is high.
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import { type CallFact, callMatches } from '../facts.ts';
import type { Node } from '../syntax.ts';
import { enclosingBody } from './drop-and-run.ts';

/** Calls that list a folder tree. */
const WALKS = /^(os\.walk|os\.scandir|os\.listdir|glob\.i?glob|pathlib\.Path(\(\))?\.(home\(\)\.)?r?glob|.*\.rglob)$/;
/** Encryption calls: Fernet, PyCryptodome and cryptography ciphers, pyAesCrypt. */
const ENCRYPTS = /(^|\.)(encrypt|encryptor|encrypt_and_digest|encryptFile|encryptStream)$/;
/** Calls that remove or replace the original. */
const DESTROYS =
  /^(os\.(remove|unlink|rename|replace)|shutil\.move|pathlib\.Path(\(\))?\.(unlink|rename|replace)|.*\.unlink)$/;
/** A root wider than a project: the home folder, the file system's root, a Windows drive or user profile. */
const BROAD_ROOT =
  /expanduser\(\s*["']~["']\s*\)|Path\.home\(\)|["'](USERPROFILE|HOME|HOMEPATH)["']|["']\/["']|["'][A-Za-z]:\\{1,2}["']|["']\/home["']/;
/** What a ransom note says. */
const RANSOM_NOTE =
  /\b(bitcoin|BTC|monero|XMR|ransom)\b[\s\S]{0,200}\b(decrypt|restore|recover)|\b(decrypt|restore|recover)\b[\s\S]{0,200}\b(bitcoin|BTC|monero|XMR|ransom)\b|your files (have been|are) encrypted/i;

const within = (call: CallFact, body: Node) =>
  call.node.startIndex >= body.startIndex && call.node.endIndex <= body.endIndex;

export function fileEncryptionRules(ctx: FileContext): void {
  for (const walk of ctx.facts.calls.filter((call) => callMatches(call, WALKS))) {
    const body = enclosingBody(walk.node);
    const inBody = ctx.facts.calls.filter((call) => within(call, body));
    const encrypt = inBody.find((call) => callMatches(call, ENCRYPTS));
    if (!encrypt || !inBody.some((call) => callMatches(call, DESTROYS))) continue;
    const broad = BROAD_ROOT.test(walk.node.text) || BROAD_ROOT.test(body.text.slice(0, 20000));
    const note = ctx.facts.strings.some((node) => RANSOM_NOTE.test(node.text));
    const weight = triggerWeight(ctx.triggers.triggerOf(encrypt.node));
    addFinding(ctx, encrypt.node, {
      rule: 'files-encrypted-in-place',
      severity: raise(broad || note || weight > 0 ? 'high' : 'medium', weight > 0 ? 1 : 0),
      message: `walks a folder tree, encrypts the files it reads and removes the originals${broad ? ', from the home folder, the root or a drive' : ''}${note ? ', with a ransom note' : ''} (the shape of ransomware)`,
      capability: 'process',
    });
    return;
  }
}
