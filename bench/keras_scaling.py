"""One point of the benchmark's scaling curves for Keras, the twin of bench/node_scaling.ts: times
NumPy's generation of the same kind of data, then, after a warm-up fit() over WARMUP batches (which
also traces the training step), REPEATS fit() calls of one epoch over STEPS batches of 64 rows drawn
at random from those n samples. Prints one JSON line: the median samples/s.

Usage: keras_scaling.py N INPUT_DIM SEED WARMUP STEPS REPEATS
"""
import json
import statistics
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_model import build_model, keras  # noqa: E402  (also quiets TensorFlow before it loads)
import numpy as np  # noqa: E402

BATCH_SIZE = 64


def main():
    n, input_dim, seed, warmup, steps, repeats = map(int, sys.argv[1:])
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, input_dim), dtype=np.float32)
    y = rng.integers(0, 2, size=(n, 1)).astype(np.float32)
    x[:, 1] = y[:, 0]
    data_seconds = time.perf_counter() - started

    def draw(batches):
        rows = rng.integers(0, n, size=batches * BATCH_SIZE)
        return x[rows], y[rows]

    keras.utils.set_random_seed(seed)
    model = build_model(input_dim=input_dim)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

    def timed_fit(batches):
        rows = draw(batches)
        started = time.perf_counter()
        model.fit(*rows, epochs=1, batch_size=BATCH_SIZE, verbose=0)
        return batches * BATCH_SIZE / (time.perf_counter() - started)

    timed_fit(warmup)
    rates = [timed_fit(steps) for _ in range(repeats)]
    print(json.dumps({"dataSeconds": data_seconds, "samplesPerSecond": statistics.median(rates)}))


if __name__ == "__main__":
    main()
