/**
 * TensorFlow's C library reads these once, when it loads, so they must be set before the first
 * require of @tensorflow/tfjs-node (src/tf.ts imports this module first; the kernelspec sets them too).
 * - TF_CPP_MIN_LOG_LEVEL=2 hides the info lines about CPU features that would land in exported HTML.
 * - TF_ENABLE_ONEDNN_OPTS=0 turns off oneDNN's reordered float sums: seeded runs then give the
 *   same numbers every time, and TensorFlow no longer prints its oneDNN notice.
 */
export const quietTensorflowEnv = { TF_CPP_MIN_LOG_LEVEL: '2', TF_ENABLE_ONEDNN_OPTS: '0' } as const;

for (const [name, value] of Object.entries(quietTensorflowEnv)) {
  process.env[name] ??= value;
}
