/**
 * Is the attention needed at all? The dense attention network trained next to two controls with
 * the same data, seed and settings: its attention frozen to uniform, and no attention blocks.
 */
import { requireNumberInRange } from '../../core/validate';
import { buildAttentionModel } from '../../models/dense/model';
import { buildNoAttentionModel, buildUniformAttentionModel } from '../../models/dense/variants';
import { type EpochReport, type LabelledData, train, type TrainingHistory } from '../../training/train';

/** One network of the comparison, trained. */
export interface VariantRun {
  /** "learned attention", "attention frozen to uniform" or "no attention blocks". */
  variant: VariantName;
  /** The network's number of weights. */
  parameters: number;
  /** train()'s history. */
  history: TrainingHistory;
  /** The first epoch (1-based) whose validation accuracy reached `target`, or null. */
  epochsToTarget: number | null;
}

/** compareWithoutAttention()'s settings. */
export interface AblationOptions {
  /** Input columns of the data, an integer >= 2. */
  inputDim: number;
  /** Hidden width of each network, an integer >= 1; default 16. */
  hidden?: number;
  /** One seed for all three networks' weights and shuffling, an integer in [0, 2^32 - 1]. */
  seed: number;
  /** As train()'s; default 20. */
  epochs?: number;
  /** As train()'s; default 64. */
  batchSize?: number;
  /** As train()'s; default 0.2. */
  validationSplit?: number;
  /** The validation accuracy counted as learned, a number in [0, 1]; default 0.99. */
  target?: number;
  /** Called after every epoch of every network, e.g. to show progress. */
  onEpoch?: (variant: VariantName, report: EpochReport) => void;
}

export const variantBuilders = {
  'learned attention': buildAttentionModel,
  'attention frozen to uniform': buildUniformAttentionModel,
  'no attention blocks': buildNoAttentionModel,
};

/** The three networks compared, by the names tables and charts show. */
export type VariantName = keyof typeof variantBuilders;

export function epochsToTarget(accuracies: number[], target: number): number | null {
  const index = accuracies.findIndex((acc) => acc >= target);
  return index === -1 ? null : index + 1;
}

/**
 * Trains the dense attention network and two controls (attention frozen to uniform, no attention blocks)
 * on the same data with the same seed and settings, one after another.
 * @param data - Training data, e.g. getData()'s.
 * @returns One run per network, in the order learned, uniform, none.
 */
export async function compareWithoutAttention(data: LabelledData, options: AblationOptions): Promise<VariantRun[]> {
  const { inputDim, hidden = 16, seed, epochs = 20, batchSize = 64, validationSplit = 0.2, target = 0.99, onEpoch } = options;
  requireNumberInRange('target', target, 0, 1);
  const runs: VariantRun[] = [];
  for (const [variant, build] of Object.entries(variantBuilders) as [VariantName, (typeof variantBuilders)[VariantName]][]) {
    const model = build({ inputDim, hidden, seed });
    try {
      const history = await train(model, data, {
        epochs, batchSize, validationSplit, seed, onEpoch: onEpoch && ((report) => onEpoch(variant, report)),
      });
      const accuracies = history.val_acc.length > 0 ? history.val_acc : history.acc;
      runs.push({ variant, parameters: model.countParams(), history, epochsToTarget: epochsToTarget(accuracies, target) });
    } finally {
      model.dispose();
    }
  }
  return runs;
}
