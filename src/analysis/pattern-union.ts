// Whether any of a list of patterns matches a text, in one regex run per flag set instead of one per pattern: the
// rules test every string literal against the indicator lists, and one alternation is several times faster. The
// union is built from the lists themselves, so it follows every change to them.

/** Patterns that cannot join an alternation unchanged: back-references (numbered by position) and stateful flags. */
function standsAlone(pattern: RegExp): boolean {
  return /\\[1-9]|\\k</.test(pattern.source) || pattern.global || pattern.sticky;
}

/** A test equivalent to `patterns.some((pattern) => pattern.test(text))`. */
export function anyPatternTest(patterns: readonly RegExp[]): (text: string) => boolean {
  const alone = patterns.filter(standsAlone);
  const byFlags = new Map<string, string[]>();
  for (const pattern of patterns) {
    if (standsAlone(pattern)) continue;
    const sources = byFlags.get(pattern.flags);
    if (sources) sources.push(`(?:${pattern.source})`);
    else byFlags.set(pattern.flags, [`(?:${pattern.source})`]);
  }
  const unions: RegExp[] = [];
  for (const [flags, sources] of byFlags) {
    try {
      unions.push(new RegExp(sources.join('|'), flags));
    } catch {
      // duplicate group names: these patterns are tested one by one
      alone.push(...patterns.filter((pattern) => !standsAlone(pattern) && pattern.flags === flags));
    }
  }
  const tests = [...unions, ...alone];
  return (text) => tests.some((pattern) => pattern.test(text));
}
