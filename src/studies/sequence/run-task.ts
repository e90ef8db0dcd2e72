/**
 * One sequence task end to end, as the notebook shows it: the data and fresh held-out sequences,
 * a fresh attention model trained with the map read after every epoch, the map and its evolution,
 * and the step attributions next to the map. The notebook's find-max and add-two halves are the
 * same steps, so each is one call.
 */
import { deriveSeed } from '../../core/random';
import type { tf } from '../../core/tf';
import { getSequenceTaskData, type SequenceTask, type SequenceTaskData } from '../../data/sequence-tasks';
import {
  stepAgreement, stepAnswerFocus, stepIntegratedGradients, type StepAgreement, type StepAttributionOptions, type StepAttributions,
} from '../../explain/step-attributions';
import { buildSequenceAttentionModel, type SequenceModelOptions } from '../../models/sequence/model';
import { show, showMarkdown } from '../../notebook/display';
import { describeTraining } from '../../notebook/narrative';
import { owned } from '../../notebook/owned';
import { notebookProgress } from '../../notebook/progress';
import { attentionMapChart, attentionMapEpochs, attentionVsAttributionChart } from '../../plots';
import { answerFocus, mapEachEpoch, readAttentionMap, type AnswerFocus, type EpochMap } from '../../readout/attention-map';
import { formatSummary, summarize } from '../../readout/summary';
import type { TrainOptions } from '../../training/options';
import { train, type TrainingHistory } from '../../training/train';
import { describeAnswerFocus, describeMapEvolution, describeSequenceTask, describeStepAttributions } from './narrative';

/** runTask()'s settings. */
export interface SequenceTaskSettings {
  /** "find-max" or "add-two". */
  task: SequenceTask;
  /** Training sequences (the last `train.validationSplit` of them validate), an integer >= 1. */
  n: number;
  /** Fresh held-out sequences for every figure of the map, an integer >= 1. */
  testSize: number;
  /** Sequences drawn in the charts (the first of the held-out ones), an integer in [1, testSize]. */
  mapRows: number;
  /** Fixes the data, the held-out sequences, the model's weights and the shuffling: an integer in [0, 2^32 - 1]. */
  seed: number;
  /** The model's settings (timeSteps is required; inputDim follows from the task). */
  model: Omit<SequenceModelOptions, 'inputDim' | 'seed'>;
  /** train()'s settings other than seed and onEpoch. */
  train?: Omit<TrainOptions, 'seed' | 'onEpoch'>;
}

/** What runTask() made and measured. */
export interface SequenceTaskRun {
  /** The training data (owned: disposed when the task runs again). */
  data: SequenceTaskData;
  /** The held-out sequences (owned). */
  test: SequenceTaskData;
  /** The trained model (owned). */
  model: tf.LayersModel;
  /** train()'s history. */
  history: TrainingHistory;
  /** The map of the first `mapRows` held-out sequences before training and after every epoch. */
  epochs: EpochMap[];
  /** The map of every held-out sequence scored against its answer steps. */
  focus: AnswerFocus;
  /** The sequences drawn in the charts. */
  mapRows: number;
}

/**
 * Makes the task's data, trains a fresh model on it and shows what the notebook shows: the task,
 * the training log, the map with the answer steps outlined, and how the map formed over the epochs.
 * Re-running it disposes the previous run's data and model (`owned`, keyed by the task).
 * @returns The data, held-out sequences, model, history, the map per epoch and the answer focus.
 */
export async function runTask({ task, n, testSize, mapRows, seed, model: modelOptions, train: trainOptions = {} }: SequenceTaskSettings): Promise<SequenceTaskRun> {
  const { timeSteps } = modelOptions;
  const data = owned(`${task} data`, getSequenceTaskData(task, n, timeSteps, deriveSeed(seed, task)));
  const test = owned(`${task} test data`, getSequenceTaskData(task, testSize, timeSteps, deriveSeed(seed, `${task} test`)));
  showMarkdown(describeSequenceTask(data));
  const model = owned(`${task} model`, buildSequenceAttentionModel({ ...modelOptions, inputDim: data.task.inputDim, seed }));
  console.log(formatSummary(summarize(model), model.name));
  const epochs = mapEachEpoch(model, test, { rows: mapRows, then: notebookProgress() });
  const history = await train(model, data, { ...trainOptions, seed, onEpoch: epochs.onEpoch });
  showMarkdown(describeTraining(history));
  const focus = answerFocus(readAttentionMap(model, test));
  await show(attentionMapChart(readAttentionMap(model, test, { rows: mapRows })));
  showMarkdown(describeAnswerFocus(focus, test.task));
  await show(attentionMapEpochs(epochs.maps));
  showMarkdown(describeMapEvolution(epochs.maps));
  return { data, test, model, history, epochs: epochs.maps, focus, mapRows };
}

/** What runStepAttributions() computed. */
export interface TaskStepAttributions {
  /** stepIntegratedGradients() of every held-out sequence. */
  attributions: StepAttributions;
  /** The attributions' shares scored against the answer steps, as the map is. */
  focus: AnswerFocus;
  /** Where the map and the attributions agree. */
  agreement: StepAgreement;
}

/**
 * Integrated gradients over the input steps of a run's held-out sequences, charted and described next to its map.
 * @param run - runTask()'s result.
 * @param options - baseline "zero" (default), "mean" or one number per feature; steps in [1, 100000], default 50.
 */
export async function runStepAttributions(run: SequenceTaskRun, options: StepAttributionOptions = {}): Promise<TaskStepAttributions> {
  const { model, test, focus: attention, mapRows } = run;
  const map = readAttentionMap(model, test);
  const attributions = stepIntegratedGradients(model, test.x, options);
  const focus = stepAnswerFocus(attributions, test.answerPositions);
  const agreement = stepAgreement(map, attributions);
  await show(attentionVsAttributionChart(readAttentionMap(model, test, { rows: mapRows }), attributions));
  showMarkdown(describeStepAttributions({ attention, attributions, focus, agreement, task: test.task }));
  return { attributions, focus, agreement };
}
