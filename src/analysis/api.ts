// The analysis stage's public entry points, as the commands call them. Implemented in target.ts.
export type { TargetMeta } from './target.ts';
export { analyzeTarget, initAnalysis, rejudge } from './target.ts';
