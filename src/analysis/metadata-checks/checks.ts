// Metadata heuristics, each a weak signal on its own (at most medium): typosquats, brand-new or revived projects,
// missing project information, dependency-confusion version shapes, author fields that impersonate a known owner,
// and a popular project's package shipped under another name (popular-shadow.ts).

import type { Finding } from '../../model/result.ts';
import type { CoreMetadata } from '../../pypi/metadata.ts';
import type { ProjectInfo } from '../../pypi/index/types.ts';
import { normalizeName } from '../../pypi/names.ts';
import { targetFinding } from '../package-checks/target-finding.ts';
import { KNOWN_AUTHORS } from './known-authors.ts';
import { checkPopularShadow } from './popular-shadow.ts';
import { findTyposquat, POPULAR_NAMES } from './typosquat.ts';

export interface MetadataInput {
  name: string;
  version: string;
  metadata?: CoreMetadata;
  projectInfo?: ProjectInfo;
  now: Date;
  /** The target's analysed member paths (for the packages it installs). */
  paths?: readonly string[];
}

const DAY = 24 * 60 * 60 * 1000;
/** A project whose only release is younger than this is "brand new". */
export const NEW_PROJECT_DAYS = 14;
/** A release within this many days after a silence of REVIVED_GAP_DAYS is a revival. */
export const RECENT_RELEASE_DAYS = 90;
export const REVIVED_GAP_DAYS = 2 * 365;

/** Name parts that mark a package meant for one organisation's private index. */
const INTERNAL_TOKENS = new Set([
  'internal',
  'private',
  'priv',
  'corp',
  'corporate',
  'intranet',
  'inhouse',
  'infra',
  'proprietary',
  'staging',
  'prod',
  'company',
  'enterprise',
]);

export function checkTyposquat(input: MetadataInput): Finding[] {
  const squat = findTyposquat(input.name);
  if (squat === null) return [];
  const how = {
    edit: 'is one typo away from',
    affix: 'is the popular name with a prefix or suffix:',
    separator: 'differs only in separators from',
  }[squat.how];
  return [
    targetFinding({
      rule: 'meta-typosquat',
      // low alone (ijson/ujson, cssselect2/cssselect are both real); the joins in correlations.ts raise it with behaviour
      severity: 'low',
      code: `${input.name} ~ ${squat.popular}`,
      message: `the name "${input.name}" ${how} the popular project "${squat.popular}"`,
    }),
  ];
}

function releaseDates(info: ProjectInfo | undefined): { version: string; time: number }[] {
  return Object.entries(info?.releaseTimes ?? {})
    .map(([version, iso]) => ({ version, time: Date.parse(iso) }))
    .filter((r) => Number.isFinite(r.time))
    .sort((a, b) => a.time - b.time);
}

export function checkAge(input: MetadataInput): Finding[] {
  const releases = releaseDates(input.projectInfo);
  if (releases.length === 0) return [];
  const now = input.now.getTime();
  if (releases.length === 1) {
    const days = Math.floor((now - releases[0].time) / DAY);
    if (days >= NEW_PROJECT_DAYS) return [];
    return [
      targetFinding({
        rule: 'meta-new-project',
        severity: 'low',
        code: `first and only release ${releases[0].version}`,
        message: `the project's first and only release was published ${days} day${days === 1 ? '' : 's'} ago`,
      }),
    ];
  }
  const found = releases.findIndex((r) => r.version === input.version);
  const index = found >= 0 ? found : releases.length - 1;
  if (index === 0) return [];
  const release = releases[index];
  const previous = releases[index - 1];
  const gapDays = Math.floor((release.time - previous.time) / DAY);
  if (now - release.time > RECENT_RELEASE_DAYS * DAY || gapDays < REVIVED_GAP_DAYS) return [];
  return [
    targetFinding({
      rule: 'meta-revived-project',
      severity: gapDays >= 3 * 365 ? 'medium' : 'low',
      code: `${previous.version} → ${release.version}`,
      message: `release ${release.version} came after ${Math.floor(gapDays / 365)} years of silence (a taken-over account or abandoned name is one explanation)`,
    }),
  ];
}

export function checkProjectInfo(input: MetadataInput): Finding[] {
  const { metadata, projectInfo } = input;
  if (metadata === undefined && projectInfo === undefined) return [];
  const urls = { ...projectInfo?.projectUrls, ...metadata?.projectUrls };
  const hasHome = Boolean(
    metadata?.homePage || projectInfo?.homePage || metadata?.downloadUrl || Object.keys(urls).length > 0,
  );
  const hasText = Boolean(metadata?.description?.trim() || (metadata?.summary ?? projectInfo?.summary)?.trim());
  if (hasHome || hasText) return [];
  return [
    targetFinding({
      rule: 'meta-no-project-info',
      severity: 'low',
      message: 'the project gives no homepage, no repository and no description',
    }),
  ];
}

function looksInternal(name: string): boolean {
  return normalizeName(name)
    .split('-')
    .some((token) => INTERNAL_TOKENS.has(token));
}

export function checkConfusionVersion(input: MetadataInput): Finding[] {
  const major = Number(/^(?:\d+!)?(\d+)/.exec(input.version)?.[1] ?? NaN);
  const zero = /^0+(\.0+)*$/.test(input.version);
  const huge = major >= 99;
  if ((!zero && !huge) || POPULAR_NAMES.has(normalizeName(input.name))) return [];
  const internal = looksInternal(input.name);
  if (!internal && zero) return [];
  return [
    targetFinding({
      rule: 'meta-dependency-confusion',
      severity: internal ? 'medium' : 'low',
      code: `${input.name} ${input.version}`,
      message: `version ${input.version} on ${internal ? 'a name that looks internal' : 'this project'} is the shape of a dependency-confusion upload, meant to outrank a private package`,
    }),
  ];
}

function matchesEmail(email: string, patterns: string[]): boolean {
  const address = email.toLowerCase();
  return patterns.some((p) => (p.startsWith('@') ? address.endsWith(p) : address.includes(p)));
}

export function checkAuthorImpersonation(input: MetadataInput): Finding[] {
  const name = normalizeName(input.name);
  const authors = [input.metadata?.author, input.metadata?.maintainer, input.projectInfo?.author].filter(
    (a): a is string => Boolean(a?.trim()),
  );
  const emails = [input.metadata?.authorEmail, input.metadata?.maintainerEmail, input.projectInfo?.authorEmail].filter(
    (a): a is string => Boolean(a?.trim()),
  );
  for (const owner of KNOWN_AUTHORS) {
    // anyone can register "aws-anything": a brand prefix only counts on a name already among the popular projects
    if (owner.projects.includes(name) || (POPULAR_NAMES.has(name) && owner.prefixes.some((p) => name.startsWith(p))))
      continue;
    const byName = authors.find((a) => owner.names.includes(a.trim().toLowerCase()));
    const byExactEmail = emails.find((e) =>
      matchesEmail(
        e,
        owner.emails.filter((p) => !p.startsWith('@')),
      ),
    );
    const byDomain = emails.find((e) =>
      matchesEmail(
        e,
        owner.emails.filter((p) => p.startsWith('@')),
      ),
    );
    const evidence = byName ?? byExactEmail ?? byDomain;
    if (evidence === undefined) continue;
    return [
      targetFinding({
        rule: 'meta-author-impersonation',
        // low: a known author really does publish more than the known list says (Kenneth Reitz and requests-oauthlib)
        severity: 'low',
        code: evidence,
        message: `the author field "${evidence}" names ${owner.label}, who does not publish "${input.name}"`,
      }),
    ];
  }
  return [];
}

/** Every metadata heuristic for one distribution. */
export function checkMetadata(input: MetadataInput): Finding[] {
  return [
    ...checkTyposquat(input),
    ...checkAge(input),
    ...checkProjectInfo(input),
    ...checkConfusionVersion(input),
    ...checkAuthorImpersonation(input),
    ...checkPopularShadow(input.name, input.paths ?? []),
  ];
}
