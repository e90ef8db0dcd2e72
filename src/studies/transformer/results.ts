/** The Transformer notebook's key figures for results.json (the export adds the notebook's parameters itself). */
import { tf } from '../../core/tf';
import type { HeadScore } from '../../readout/head-scores';
import type { SourceScore } from '../../explain/token-attributions';
import type { TrainingHistory } from '../../training/train';
import type { InductionCircuit } from './circuit';
import type { AblationStudy, JointAblation, PatternReplacementResult } from './interventions';
import type { LearningPoint } from './learning';
import type { SeedCheck } from './seed-checks';

/** What transformerResults() takes: the Transformer notebook's run, piece by piece. */
export interface TransformerFigures {
  /** Number of the model's parameters. */
  modelParameters: number;
  /** train()'s history of the run. */
  history: TrainingHistory;
  /** Wall time of the training in seconds, without the read-outs between epochs (LearningRun.seconds). */
  trainingSeconds: number;
  /** Every head's scores against the target patterns after training. */
  heads: HeadScore[];
  /** The step at which the induction head formed, or undefined if it did not. */
  formationStep: number | undefined;
  /** The induction circuit's heads, findInductionCircuit()'s result. */
  circuit: InductionCircuit;
  /** ablateHeads()'s studies, one per ablation kind. */
  ablations: AblationStudy[];
  /** The induction heads ablated together, when more than one formed. */
  jointAblation: JointAblation | undefined;
  /** The notebook's run and the other seeds' runs, checkSeed()'s results (the notebook's first). */
  seedChecks: SeedCheck[];
  /** replaceHeadPattern()'s results. */
  replacements: PatternReplacementResult[];
  /** Each attribution method scored against the source tokens. */
  sources: SourceScore[];
  /** The points measured while training. */
  learning: LearningPoint[];
  /** Time taken to build the model view's chart, in milliseconds. */
  modelViewMilliseconds: number;
}

/**
 * The notebook's key figures as a plain object for results.json: steps, losses, head scores, the formation step, interventions and attributions.
 * @returns A JSON-serializable record (an induction head that did not form gives inductionFormationStep null;
 *   jointAblation is null unless several induction heads formed).
 */
export function transformerResults(f: TransformerFigures): Record<string, unknown> {
  return {
    steps: f.learning[f.learning.length - 1]?.step ?? 0,
    modelParameters: f.modelParameters,
    trainingSeconds: f.trainingSeconds,
    loss: f.history.loss,
    val_loss: f.history.val_loss,
    headScores: f.heads,
    inductionFormationStep: f.formationStep ?? null,
    inductionHeads: f.circuit.inductionHeads.map(({ layer, head }) => ({ layer, head })),
    previousTokenHead: f.circuit.previousTokenHead === undefined ? null : { layer: f.circuit.previousTokenHead.layer, head: f.circuit.previousTokenHead.head },
    ablations: f.ablations.map((a) => ({ kind: a.kind, intactAccuracy: a.intact.accuracy, heads: a.heads.map((h) => ({ layer: h.layer, head: h.head, accuracy: h.scores.accuracy, loss: h.scores.loss, accuracyDrop: h.accuracyDrop })) })),
    jointAblation: f.jointAblation === undefined ? null
      : { kind: f.jointAblation.kind, heads: f.jointAblation.heads, accuracy: f.jointAblation.scores.accuracy, accuracyDrop: f.jointAblation.accuracyDrop },
    seedChecks: f.seedChecks,
    replacements: f.replacements.map((r) => ({ layer: r.layer, head: r.head, replacement: r.replacement, accuracy: r.scores.accuracy, accuracyDrop: r.accuracyDrop })),
    sourceScores: f.sources,
    learning: f.learning.map((p) => ({ step: p.step, inContextAccuracy: p.inContext.accuracy, iclScore: p.inContext.iclScore, prefixMatching: p.heads.map((h) => h.prefixMatching) })),
    modelViewMilliseconds: f.modelViewMilliseconds,
    // Tensors still alive at the end of the run: a growing count across re-runs would be a leak.
    tensorsInMemory: tf.memory().numTensors,
  };
}
