// Project names as PEP 503 and PEP 508 define them: the normal form used to compare names, and what a valid name is.

const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** PEP 503 normal form: runs of `-`, `_` and `.` become one `-`, then lower case (`PyYAML` → `pyyaml`, `zope.interface` → `zope-interface`). */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Whether `name` is a valid PEP 508 project name (ASCII letters and digits, with `.`, `_`, `-` inside). */
export function isValidProjectName(name: string): boolean {
  return VALID_NAME.test(name);
}
