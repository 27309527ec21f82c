// The analysis stage's public entry points, as the commands call them: the analysis in target.ts (it loads the
// parser), judging a finished or cached analysis in judge-target.ts (light: check loads target.ts only when
// something must be analysed).
export type { ArchiveAnalysis, TargetMeta } from './judge-target.ts';
export { isCompleteAnalysis, judgeTarget } from './judge-target.ts';
export { analyzeArchive, analyzeTarget, initAnalysis, POOL_THRESHOLD } from './target.ts';
