/** The figures the sequence-task notebook publishes to results.json, per task. */
import { tf } from '../../core/tf';
import { answerFocus } from '../../readout/attention-map';
import type { ComparisonRun } from './comparison';
import type { SequenceTaskRun, TaskStepAttributions } from './run-task';
import { updatableText } from '../../notebook/display';

/** The sequence notebook's results for one task, as sequenceTaskResults() reads them. */
export interface SequenceTaskFigures {
  /** runTask()'s result. */
  run: SequenceTaskRun;
  /** compareWithDense()'s runs. */
  comparison: ComparisonRun[];
  /** Integrated gradients over the same held-out sequences' input steps, with their settings. */
  stepAttributions: TaskStepAttributions & { steps: number; baseline: string };
}

/**
 * One sequence task's key figures as results.json holds them: parameters, accuracy, attention on the answer,
 * the map's evolution, the head comparison and the step attributions.
 */
export function sequenceTaskResults({ run, comparison, stepAttributions }: SequenceTaskFigures): Record<string, unknown> {
  const { model, history, focus, epochs } = run;
  const heads = (head: ComparisonRun['head']) => {
    const runs = comparison.filter((r) => r.head === head);
    return { parameters: runs[0]?.parameters, valAcc: runs.map((r) => r.valAcc), seeds: runs.map((r) => r.seed) };
  };
  return {
    modelParameters: model.countParams(),
    finalValAcc: history.val_acc.at(-1),
    trainingSeconds: history.seconds,
    attentionOnAnswer: focus.onAnswer,
    uniform: focus.uniform,
    peakOnAnswer: focus.peakOnAnswer,
    heldOutSequences: focus.sequences,
    onAnswerByEpoch: epochs.map(({ map }) => answerFocus(map).onAnswer.mean),
    comparison: { attention: heads('attention'), dense: heads('dense') },
    integratedGradients: {
      steps: stepAttributions.steps,
      baseline: stepAttributions.baseline,
      onAnswer: stepAttributions.focus.onAnswer,
      peakOnAnswer: stepAttributions.focus.peakOnAnswer,
      meanPerStep: stepAttributions.attributions.mean,
      completeness: stepAttributions.attributions.completeness,
      samePeakAsAttention: stepAttributions.agreement.samePeak,
      meanCorrelationWithAttention: stepAttributions.agreement.meanCorrelation,
      onlyAttributionOnAnswer: stepAttributions.agreement.onlyAttributionOnAnswer,
      onlyAttentionOnAnswer: stepAttributions.agreement.onlyAttentionOnAnswer,
    },
    // Tensors still alive when the figures were published: a growing count across re-runs would be a leak.
    tensorsInMemory: tf.memory().numTensors,
  };
}

/** An `onRun` callback for compareWithDense() in a notebook: one line, replaced in place; quiet outside a kernel. */
export function comparisonProgress(): (run: ComparisonRun, index: number, total: number) => void {
  const show = updatableText();
  return (run, index, total) => show(`run ${index + 1}/${total}: ${run.head} head, seed ${run.seed}, validation accuracy ${run.valAcc.toFixed(3)}`);
}
