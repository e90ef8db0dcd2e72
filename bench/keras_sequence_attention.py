"""The sequence-attention model in Keras, built from Keras's own layers, for a parity check of
src/experiment/attention-layer.ts (test/sequence-keras-parity.test.ts).

The attention as the original repository's `Attention` layer composes it: the last hidden state
h_T is the query; Luong scores (h_t W) . h_T (Dense without bias, then Dot); Bahdanau scores
v . tanh(h_T W1 + h_t W2); a softmax over the steps (`attention_weight`); the context
sum_t a_t h_t (Dot) next to h_T (Concatenate) through Dense(units, tanh, no bias) (`attention`).

Reads {"encoder": "lstm" | "per-step", "score": "luong" | "bahdanau", "units": int,
"weights": {"layer/weight": array}, "x": [[[...]]]} as JSON on stdin and prints
{"predictions": [[...]], "attention_weight": [[...]]} as JSON on stdout.

With arguments, a training benchmark (bench/sequence-attention.ts):
keras_sequence_attention.py bench DATA_DIR N TIME_STEPS INPUT_DIM ENCODER SCORE EPOCHS BATCH_SIZE VALIDATION_SPLIT
trains on DATA_DIR/x.bin, y.bin (float32, row-major) with model.fit(), the last VALIDATION_SPLIT of
the samples held out, and prints one JSON line with each epoch's seconds (validation included, as
ours) and the last epoch's validation accuracy.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_model import keras  # noqa: E402  (also quiets TensorFlow before it loads)
from keras_fit import load_data  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402


def build_model(time_steps, input_dim, hidden, units, encoder, score):
    inputs = keras.Input(shape=(time_steps, input_dim), name="inputs")
    if encoder == "lstm":
        sequence = layers.LSTM(hidden, return_sequences=True, name="lstm")(inputs)
    else:
        sequence = layers.Dense(hidden, activation="tanh", name="per_step")(inputs)
    last = layers.Lambda(lambda s: s[:, -1, :], name="last_state")(sequence)
    if score == "luong":
        keys = layers.Dense(hidden, use_bias=False, name="score_w")(sequence)
        scores = layers.Dot(axes=[2, 1], name="scores")([keys, last])
    else:
        query = layers.Dense(hidden, use_bias=False, name="score_w_query")(last)
        keys = layers.Dense(hidden, use_bias=False, name="score_w_keys")(sequence)
        hidden_scores = layers.Activation("tanh")(layers.Add()([keys, layers.Reshape((1, hidden))(query)]))
        scores = layers.Reshape((time_steps,))(layers.Dense(1, use_bias=False, name="score_v")(hidden_scores))
    weights = layers.Activation("softmax", name="attention_weight")(scores)
    context = layers.Dot(axes=[1, 1], name="context")([sequence, weights])
    combined = layers.Concatenate(name="combined")([context, last])
    attended = layers.Dense(units, use_bias=False, activation="tanh", name="attention")(combined)
    output = layers.Dense(1, activation="sigmoid", name="output")(attended)
    return keras.Model(inputs, output)


# Our weight names → the Keras layer and its weight order.
SCORE_LAYERS = {
    "attention_weight/w": "score_w",
    "attention_weight/w_query": "score_w_query",
    "attention_weight/w_keys": "score_w_keys",
    "attention_weight/v": "score_v",
}


def load_weights(model, encoder, weights):
    def arr(name):
        return np.asarray(weights.pop(name), dtype=np.float32)

    if encoder == "lstm":
        model.get_layer("lstm").set_weights([arr("lstm/kernel"), arr("lstm/recurrent_kernel"), arr("lstm/bias")])
    else:
        model.get_layer("per_step").set_weights([arr("per_step/kernel"), arr("per_step/bias")])
    for ours, theirs in SCORE_LAYERS.items():
        if ours in weights:
            model.get_layer(theirs).set_weights([arr(ours)])
    model.get_layer("attention").set_weights([arr("attention/kernel")])
    model.get_layer("output").set_weights([arr("output/kernel"), arr("output/bias")])
    if weights:
        raise ValueError(f"weights left unused: {sorted(weights)}")


def main():
    request = json.load(sys.stdin)
    x = np.asarray(request["x"], dtype=np.float32)
    kernel = np.asarray(request["weights"]["attention/kernel"])
    model = build_model(x.shape[1], x.shape[2], kernel.shape[0] // 2, kernel.shape[1], request["encoder"], request["score"])
    load_weights(model, request["encoder"], dict(request["weights"]))
    probe = keras.Model(model.inputs, [model.output, model.get_layer("attention_weight").output])
    predictions, attention = probe.predict(x, verbose=0)
    json.dump({"predictions": predictions.tolist(), "attention_weight": attention.tolist()}, sys.stdout)


class EpochTimes(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self.started)


def bench(data_dir, n, time_steps, input_dim, encoder, score, epochs, batch_size, validation_split):
    n, time_steps, input_dim, epochs, batch_size = int(n), int(time_steps), int(input_dim), int(epochs), int(batch_size)
    x, y = load_data(data_dir, (n, time_steps, input_dim))
    keras.utils.set_random_seed(1)
    model = build_model(time_steps, input_dim, 16, 16, encoder, score)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    times = EpochTimes()
    times.seconds = []
    history = model.fit(x, y, epochs=epochs, batch_size=batch_size, validation_split=float(validation_split), verbose=0, callbacks=[times])
    print(json.dumps({"epochSeconds": times.seconds, "valAcc": history.history["val_accuracy"][-1], "keras": keras.__version__}))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "bench":
        bench(*sys.argv[2:])
    else:
        main()
