/**
 * TensorFlow's C library reads these once, when it loads, so they must be set before the first
 * require of @tensorflow/tfjs-node (tf.ts imports this module first; the kernelspec sets them too,
 * and the benchmarks give Keras the same). A value already in the environment is kept.
 * - TF_CPP_MIN_LOG_LEVEL=2 hides the info lines about CPU features that would land in exported HTML.
 * - TF_ENABLE_ONEDNN_OPTS=0 turns off oneDNN's reordered float sums: seeded runs then give the
 *   same numbers every time, and TensorFlow no longer prints its oneDNN notice.
 * - One thread per op (intra- and inter-op pools): this project's ops are microseconds long, and
 *   handing them to pool threads that then spin costs more than it saves; on 2 cores those threads
 *   also take the core the main thread needs (docs/BENCHMARKS.md profiles the steps).
 */
export const tensorflowEnv = {
  TF_CPP_MIN_LOG_LEVEL: '2',
  TF_ENABLE_ONEDNN_OPTS: '0',
  TF_NUM_INTRAOP_THREADS: '1',
  TF_NUM_INTEROP_THREADS: '1',
} as const;

for (const [name, value] of Object.entries(tensorflowEnv)) {
  process.env[name] ??= value;
}
