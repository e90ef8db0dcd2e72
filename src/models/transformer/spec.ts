/** How buildTransformer() built a model, and its layers' names: what forward.ts, the route and the read-outs find its layers by. */
import { tf } from '../../core/tf';

/** How a model was built; forward.ts and the read-outs find its layers from this. */
export interface TransformerSpec {
  vocabulary: number;
  length: number;
  layers: number;
  heads: number;
  width: number;
  mlp: boolean;
  layerNorm: boolean;
}

// A symbol property on the model, set by buildTransformer, as gradient routes are attached by their builders.
const specKey = Symbol.for('attention-lab.transformer');
type WithSpec = tf.LayersModel & { [specKey]?: TransformerSpec };

/** Called by buildTransformer. */
export function recordTransformerSpec(model: tf.LayersModel, spec: TransformerSpec): void {
  (model as WithSpec)[specKey] = spec;
}

/** The spec of a model built by buildTransformer; throws for any other model. */
export function transformerSpec(model: tf.LayersModel): TransformerSpec {
  const spec = (model as WithSpec)[specKey];
  if (spec === undefined) throw new RangeError(`model "${model.name}" was not built by buildTransformer()`);
  return spec;
}

/** Layer names of block `layer` (0-based), shared by the builder, forward.ts and the read-outs. */
export const blockLayerNames = (layer: number) => {
  const block = `block${layer + 1}`;
  return {
    attention: `${block}_attention`,
    /** The per-head attention weights, [batch, heads, steps, steps]: what getActivations reads. */
    scores: `${block}_attention_scores`,
    attentionNorm: `${block}_attention_norm`,
    attentionResidual: `${block}_attention_residual`,
    mlpNorm: `${block}_mlp_norm`,
    mlpIn: `${block}_mlp_in`,
    mlpOut: `${block}_mlp_out`,
    mlpResidual: `${block}_mlp_residual`,
  };
};
export const finalNormName = 'final_norm';
