/**
 * Does the induction head form reliably, or only for the notebook's seed? The same settings
 * trained again from other seeds (their own data, weights and order), each scored as the notebook
 * scores its run: the best last-layer head, when it formed, and what ablating the circuit's
 * induction heads costs.
 */
import { deriveSeed } from '../../core/random';
import { requireInteger } from '../../core/validate';
import { tf } from '../../core/tf';
import { getTokenTaskData, type TokenTaskData } from '../../data/token-tasks';
import { buildTransformer } from '../../models/transformer/model';
import { readAttentionPatterns } from '../../models/transformer/attention-patterns';
import { bestInductionHead, scoreHeads } from '../../readout/head-scores';
import { findInductionCircuit } from './circuit';
import { type AblationKind, ablateTogether, requireAblationKind } from './interventions';
import { inductionFormationStep, type LearningRun, trainWatchingHeads } from './learning';

/** The notebook's settings of one run, as its parameters cell names them (camel-cased). */
export interface InductionRunSettings {
  /** Transformer blocks (the notebook's `layers`). */
  layers: number;
  /** Attention heads per block (`heads`). */
  heads: number;
  /** Width of the residual stream (`width`). */
  width: number;
  /** Distinct tokens (`vocabulary`). */
  vocabulary: number;
  /** Tokens per sequence (`length`). */
  length: number;
  /** The shortest repeated segment (`shortest_segment`). */
  shortestSegment: number;
  /** Training sequences (`train_sequences`). */
  trainSequences: number;
  /** Optimizer steps, rounded up to whole passes (`steps`). */
  steps: number;
  /** Sequences per step (`batch_size`). */
  batchSize: number;
  /** Adam's step size (`learning_rate`). */
  learningRate: number;
  /** Std of the token and position embeddings (`embedding_std`). */
  embeddingStd: number;
  /** An MLP after each attention (`mlp`). */
  mlp: boolean;
  /** LayerNorm before each sublayer (`layer_norm`). */
  layerNorm: boolean;
  /** Held-out sequences every score is measured on (`test_size`). */
  testSize: number;
  /** How heads are taken out (`ablation`). */
  ablation: AblationKind;
}

/** One seed's run, scored. */
export interface SeedCheck {
  /** The seed the run's data, weights and batches derive from. */
  seed: number;
  /** Optimizer steps taken (steps rounded up to whole passes). */
  steps: number;
  /** The last layer's best head by prefix matching, and its score. */
  best: { layer: number; head: number; prefixMatching: number };
  /** How many heads of the last layer reached the induction threshold. */
  inductionHeads: number;
  /** The first step at which a last-layer head reached the threshold, or null. */
  formationStep: number | null;
  /** In-context accuracy on the held-out repeats, intact. */
  inContextAccuracy: number;
  /** The same with the induction heads ablated together (the best head alone when none reached the threshold). */
  ablatedAccuracy: number;
  /** The training's own wall time in seconds. */
  trainingSeconds: number;
}

/** Epochs of `steps` optimizer steps, rounded up to whole passes over the training sequences. */
export const epochsFor = ({ steps, batchSize, trainSequences }: Pick<InductionRunSettings, 'steps' | 'batchSize' | 'trainSequences'>): number =>
  Math.ceil(steps * batchSize / trainSequences);

/**
 * The seeds checked beside `seed`: the next `count` integers (wrapping at 2³²), so that a reader can re-run any of them as the notebook's seed.
 * @param count - An integer ≥ 0.
 */
export function checkSeeds(seed: number, count: number): number[] {
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  requireInteger('seed_checks', count, 0);
  return Array.from({ length: count }, (_, i) => (seed + i + 1) % 2 ** 32);
}

/**
 * Trains the notebook's model from `seed` on its own data and scores it; every tensor is disposed of.
 * @param settings - The notebook's settings; its seeds for data, test data and weights derive from `seed` as the notebook's do.
 */
export async function checkSeed(settings: InductionRunSettings, seed: number): Promise<SeedCheck> {
  requireAblationKind(settings.ablation);
  const { layers, heads, width, vocabulary, length, shortestSegment, mlp, layerNorm, embeddingStd } = settings;
  const task = { task: 'repeat' as const, length, vocabulary, shortestSegment };
  const data = getTokenTaskData({ ...task, n: settings.trainSequences, seed: deriveSeed(seed, 'data') });
  const test = getTokenTaskData({ ...task, n: settings.testSize, seed: deriveSeed(seed, 'test') });
  const model = buildTransformer({ vocabulary, length, layers, heads, width, mlp, layerNorm, embeddingStd, seed });
  try {
    const run = await trainWatchingHeads(model, data, test, {
      epochs: epochsFor(settings), batchSize: settings.batchSize, learningRate: settings.learningRate, seed,
    });
    return scoreRun(model, test, run, settings, seed);
  } finally {
    model.dispose();
    data.dispose();
    test.dispose();
  }
}

/**
 * Scores a trained run as checkSeed() does, e.g. the notebook's own run, to stand beside the checks.
 * @param model - The trained model, built by buildTransformer().
 * @param test - The held-out sequences it was watched on.
 * @param run - trainWatchingHeads()'s result.
 */
export function scoreRun(model: tf.LayersModel, test: TokenTaskData, run: LearningRun, settings: InductionRunSettings, seed: number): SeedCheck {
  requireAblationKind(settings.ablation);
  const scores = scoreHeads(readAttentionPatterns(model, test.x), test);
  const best = bestInductionHead(scores, settings.layers - 1);
  const circuit = findInductionCircuit(scores, settings.layers);
  const ablated = ablateTogether(model, test, circuit.inductionHeads.length > 0 ? circuit.inductionHeads : [best], settings.ablation);
  return {
    seed, steps: run.points[run.points.length - 1].step,
    best: { layer: best.layer, head: best.head, prefixMatching: best.prefixMatching },
    inductionHeads: circuit.inductionHeads.length,
    formationStep: inductionFormationStep(run.points, settings.layers - 1) ?? null,
    inContextAccuracy: run.points[run.points.length - 1].inContext.accuracy,
    ablatedAccuracy: ablated.scores.accuracy,
    trainingSeconds: run.seconds,
  };
}
