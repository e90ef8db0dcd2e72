/**
 * Is the attention needed at all? The dense attention network trained next to two controls with
 * the same data, seed and settings: its attention frozen to uniform, and no attention blocks.
 */
import { buildAttentionModel } from '../../models/dense/model';
import { buildNoAttentionModel, buildUniformAttentionModel } from '../../models/dense/variants';
import { type EpochReport, type LabelledData, train, type TrainingHistory } from '../../training/train';

export interface VariantRun {
  variant: VariantName;
  parameters: number;
  history: TrainingHistory;
  /** The first epoch (1-based) whose validation accuracy reached `target`, or null. */
  epochsToTarget: number | null;
}

export interface AblationOptions {
  inputDim: number;
  hidden?: number;
  seed: number;
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
  /** The validation accuracy counted as learned. */
  target?: number;
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

export async function compareWithoutAttention(data: LabelledData, options: AblationOptions): Promise<VariantRun[]> {
  const { inputDim, hidden = 16, seed, epochs = 20, batchSize = 64, validationSplit = 0.2, target = 0.99, onEpoch } = options;
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
