/** The Transformer notebook's key figures for results.json (the export adds the notebook's parameters itself). */
import type { HeadScore } from '../../readout/head-scores';
import type { SourceScore } from '../../explain/token-attributions';
import type { TrainingHistory } from '../../training/train';
import type { AblationStudy, PatternReplacementResult } from './interventions';
import type { LearningPoint } from './learning';

export interface TransformerFigures {
  modelParameters: number;
  history: TrainingHistory;
  trainingSeconds: number;
  heads: HeadScore[];
  formationStep: number | undefined;
  ablations: AblationStudy[];
  replacements: PatternReplacementResult[];
  sources: SourceScore[];
  learning: LearningPoint[];
  modelViewMilliseconds: number;
}

export function transformerResults(f: TransformerFigures): Record<string, unknown> {
  return {
    steps: f.learning[f.learning.length - 1]?.step ?? 0,
    modelParameters: f.modelParameters,
    trainingSeconds: f.trainingSeconds,
    loss: f.history.loss,
    val_loss: f.history.val_loss,
    headScores: f.heads,
    inductionFormationStep: f.formationStep ?? null,
    ablations: f.ablations.map((a) => ({ kind: a.kind, intactAccuracy: a.intact.accuracy, heads: a.heads.map((h) => ({ layer: h.layer, head: h.head, accuracy: h.scores.accuracy, loss: h.scores.loss, accuracyDrop: h.accuracyDrop })) })),
    replacements: f.replacements.map((r) => ({ layer: r.layer, head: r.head, replacement: r.replacement, accuracy: r.scores.accuracy, accuracyDrop: r.accuracyDrop })),
    sourceScores: f.sources,
    learning: f.learning.map((p) => ({ step: p.step, inContextAccuracy: p.inContext.accuracy, iclScore: p.inContext.iclScore, prefixMatching: p.heads.map((h) => h.prefixMatching) })),
    modelViewMilliseconds: f.modelViewMilliseconds,
  };
}
