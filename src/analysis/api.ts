// The analysis stage's public entry points, as the commands call them. Implemented in target.ts.
export type { ArchiveAnalysis, TargetMeta } from './target.ts';
export { analyzeArchive, analyzeTarget, initAnalysis, isCompleteAnalysis, judgeTarget, rejudge } from './target.ts';
