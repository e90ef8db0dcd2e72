/**
 * The key figures a notebook publishes for scripts: `attention-lab export` collects every bundle
 * of resultsMimeType into <name>.results.json and leaves them out of the HTML.
 */
import { argmax } from '../core/statistics';
import { tf } from '../core/tf';
import type { AttentionSummary } from '../readout/activations';
import type { ModelSummary } from '../readout/summary';
import type { TrainingHistory } from '../training/train';
import { displayBundle, type MimeBundle } from './display';
import { resultsMimeType } from '../../runner/protocol';

/** Typed arrays would serialise as {"0": …} objects; results should read as plain JSON arrays. */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) =>
      ArrayBuffer.isView(item) && !(item instanceof DataView) ? Array.from(item as unknown as ArrayLike<number>) : item,
    ),
  );
}

function briefValue(value: unknown): string {
  // Four significant digits, without the trailing zeros toPrecision would keep (0.7, not 0.7000).
  if (typeof value === 'number') return String(Number(value.toPrecision(4)));
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 37)}…` : value;
  if (Array.isArray(value)) return `[${value.length} values]`;
  if (value === null || typeof value !== 'object') return String(value);
  return `{${Object.keys(value).length} fields}`;
}

/** The key figures of a notebook under resultsMimeType, with a one-line text summary. */
export function resultsBundle(figures: Record<string, unknown>): MimeBundle {
  const safe = jsonSafe(figures) as Record<string, unknown>;
  const summary = Object.entries(safe).map(([key, value]) => `${key} = ${briefValue(value)}`);
  return { [resultsMimeType]: safe, 'text/plain': `Results: ${summary.join(', ')}` };
}

/**
 * Publishes key figures for `attention-lab export`, which collects them into <name>.results.json
 * and leaves them out of the HTML; no-op outside a kernel.
 * @param figures - Named figures, made JSON-safe (typed arrays become arrays; NaN and ±Infinity become null).
 */
export function publishResults(figures: Record<string, unknown>): void {
  displayBundle(resultsBundle(figures));
}

/** What a notebook's run produced: the model, its training, its attention, and any figures of its own. */
export interface RunFigures {
  /** summarize() of the model. */
  summary: ModelSummary;
  /** train()'s history. */
  history: TrainingHistory;
  /** attentionVector()'s read-out. */
  attention: AttentionSummary;
  /** The notebook's own figures (e.g. the dense study's correlation and sweep), placed before the leak count. */
  extra?: Record<string, unknown>;
}

/**
 * The figures as results.json holds them: plain numbers and arrays, named as before for scripts
 * (parameters, final accuracies, training time, attention, the notebook's extra figures, tensors in memory).
 */
export function runResults({ summary, history, attention, extra = {} }: RunFigures): Record<string, unknown> {
  return {
    modelParameters: summary.totalParams,
    layerParameters: Object.fromEntries(summary.layers.filter((l) => l.params > 0).map((l) => [l.name, l.params])),
    finalAcc: history.acc.at(-1),
    finalValAcc: history.val_acc.at(-1),
    trainingSeconds: history.seconds,
    attention: { mean: attention.mean, std: attention.std, p10: attention.p10, p90: attention.p90, samples: attention.samples, argmax: argmax(attention.mean) },
    ...extra,
    // Tensors still alive at the end of the run: a growing count across re-runs would be a leak.
    tensorsInMemory: tf.memory().numTensors,
  };
}
