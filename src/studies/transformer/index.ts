/** The Transformer notebook's study: where heads look, whether that matters, how it formed. */
export { ablateHeads, replaceHeadPattern, ablationKinds, patternReplacements, type AblationKind, type AblationStudy, type PatternReplacement, type PatternReplacementResult } from './interventions';
export { trainWatchingHeads, inductionFormationStep, inductionThreshold, measure, type LearningPoint, type LearningRun } from './learning';
export { describeInductionHeads, describeFormation, describeAblation, describeReplacements, describeSourceScores } from './describe';
export { sequencePatterns } from './views';
export { transformerResults, type TransformerFigures } from './results';
