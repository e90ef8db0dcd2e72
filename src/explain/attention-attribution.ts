/** The attention itself read as an attribution: each sample's `attention_vec`, one weight per input column. */
import { tf } from '../core/tf';
import { getActivations } from '../readout/activations';
import { type Attribution, perSampleAttribution, requireSamples } from './attribution';

/**
 * The attention itself read as an attribution: each sample's weights from `layerName`, one per input column.
 * @param x - Samples [n >= 1, columns >= 1].
 * @param layerName - A layer with one weight per input column; default "attention_vec".
 * @returns An unsigned per-sample attribution named "attention" (or "attention (<layerName>)").
 */
export function attentionAttribution(model: tf.LayersModel, x: tf.Tensor, layerName = 'attention_vec'): Attribution {
  requireSamples(x);
  const activation = getActivations(model, x, { layerName })[layerName];
  if (activation.rank !== 2 || activation.shape[1] !== x.shape[1]) {
    activation.dispose();
    throw new RangeError(`layer ${layerName} must give one weight per input column, got shape [${activation.shape}]`);
  }
  const values = activation.dataSync() as Float32Array;
  activation.dispose();
  return perSampleAttribution(layerName === 'attention_vec' ? 'attention' : `attention (${layerName})`, values, x.shape[0], x.shape[1], false);
}
