// PyPI's JSON API bodies, field for field: `/pypi/<name>/json` (info, releases, urls) and `/pypi/<name>/<version>/json`.

import { compareVersions, isPrerelease } from '../pypi/version.ts';
import type { FolderListing, IndexedFile, IndexedProject } from './folder-listing.ts';
import { fileUrl, isoMicroseconds, isoSeconds } from './formats.ts';

type Json = Record<string, unknown>;

/** The project's files grouped by version, in version order. */
function releases(project: IndexedProject): Map<string, IndexedFile[]> {
  const byVersion = new Map<string, IndexedFile[]>();
  for (const file of project.files) byVersion.set(file.version, [...(byVersion.get(file.version) ?? []), file]);
  return new Map([...byVersion].sort(([a], [b]) => compareVersions(a, b)));
}

function isYankedRelease(files: IndexedFile[]): boolean {
  return files.every((f) => f.yanked !== false);
}

/** The version `info` describes, as PyPI picks it: the newest final release not yanked, else the newest one. */
function currentVersion(byVersion: Map<string, IndexedFile[]>): string {
  const versions = [...byVersion.keys()].reverse();
  const live = versions.filter((v) => !isYankedRelease(byVersion.get(v)!));
  return live.find((v) => !isPrerelease(v)) ?? live[0] ?? versions[0];
}

function fileJson(file: IndexedFile, baseUrl: string): Json {
  return {
    comment_text: '',
    digests: { blake2b_256: file.blake2b256, md5: file.md5, sha256: file.sha256 },
    downloads: -1,
    filename: file.filename,
    has_sig: false,
    md5_digest: file.md5,
    packagetype: file.kind === 'wheel' ? 'bdist_wheel' : 'sdist',
    python_version: file.pythonVersion,
    requires_python: file.metadata?.requiresPython ?? null,
    size: file.size,
    upload_time: isoSeconds(file.uploadTime),
    upload_time_iso_8601: isoMicroseconds(file.uploadTime),
    url: fileUrl(baseUrl, file.filename),
    yanked: file.yanked !== false,
    yanked_reason: typeof file.yanked === 'string' ? file.yanked : null,
  };
}

/** `info` of one release, from a wheel's METADATA when there is one, else the sdist's PKG-INFO. */
function infoJson(project: IndexedProject, version: string, files: IndexedFile[], baseUrl: string): Json {
  const source = files.find((f) => f.kind === 'wheel' && f.metadata) ?? files.find((f) => f.metadata);
  const md = source?.metadata;
  const projectUrls = { ...(md?.homePage ? { Homepage: md.homePage } : {}), ...md?.projectUrls };
  const yankedReason = files.find((f) => typeof f.yanked === 'string')?.yanked;
  return {
    author: md?.author ?? '',
    author_email: md?.authorEmail ?? '',
    bugtrack_url: null,
    classifiers: md?.classifiers ?? [],
    description: md?.description ?? '',
    description_content_type: md?.descriptionContentType ?? '',
    docs_url: null,
    download_url: md?.downloadUrl ?? '',
    downloads: { last_day: -1, last_month: -1, last_week: -1 },
    dynamic: md?.dynamic.length ? md.dynamic : null,
    home_page: md?.homePage ?? '',
    keywords: '',
    license: md?.license ?? '',
    license_expression: null,
    license_files: null,
    maintainer: md?.maintainer ?? '',
    maintainer_email: md?.maintainerEmail ?? '',
    name: md?.name ?? project.name,
    package_url: `${baseUrl}/project/${project.normalizedName}/`,
    platform: '',
    project_url: `${baseUrl}/project/${project.normalizedName}/`,
    project_urls: Object.keys(projectUrls).length ? projectUrls : null,
    provides_extra: md?.providesExtra.length ? md.providesExtra : null,
    release_url: `${baseUrl}/project/${project.normalizedName}/${version}/`,
    requires_dist: md?.requiresDist.length ? md.requiresDist : null,
    requires_python: md?.requiresPython ?? '',
    summary: md?.summary ?? '',
    version,
    yanked: isYankedRelease(files),
    yanked_reason: isYankedRelease(files) && typeof yankedReason === 'string' ? yankedReason : null,
  };
}

const OWNERSHIP = { organization: null, roles: [] };

/** `GET /pypi/<name>/json`. */
export function projectJson(project: IndexedProject, listing: FolderListing, baseUrl: string): Json {
  const byVersion = releases(project);
  const version = currentVersion(byVersion);
  const files = byVersion.get(version)!;
  return {
    info: infoJson(project, version, files, baseUrl),
    last_serial: listing.serial,
    ownership: OWNERSHIP,
    releases: Object.fromEntries([...byVersion].map(([v, fs]) => [v, fs.map((f) => fileJson(f, baseUrl))])),
    urls: files.map((f) => fileJson(f, baseUrl)),
    vulnerabilities: [],
  };
}

/** `GET /pypi/<name>/<version>/json`; null when the project has no such release (the version as written or equal by PEP 440). */
export function releaseJson(
  project: IndexedProject,
  version: string,
  listing: FolderListing,
  baseUrl: string,
): Json | null {
  const byVersion = releases(project);
  const found = byVersion.has(version) ? version : [...byVersion.keys()].find((v) => compareVersions(v, version) === 0);
  if (found === undefined) return null;
  const files = byVersion.get(found)!;
  return {
    info: infoJson(project, found, files, baseUrl),
    last_serial: listing.serial,
    ownership: OWNERSHIP,
    urls: files.map((f) => fileJson(f, baseUrl)),
    vulnerabilities: [],
  };
}
