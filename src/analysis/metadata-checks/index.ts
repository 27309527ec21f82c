// Metadata heuristics for one distribution (weak signals, at most medium): see checks.ts.

export {
  checkAge,
  checkAuthorImpersonation,
  checkConfusionVersion,
  checkMetadata,
  checkProjectInfo,
  type MetadataInput,
} from './checks.ts';
export { findTyposquat, isOneEditAway, POPULAR_NAMES } from './typosquat.ts';
