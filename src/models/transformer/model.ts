/**
 * A small decoder-only Transformer: token embeddings plus learned position embeddings, L blocks of
 * causal multi-head self-attention added to the residual stream (attention-only by default, as in
 * Olsson et al. 2022; an MLP per block and LayerNorm before each sublayer as options), and an
 * unembedding to logits over the vocabulary at every position. train() fits it to next-token
 * prediction (declared here: training/objectives.ts); forward.ts runs it with interventions.
 */
import { deriveSeed, randomSeed } from '../../core/random';
import { tf } from '../../core/tf';
import { requireInteger, requireNumberInRange } from '../../core/validate';
import { attachGradientRoute } from '../../training/gradient-routes';
import { declareNextToken } from '../../training/objectives';
import { multiHeadAttention } from './multihead-attention';
import { PositionEmbedding } from './position-embedding';
import { transformerBackprop } from './backprop';
import { blockLayerNames, finalNormName, recordTransformerSpec, type TransformerSpec } from './spec';

/** The options of buildTransformer(). */
export interface TransformerOptions {
  /** Number of distinct tokens (ids 0 … vocabulary − 1). */
  vocabulary: number;
  /** Sequence length (context). */
  length: number;
  /** Number of blocks. */
  layers?: number;
  /** Attention heads per block, an integer ≥ 1 that divides width; by default 2. */
  heads?: number;
  /** Width of the residual stream; each head gets width / heads dimensions. */
  width?: number;
  /** An MLP (width → 4·width → width, ReLU) after each attention, on the residual stream. */
  mlp?: boolean;
  /** LayerNorm before each attention and MLP and before the unembedding (pre-LN, as GPT-2). */
  layerNorm?: boolean;
  /**
   * Standard deviation of the token and position embeddings. GPT-2's 0.02 was reported to keep
   * small models from forming induction heads; 1 is PyTorch's default for an embedding.
   */
  embeddingStd?: number;
  /** Seed of every weight's initialisation, an integer in [0, 2³² − 1]; random by default. */
  seed?: number;
}


function validated(options: TransformerOptions): { spec: TransformerSpec; embeddingStd: number; seed: number } {
  const { vocabulary, length, layers = 2, heads = 2, width = 32, mlp = false, layerNorm = false, embeddingStd = 1, seed = randomSeed() } = options;
  requireInteger('vocabulary', vocabulary, 2);
  requireInteger('length', length, 2);
  requireInteger('layers', layers, 1);
  requireInteger('heads', heads, 1);
  requireInteger('width', width, 1);
  if (width % heads !== 0) {
    throw new RangeError(`width must be a multiple of heads (each head gets width / heads dimensions), got width ${width} and heads ${heads}`);
  }
  for (const [name, flag] of [['mlp', mlp], ['layerNorm', layerNorm]] as const) {
    if (typeof flag !== 'boolean') throw new RangeError(`${name} must be true or false, got ${String(flag)}`);
  }
  requireNumberInRange('embeddingStd', embeddingStd, Number.MIN_VALUE, Infinity);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  return { spec: { vocabulary, length, layers, heads, width, mlp, layerNorm }, embeddingStd, seed };
}

/**
 * Builds the decoder-only Transformer described by `options`, ready for train() on next-token prediction.
 * @param options - vocabulary an integer ≥ 2, length an integer ≥ 2, layers, heads and width integers ≥ 1
 *   with width a multiple of heads, embeddingStd a positive number.
 * @returns A model from token ids [batch, length] to logits [batch, length, vocabulary].
 */
export function buildTransformer(options: TransformerOptions): tf.LayersModel {
  const { spec, embeddingStd, seed } = validated(options);
  const { vocabulary, length, layers, heads, width, mlp, layerNorm } = spec;
  const glorot = (purpose: string) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, purpose) });
  const norm = (name: string, x: tf.SymbolicTensor) => (layerNorm ? tf.layers.layerNormalization({ name }).apply(x) as tf.SymbolicTensor : x);

  const tokens = tf.input({ shape: [length], dtype: 'int32', name: 'tokens' });
  const embedded = tf.layers.embedding({
    name: 'embed', inputDim: vocabulary, outputDim: width,
    embeddingsInitializer: tf.initializers.randomNormal({ mean: 0, stddev: embeddingStd, seed: deriveSeed(seed, 'embed') }),
  }).apply(tokens) as tf.SymbolicTensor;
  let residual = new PositionEmbedding({ name: 'position', std: embeddingStd, seed: deriveSeed(seed, 'position') }).apply(embedded) as tf.SymbolicTensor;
  for (let layer = 0; layer < layers; layer++) {
    const names = blockLayerNames(layer);
    const attended = multiHeadAttention(norm(names.attentionNorm, residual), {
      heads, keyDim: width / heads, causal: true, name: names.attention, seed: deriveSeed(seed, names.attention),
    });
    residual = tf.layers.add({ name: names.attentionResidual }).apply([residual, attended]) as tf.SymbolicTensor;
    if (mlp) {
      const hidden = tf.layers.dense({ name: names.mlpIn, units: 4 * width, activation: 'relu', kernelInitializer: glorot(names.mlpIn) })
        .apply(norm(names.mlpNorm, residual)) as tf.SymbolicTensor;
      const out = tf.layers.dense({ name: names.mlpOut, units: width, kernelInitializer: glorot(names.mlpOut) }).apply(hidden) as tf.SymbolicTensor;
      residual = tf.layers.add({ name: names.mlpResidual }).apply([residual, out]) as tf.SymbolicTensor;
    }
  }
  const logits = tf.layers.dense({ name: 'unembed', units: vocabulary, kernelInitializer: glorot('unembed') })
    .apply(norm(finalNormName, residual)) as tf.SymbolicTensor;
  const model = tf.model({ inputs: tokens, outputs: logits, name: 'transformer' });
  recordTransformerSpec(model, spec);
  declareNextToken(model, vocabulary);
  // Refuses the MLP and LayerNorm variants, which then train through the tape.
  attachGradientRoute(model, { name: 'Transformer (attention-only), by hand', build: transformerBackprop });
  return model;
}
