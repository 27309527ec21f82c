// The target environment pip would install into: Python version, platform, supported tags and marker values. Taken
// from the `python3` on PATH (only the interpreter runs, isolated, no package code; its answer is kept in the cache
// folder while the interpreter is unchanged), from flags, or a default.

import { execFile } from 'node:child_process';
import { UnsupportedTarget } from './standards-error.ts';
import type { MarkerEnvironment } from './markers.ts';
import { normalizePlatform, parsePythonVersion, platformTags, supportedTags, type Tag } from './tags.ts';

export interface TargetEnvironment {
  pythonVersion: string;
  pythonFullVersion: string;
  implementation: 'cp' | 'pp';
  /** The most specific platform tag, e.g. `manylinux_2_36_x86_64`. */
  platform: string;
  tags: Tag[];
  markers: MarkerEnvironment;
}

export interface DetectOptions {
  pythonVersion?: string;
  platform?: string;
  env?: NodeJS.ProcessEnv;
  /** The interpreter to ask (a path or a command); default `python3`, whose absence means defaults. */
  python?: string;
  /** Where an unchanged interpreter's answer is kept between runs (absent: asked every time). */
  probes?: ProbeStore;
}

const DEFAULT_PYTHON = '3.12';
const PROBE_TIMEOUT_MS = 15_000;

/** Prints the interpreter's marker values, its platform and, when pip's packaging is importable, its sys_tags order. */
const PROBE = `
import json, os, platform, sys, sysconfig
def fmt(info):
    v = "%d.%d.%d" % (info.major, info.minor, info.micro)
    if info.releaselevel != "final":
        v += info.releaselevel[0] + str(info.serial)
    return v
tags = None
files = [os.path.realpath(sys.executable), os.__file__, platform.__file__, sysconfig.__file__]
for mod in ("pip._vendor.packaging.tags", "packaging.tags"):
    try:
        t = __import__(mod, fromlist=["sys_tags"])
        tags = [str(x) for x in t.sys_tags()]
        files.append(t.__file__)
        break
    except Exception:
        pass
files += [sysconfig.get_paths()[k] for k in ("purelib", "platlib")] + [os.path.join(sys.prefix, "pyvenv.cfg")]
try:
    with open("/proc/self/maps") as maps:
        files += [p[5].rstrip("\\n") for p in (l.split(None, 5) for l in maps) if len(p) == 6 and p[5].startswith("/")]
except OSError:
    pass
print(json.dumps({
    "markers": {
        "implementation_name": sys.implementation.name,
        "implementation_version": fmt(sys.implementation.version),
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "platform_python_implementation": platform.python_implementation(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    },
    "platform": sysconfig.get_platform(),
    "libc": list(platform.libc_ver()),
    "mac": platform.mac_ver()[0],
    "tags": tags,
    "files": [f for f in files if os.path.exists(f)],
}))
`;

/** What the interpreter answers. */
export interface Probe {
  markers: MarkerEnvironment;
  /** sysconfig.get_platform(), e.g. `linux-x86_64`, `macosx-11.0-arm64`, `win-amd64`. */
  platform: string;
  libc: [string, string];
  mac: string;
  tags: string[] | null;
  /** The files the answer came from: the interpreter and what it loaded, the modules read, site-packages. */
  files?: string[];
}

/** Where answers are kept between runs (src/cache/probe-cache.ts): by interpreter, while it is unchanged. */
export interface ProbeStore {
  get(python: string, env: NodeJS.ProcessEnv): Probe | undefined;
  put(python: string, env: NodeJS.ProcessEnv, probe: Probe): Promise<void>;
}

/** The probe's answer: kept from an earlier run of the same unchanged interpreter, else asked (and kept). */
async function probePython(env: NodeJS.ProcessEnv, python = 'python3', store?: ProbeStore): Promise<Probe | null> {
  const kept = store?.get(python, env);
  if (kept) return kept;
  const probe = await askPython(env, python);
  if (probe) await store?.put(python, env, probe);
  return probe;
}

/** Runs `PYTHON -I -c PROBE`; null when there is no usable interpreter. */
function askPython(env: NodeJS.ProcessEnv, python: string): Promise<Probe | null> {
  return new Promise((resolve) => {
    execFile(python, ['-I', '-c', PROBE], { env, timeout: PROBE_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      if (error) return resolve(null);
      try {
        resolve(JSON.parse(stdout) as Probe);
      } catch {
        resolve(null);
      }
    });
  });
}

function parseTag(text: string): Tag {
  const [interpreter, abi, platform] = text.split('-');
  return { interpreter, abi, platform };
}

/** The default platform for the machine pyguard runs on, when no interpreter can be asked. */
function hostPlatform(): string {
  const linuxArch: Record<string, string> = {
    x64: 'x86_64',
    arm64: 'aarch64',
    ia32: 'i686',
    ppc64: 'ppc64le',
    s390x: 's390x',
  };
  if (process.platform === 'darwin') return `macosx_11_0_${process.arch === 'arm64' ? 'arm64' : 'x86_64'}`;
  if (process.platform === 'win32')
    return process.arch === 'arm64' ? 'win_arm64' : process.arch === 'ia32' ? 'win32' : 'win_amd64';
  return `manylinux_2_17_${linuxArch[process.arch] ?? process.arch}`;
}

/**
 * The platform the interpreter's own tags prefer (`manylinux_2_36_x86_64`); without packaging, its sysconfig
 * platform made specific as packaging would: glibc version on Linux, the running macOS version on a Mac.
 */
function probedPlatform(probe: Probe): string {
  if (probe.tags?.[0]) return parseTag(probe.tags[0]).platform;
  const platform = normalizePlatform(probe.platform);
  const linux = /^linux_(\w+)$/.exec(platform);
  const glibc = /^(\d+)\.(\d+)/.exec(probe.libc[1]);
  if (linux && probe.libc[0] === 'glibc' && glibc) return `manylinux_${glibc[1]}_${glibc[2]}_${linux[1]}`;
  const mac = /^macosx_\d+_\d+_(\w+)$/.exec(platform);
  const version = /^(\d+)\.(\d+)/.exec(probe.mac);
  if (mac && version) return `macosx_${version[1]}_${Number(version[1]) >= 11 ? 0 : version[2]}_${mac[1]}`;
  return platform;
}

/** The marker values of a platform tag: `os_name`, `sys_platform`, `platform_system`, `platform_machine`, `platform_release`. */
export function platformMarkers(
  platform: string,
): Pick<MarkerEnvironment, 'os_name' | 'sys_platform' | 'platform_system' | 'platform_machine' | 'platform_release'> {
  const p = normalizePlatform(platform);
  let m: RegExpExecArray | null;
  if ((m = /^(?:manylinux\d*|musllinux|linux)(?:_\d+_\d+)?_(\w+)$/.exec(p))) {
    return {
      os_name: 'posix',
      sys_platform: 'linux',
      platform_system: 'Linux',
      platform_machine: m[1],
      platform_release: '',
    };
  }
  if ((m = /^macosx_(\d+)_(\d+)_(\w+)$/.exec(p))) {
    const [major, minor] = [Number(m[1]), Number(m[2])];
    // Darwin's kernel version: macOS 11+ is major + 9, 10.x is minor + 4.
    const darwin = major >= 11 ? major + 9 : minor + 4;
    const machine = ['universal2', 'universal', 'intel'].includes(m[3]) ? 'x86_64' : m[3];
    return {
      os_name: 'posix',
      sys_platform: 'darwin',
      platform_system: 'Darwin',
      platform_machine: machine,
      platform_release: `${darwin}.0.0`,
    };
  }
  const windows: Record<string, string> = { win_amd64: 'AMD64', win32: 'x86', win_arm64: 'ARM64' };
  if (windows[p]) {
    return {
      os_name: 'nt',
      sys_platform: 'win32',
      platform_system: 'Windows',
      platform_machine: windows[p],
      platform_release: '',
    };
  }
  throw new UnsupportedTarget(
    `unsupported platform: ${JSON.stringify(platform)} (expected e.g. manylinux_2_28_x86_64, musllinux_1_2_aarch64, macosx_14_0_arm64, win_amd64)`,
  );
}

/** A target built from a Python version and a platform tag, with tags and marker values consistent with both. */
export function buildEnvironment(pythonVersion: string, platform: string): TargetEnvironment {
  const [major, minor] = parsePythonVersion(pythonVersion);
  const full = /^\d+\.\d+\.\d+$/.test(pythonVersion.trim()) ? pythonVersion.trim() : `${major}.${minor}.0`;
  const normalized = normalizePlatform(platform);
  const markers: MarkerEnvironment = {
    ...platformMarkers(normalized),
    python_version: `${major}.${minor}`,
    python_full_version: full,
    platform_python_implementation: 'CPython',
    platform_version: '',
    implementation_name: 'cpython',
    implementation_version: full,
  };
  platformTags(normalized); // validates the tag's shape
  return {
    pythonVersion: `${major}.${minor}`,
    pythonFullVersion: full,
    implementation: 'cp',
    platform: normalized,
    tags: supportedTags({ pythonVersion: `${major}.${minor}`, platforms: [normalized] }),
    markers,
  };
}

function fromProbe(probe: Probe): TargetEnvironment {
  const platform = probedPlatform(probe);
  const implementation = probe.markers.implementation_name === 'pypy' ? 'pp' : 'cp';
  return {
    pythonVersion: probe.markers.python_version,
    pythonFullVersion: probe.markers.python_full_version,
    implementation,
    platform,
    tags: probe.tags
      ? probe.tags.map(parseTag)
      : supportedTags({ pythonVersion: probe.markers.python_version, implementation, platforms: [platform] }),
    markers: probe.markers,
  };
}

/**
 * The target environment. With neither option, the `python3` on PATH is asked (its real markers and sys_tags);
 * without one, CPython 3.12 on this OS and CPU. With `pythonVersion` and/or `platform`, tags and markers are built
 * from them (a missing one comes from python3 or the default). Invalid version or platform → UnsupportedTarget.
 */
export async function detectEnvironment(opts: DetectOptions = {}): Promise<TargetEnvironment> {
  const env = opts.env ?? process.env;
  if (opts.pythonVersion !== undefined) parsePythonVersion(opts.pythonVersion);
  if (opts.platform !== undefined) platformMarkers(opts.platform);
  const needsProbe = opts.pythonVersion === undefined || opts.platform === undefined;
  const probe = needsProbe ? await probePython(env, opts.python, opts.probes) : null;
  if (!probe && needsProbe && opts.python !== undefined)
    throw new UnsupportedTarget(`${opts.python}: cannot run it as a Python interpreter`);
  if (probe && opts.pythonVersion === undefined && opts.platform === undefined) return fromProbe(probe);
  const pythonVersion = opts.pythonVersion ?? probe?.markers.python_version ?? DEFAULT_PYTHON;
  const platform = opts.platform ?? (probe ? probedPlatform(probe) : hostPlatform());
  return buildEnvironment(pythonVersion, platform);
}
