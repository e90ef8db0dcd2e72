/**
 * Where a result came from. A notebook's cells get re-run in any order; a chart or sentence that
 * took the label's position from a global variable could describe a model trained on other data.
 * So data sets carry their provenance, a trained model carries its training data's, and read-outs
 * carry the model's: whatever draws or states a result takes the label's position from there.
 */
import type { tf } from './tf';

/** Where a dense or recurrent data set came from: the label's position, its seed and its shape. */
export interface DataProvenance {
  /** The input column (or, in the recurrent variant, the time step) that holds the label. */
  attentionColumn: number;
  /** The seed the data was drawn from. */
  seed: number;
  /** Samples in the set. */
  n: number;
  /** Input columns (features per time step in the recurrent variant). */
  inputDim: number;
  /** Only for sequences. */
  timeSteps?: number;
}

/**
 * Thrown when results do not belong together (e.g. a model trained on other data than the read-out's);
 * the message says what to re-run. Shown without a stack: it is a notice, not a bug.
 */
export class ProvenanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProvenanceError';
    this.stack = `${this.name}: ${message}`;
  }
}

/** "column 3 (seed 42, 10,000 samples)" — or "time step 10 …" for sequences. */
export function describeProvenance(provenance: DataProvenance): string {
  const position = provenance.timeSteps === undefined ? 'column' : 'time step';
  return `${position} ${provenance.attentionColumn} (seed ${provenance.seed}, ${provenance.n.toLocaleString('en-US')} samples)`;
}

// Symbol properties on the model itself, so they survive a rebuilt, re-imported library.
const trainedOnKey = Symbol.for('attention-lab.trained-on');
type WithProvenance = tf.LayersModel & { [trainedOnKey]?: DataProvenance };

/** Recorded by train(): the model's weights now depend on this data. */
export function recordTrainingData(model: tf.LayersModel, provenance: DataProvenance | undefined): void {
  (model as WithProvenance)[trainedOnKey] = provenance;
}

/** The data the model was last trained on, if train() knew where it came from. */
export function trainingData(model: tf.LayersModel): DataProvenance | undefined {
  return (model as WithProvenance)[trainedOnKey];
}

/**
 * Throws when `other` was made for another label position or shape than the model's training
 * data: e.g. a test set made after the notebook's settings changed, while the model was trained
 * before. `role` names `other` in the message ("this test data").
 */
export function requireSameSource(trainedOn: DataProvenance, other: DataProvenance, role: string): void {
  const sameShape = trainedOn.inputDim === other.inputDim && trainedOn.timeSteps === other.timeSteps;
  if (sameShape && trainedOn.attentionColumn === other.attentionColumn) return;
  throw new ProvenanceError(`The model was trained on data made for ${describeProvenance(trainedOn)}, but ${role} `
    + `is made for ${describeProvenance(other)}${sameShape ? '' : ` with ${other.inputDim} columns instead of ${trainedOn.inputDim}`}: `
    + 'the settings changed since the training data was made. Re-run the notebook from the data cell (section 1).');
}
