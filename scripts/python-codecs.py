# Writes data/python-codecs.json: every text codec CPython accepts in a PEP 263 coding cookie (tried with
# compile()), its aliases, and how pyguard decodes it: a WHATWG TextDecoder label when that decoder gives the
# same characters for every byte, a 256-character table for other single-byte codecs, or a named special
# decoder; and the single-byte codecs Python refuses in a cookie but bytes.decode() reads (EBCDIC and the like),
# as tables. Run with the CPython whose behaviour to record: python3 scripts/python-codecs.py
import encodings
import encodings.aliases
import json
import pkgutil
import subprocess
import sys

SPECIAL = {'utf_7': 'utf-7', 'unicode_escape': 'unicode-escape', 'raw_unicode_escape': 'raw-unicode-escape', 'idna': 'ascii', 'ascii': 'ascii', 'utf_8': 'utf-8', 'utf_8_sig': 'utf-8'}
# multi-byte codecs and the WHATWG decoder that reads them (exact, or a superset/subset noted as approximate)
MULTIBYTE = {
    'big5': ('big5', True), 'cp950': ('big5', False), 'big5hkscs': ('big5', False),
    'cp932': ('shift_jis', True), 'shift_jis': ('shift_jis', False), 'shift_jis_2004': ('shift_jis', False), 'shift_jisx0213': ('shift_jis', False),
    'euc_jp': ('euc-jp', False), 'euc_jis_2004': ('euc-jp', False), 'euc_jisx0213': ('euc-jp', False),
    'cp949': ('euc-kr', True), 'euc_kr': ('euc-kr', False),
    'gb2312': ('gbk', False), 'gbk': ('gbk', True), 'gb18030': ('gb18030', True),
    'iso2022_jp': ('iso-2022-jp', True), 'iso2022_jp_1': ('iso-2022-jp', False), 'iso2022_jp_2': ('iso-2022-jp', False),
    'iso2022_jp_2004': ('iso-2022-jp', False), 'iso2022_jp_3': ('iso-2022-jp', False), 'iso2022_jp_ext': ('iso-2022-jp', False),
}
# no decoder here: only ASCII-only files (without shift sequences) are read, the rest is unaudited
ASCII_ONLY = {'hz', 'johab', 'iso2022_kr'}


def accepted(name):
    try:
        compile(b'# coding: ' + name.encode() + b'\nx = 1\n', 'cookie', 'exec')
        return True
    except SyntaxError:
        return False


def node_table(label):
    script = "const d=new TextDecoder(process.argv[1]);const out=[];for(let b=0;b<256;b++)out.push(d.decode(Uint8Array.of(b)));process.stdout.write(JSON.stringify(out))"
    try:
        return json.loads(subprocess.run(['node', '-e', script, label], capture_output=True, check=True, text=True).stdout)
    except subprocess.CalledProcessError:
        return None


def python_table(name):
    return [bytes([b]).decode(name, errors='replace') for b in range(256)]


WHATWG_GUESSES = lambda name: [name.replace('_', '-'), name.replace('cp', 'windows-'), name.replace('iso8859_', 'iso-8859-'), name.replace('mac_', 'x-mac-'), name.replace('mac_roman', 'macintosh'), name.replace('koi8_', 'koi8-'), {'cp866': 'ibm866', 'cp874': 'windows-874', 'latin_1': 'latin1', 'charmap': 'latin1', 'tis_620': 'windows-874', 'iso8859_11': 'windows-874'}.get(name, name)]

def single_byte_table(name):
    # a charmap codec (EBCDIC cp1026, cp500, ...) that Python refuses in a coding cookie but bytes.decode() reads
    try:
        module = __import__('encodings.' + name, fromlist=['decoding_table'])
    except ImportError:
        return None
    table = getattr(module, 'decoding_table', None)
    return ''.join(python_table(name)) if isinstance(table, str) and len(table) == 256 else None


names = sorted({m.name for m in pkgutil.iter_modules(encodings.__path__)} | set(encodings.aliases.aliases.values()))
codecs_out = {}
decode_only = {}
for name in names:
    if not accepted(name):
        table = single_byte_table(name)
        if table is not None:
            decode_only[name] = {'table': table}
        continue
    if name in SPECIAL:
        codecs_out[name] = {'special': SPECIAL[name]}
    elif name in MULTIBYTE:
        label, exact = MULTIBYTE[name]
        codecs_out[name] = {'whatwg': label, 'exact': exact}
    elif name in ASCII_ONLY:
        codecs_out[name] = {'special': 'ascii-only'}
    else:
        table = python_table(name)
        label = next((l for l in WHATWG_GUESSES(name) if node_table(l) == table), None)
        codecs_out[name] = {'whatwg': label, 'exact': True} if label else {'table': ''.join(table)}
aliases = {alias: target for alias, target in sorted(encodings.aliases.aliases.items()) if target in codecs_out or target in decode_only}
json.dump({'about': f'Text codecs CPython {sys.version.split()[0]} accepts in a coding cookie (codecs), and single-byte codecs only bytes.decode() reads (decodeOnly), from scripts/python-codecs.py', 'codecs': codecs_out, 'decodeOnly': decode_only, 'aliases': aliases}, open('data/python-codecs.json', 'w'), indent=1, ensure_ascii=True)
print(len(codecs_out), 'codecs,', len(decode_only), 'decode-only codecs,', len(aliases), 'aliases')
