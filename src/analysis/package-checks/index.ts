// Package-level checks on an opened distribution: wheel RECORD integrity, native binaries, scripts, orphan bytecode,
// and files installed outside the package's own names. `.pth` files are the analysis engine's, not checked here.

import type { OpenedArchive } from '../../model/entries.ts';
import type { Finding } from '../../model/result.ts';
import { parseWheelFilename } from '../../pypi/filenames.ts';
import { checkInstallLocations, isInstalledScript } from './install-locations.ts';
import { checkMembers, type DistFlavour } from './members.ts';
import { checkRecord } from './record.ts';

export { classifyBinary } from './binary.ts';
export { checkRecord } from './record.ts';

/** All package checks for one archive; `filename` (the distribution's file name) tells a wheel, its tags, and an sdist apart. */
export function checkPackage(opened: OpenedArchive, filename: string): Finding[] {
  const wheel = parseWheelFilename(filename);
  if (wheel === null) {
    return checkMembers(opened.entries, 'sdist', () => false);
  }
  const pure = wheel.tags.every((tag) => tag.platform === 'any');
  const flavour: DistFlavour = pure ? 'pure-wheel' : 'platform-wheel';
  return [
    ...checkRecord(opened),
    ...checkMembers(opened.entries, flavour, isInstalledScript),
    ...checkInstallLocations(opened, wheel.name),
  ];
}
