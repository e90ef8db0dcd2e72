/**
 * The dense notebook's run, as the playground repeats it: the data, the model, train() with its
 * checked gradient route, and the attention averaged over held-out samples after every epoch.
 * Environment-free: in the page it runs on tfjs (the worker's bundle), in Node on tfjs-node, so a
 * test can hold the two side by side.
 */
import { deriveSeed } from '../src/core/random';
import { type AttentionSummary, attentionVector } from '../src/readout/activations';
import { getData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import type { PlaygroundSettings } from '../src/notebook/playground-element';
import { type EpochReport, train, type TrainingHistory } from '../src/training/train';

export interface PlaygroundEpoch {
  report: EpochReport;
  /** The attention on the held-out samples after this epoch. */
  attention: AttentionSummary;
}

export interface PlaygroundRun {
  history: TrainingHistory;
  attention: AttentionSummary;
}

/** Settings are checked by the library as it goes: a bad one throws before the first training step. */
export async function runPlayground(
  settings: PlaygroundSettings, onEpoch: (epoch: PlaygroundEpoch) => void = () => {},
): Promise<PlaygroundRun> {
  const { attention_column, input_dim, n, epochs, seed, hidden, batch_size, validation_split, test_size } = settings;
  const data = getData(n, input_dim, attention_column, seed);
  try {
    const test = getData(test_size, input_dim, attention_column, deriveSeed(seed, 'test'));
    try {
      const model = buildAttentionModel({ inputDim: input_dim, hidden, seed });
      try {
        const history = await train(model, data, {
          epochs, batchSize: batch_size, validationSplit: validation_split, seed,
          onEpoch: (report) => onEpoch({ report, attention: attentionVector(model, test, 'attention_vec') }),
        });
        return { history, attention: attentionVector(model, test, 'attention_vec') };
      } finally {
        model.dispose();
      }
    } finally {
      test.dispose();
    }
  } finally {
    data.dispose();
  }
}
