"""The dense attention model in Keras, for parity checks and benchmarks against our TypeScript build.

As a script: reads {"names": [...], "weights": [...], "x": [[...]]} as JSON on stdin — weights in
our model's getWeights() order, names as "layer/kernel" — loads them and prints
{"predictions": [[...]], "attention_vec": [[...]]} as JSON on stdout. With "batches": [{"x": [[...]],
"y": [[...]]}, ...] in the request, it then trains on them in that order, one train_on_batch() each
with the original's compile() settings, and adds the trained "weights" to the answer.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")  # the project's settings: src/core/tensorflow-env.ts
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")

import keras  # noqa: E402
import numpy as np  # noqa: E402


def build_model(input_dim=4, hidden=16):
    """Layer for layer (and name for name) the model of src/models/dense/model.ts."""
    inputs = keras.Input(shape=(input_dim,), name="inputs")
    scores = keras.layers.Dense(input_dim, use_bias=False, name="attention_scores")(inputs)
    attention = keras.layers.Activation("softmax", name="attention_vec")(scores)
    attended = keras.layers.Multiply(name="attention_mul")([inputs, attention])
    features = keras.layers.Dense(hidden, name="hidden")(attended)
    scores1 = keras.layers.Dense(hidden, use_bias=False, name="attention_scores1")(features)
    attention1 = keras.layers.Activation("softmax", name="attention_vec1")(scores1)
    attended1 = keras.layers.Multiply(name="attention_mul1")([features, attention1])
    output = keras.layers.Dense(1, activation="sigmoid", name="output")(attended1)
    return keras.Model(inputs, output, name="attention_dense")


def load_weights(model, names, weights):
    # set_weights() goes by position: check that both sides list the same variables in the same order.
    paths = [variable.path for variable in model.weights]
    if paths != names:
        raise ValueError(f"weight order differs: keras {paths}, ours {names}")
    model.set_weights([np.asarray(w, dtype=np.float32) for w in weights])


def main():
    request = json.load(sys.stdin)
    x = np.asarray(request["x"], dtype=np.float32)
    model = build_model(input_dim=x.shape[1])
    load_weights(model, request["names"], request["weights"])
    probe = keras.Model(model.inputs, [model.output, model.get_layer("attention_vec").output])
    predictions, attention = probe.predict(x, verbose=0)
    answer = {"predictions": predictions.tolist(), "attention_vec": attention.tolist()}
    if "batches" in request:
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        for batch in request["batches"]:
            model.train_on_batch(np.asarray(batch["x"], dtype=np.float32), np.asarray(batch["y"], dtype=np.float32))
        answer["weights"] = [w.tolist() for w in model.get_weights()]
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
