/**
 * The Transformer notebook's own helpers (notebooks/attention_transformer.ipynb), as
 * `lab.transformer`: token tasks whose answer positions are known, heads scored against target
 * patterns, attributions over tokens, the views, and where heads look, whether that matters, how it formed.
 */
export { MultiHeadAttentionScores } from '../../models/transformer/multihead-attention';
export { readAttentionPatterns, type LayerPatterns } from '../../models/transformer/attention-patterns';
export { getTokenTaskData, type TokenTask, type TokenTaskData } from '../../data/token-tasks';
export { scoreHeads, bestInductionHead, type HeadScore } from '../../readout/head-scores';
export { rawAttention, attentionRollout, gradientTimesInput as tokenGradientTimesInput, scoreAgainstSource, type SourceScore } from '../../explain/token-attributions';
export { modelViewChart, headViewChart, headScoreHeatmap, headsOverTrainingChart } from '../../plots/transformer-views';
export { ablateHeads, ablateTogether, replaceHeadPattern, ablationKinds, patternReplacements, type AblationKind, type AblationStudy, type JointAblation, type PatternReplacement, type PatternReplacementResult } from './interventions';
export { trainWatchingHeads, inductionFormationStep, inductionThreshold, measure, type LearningPoint, type LearningRun } from './learning';
export { describeInductionHeads, describeFormation, describeAblation, describeReplacements, describeSourceScores, describeSeedChecks } from './describe';
export { findInductionCircuit, type InductionCircuit } from './circuit';
export { checkSeed, checkSeeds, scoreRun, epochsFor, type InductionRunSettings, type SeedCheck } from './seed-checks';
export { sequencePatterns } from './views';
export { transformerResults, type TransformerFigures } from './results';
