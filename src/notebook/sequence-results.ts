/** The figures the sequence-task notebook publishes to results.json, per task. */
import { tf } from '../core/tf';
import type { AnswerFocus, EpochMap } from '../experiment/attention-map';
import { answerFocus } from '../experiment/attention-map';
import type { ComparisonRun } from '../experiment/sequence-comparison';
import type { StepAgreement, StepAttributions } from '../explain/step-attributions';
import type { TrainingHistory } from '../training/train';
import { updatableText } from './display';

export interface SequenceTaskFigures {
  modelParameters: number;
  history: TrainingHistory;
  trainingSeconds: number;
  focus: AnswerFocus;
  epochs: EpochMap[];
  comparison: ComparisonRun[];
  /** Integrated gradients over the same held-out sequences' input steps, their answer focus, and their agreement with the map. */
  stepAttributions: { attributions: StepAttributions; focus: AnswerFocus; agreement: StepAgreement; steps: number; baseline: string };
}

export function sequenceTaskResults({
  modelParameters, history, trainingSeconds, focus, epochs, comparison, stepAttributions,
}: SequenceTaskFigures): Record<string, unknown> {
  const heads = (head: ComparisonRun['head']) => {
    const runs = comparison.filter((r) => r.head === head);
    return { parameters: runs[0]?.parameters, valAcc: runs.map((r) => r.valAcc), seeds: runs.map((r) => r.seed) };
  };
  return {
    modelParameters,
    finalValAcc: history.val_acc.at(-1),
    trainingSeconds,
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

/** An `onRun` callback for compareWithDense() in a notebook: one line, replaced in place. */
export function comparisonProgress(): (run: ComparisonRun, index: number, total: number) => void {
  const show = updatableText();
  return (run, index, total) => show(`run ${index + 1}/${total}: ${run.head} head, seed ${run.seed}, validation accuracy ${run.valAcc.toFixed(3)}`);
}
