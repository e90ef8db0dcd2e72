/**
 * The sequence notebook's own helpers (notebooks/attention_sequence.ipynb), as `lab.sequence`:
 * one task end to end (data, training, the map and its evolution, step attributions), attention
 * against a Dense head, and the prose and results.
 */
export { runTask, runStepAttributions, type SequenceTaskSettings, type SequenceTaskRun, type TaskStepAttributions } from './run-task';
export { compareWithDense, type ComparisonOptions, type ComparisonRun } from './comparison';
export {
  describeSequenceTask, describeAnswerFocus, describeMapEvolution, describeHeadComparison, describeMapFindings, describeStepAttributions,
} from './narrative';
export { sequenceTaskResults, comparisonProgress, type SequenceTaskFigures } from './results';
export { headComparisonChart, type HeadComparisonOptions } from './head-comparison-chart';
