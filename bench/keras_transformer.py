"""The Keras twin of buildTransformer()'s attention-only model (src/models/transformer/model.ts), for
the Transformer part of `npm run bench` (bench/transformer.ts).

The same architecture from Keras's own layers: token Embedding and learned position embeddings
(both normal with the given std), per block keras.layers.MultiHeadAttention (heads, key_dim =
width / heads, use_causal_mask=True) added to the residual stream, a Dense unembedding to the
vocabulary; sparse softmax cross-entropy from the logits at every position, weighted by the mask,
Adam with the given learning rate, model.fit() with Keras's defaults otherwise.

keras_transformer.py DATA_DIR SETTINGS_JSON reads the token data bench/transformer.ts wrote
(float32, row-major: x.bin, y.bin, mask.bin, test_x.bin, test_y.bin, test_in_context.bin), trains,
and prints one JSON line: each epoch's seconds and the held-out in-context accuracy after training.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_model import keras  # noqa: E402  (also quiets TensorFlow before it loads)
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402


class PositionEmbedding(layers.Layer):
    """x + P, P [steps, width] learned: src/models/transformer/position-embedding.ts."""

    def __init__(self, std, **kwargs):
        super().__init__(**kwargs)
        self.std = std

    def build(self, input_shape):
        self.positions = self.add_weight(shape=(input_shape[1], input_shape[2]), name="embeddings",
                                         initializer=keras.initializers.RandomNormal(stddev=self.std))

    def call(self, x):
        return x + self.positions


def build_model(s):
    tokens = keras.Input(shape=(s["length"],), dtype="int32", name="tokens")
    normal = keras.initializers.RandomNormal(stddev=s["embeddingStd"])
    stream = layers.Embedding(s["vocabulary"], s["width"], embeddings_initializer=normal, name="embed")(tokens)
    stream = PositionEmbedding(s["embeddingStd"], name="position")(stream)
    for layer in range(s["layers"]):
        attention = layers.MultiHeadAttention(num_heads=s["heads"], key_dim=s["width"] // s["heads"], name=f"block{layer + 1}_attention")
        stream = layers.Add(name=f"block{layer + 1}_attention_residual")([stream, attention(stream, stream, use_causal_mask=True)])
    logits = layers.Dense(s["vocabulary"], name="unembed")(stream)
    return keras.Model(tokens, logits)


class EpochTimes(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self.started)


def main(data_dir, settings_json):
    s = json.loads(settings_json)
    length = s["length"]

    def read(name, n):
        return np.fromfile(os.path.join(data_dir, name), dtype=np.float32).reshape(n, length)

    x, y, mask = (read(name, s["trainSequences"]) for name in ("x.bin", "y.bin", "mask.bin"))
    test_x, test_y, in_context = (read(name, s["testSequences"]) for name in ("test_x.bin", "test_y.bin", "test_in_context.bin"))
    keras.utils.set_random_seed(s["seed"])
    model = build_model(s)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=s["learningRate"]),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    times = EpochTimes()
    times.seconds = []
    history = model.fit(x.astype(np.int32), y.astype(np.int32), sample_weight=mask, epochs=s["epochs"], batch_size=s["batchSize"],
                        verbose=0, callbacks=[times])
    predicted = np.argmax(model.predict(test_x.astype(np.int32), batch_size=256, verbose=0), axis=-1)
    selected = in_context == 1
    accuracy = float(np.mean(predicted[selected] == test_y.astype(np.int64)[selected]))
    print(json.dumps({
        "epochSeconds": times.seconds, "inContextAccuracy": accuracy, "loss": history.history["loss"][-1],
        "parameters": model.count_params(), "jitCompile": bool(model.jit_compile), "keras": keras.__version__,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:])
