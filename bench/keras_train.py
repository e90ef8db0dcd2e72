"""One benchmark run of Keras: train the dense attention model with model.fit() on the data that
bench/run.ts wrote (x.bin, y.bin: float32, row-major), then print one JSON line of measurements.

Usage: keras_train.py DATA_DIR N INPUT_DIM EPOCHS BATCH_SIZE VALIDATION_SPLIT SEED
"""
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_model import build_model, keras  # noqa: E402  (also quiets TensorFlow before it loads)
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def main():
    data_dir, n, input_dim, epochs, batch_size, split, seed = sys.argv[1:]
    n, input_dim, epochs, batch_size, seed = int(n), int(input_dim), int(epochs), int(batch_size), int(seed)
    x = np.fromfile(os.path.join(data_dir, "x.bin"), dtype=np.float32).reshape(n, input_dim)
    y = np.fromfile(os.path.join(data_dir, "y.bin"), dtype=np.float32).reshape(n, 1)
    keras.utils.set_random_seed(seed)
    model = build_model(input_dim=input_dim)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    started = time.perf_counter()
    history = model.fit(x, y, epochs=epochs, batch_size=batch_size, validation_split=float(split), verbose=0)
    train_seconds = time.perf_counter() - started
    print(json.dumps({
        "trainSeconds": train_seconds,
        "trainedAtMs": time.time() * 1000,
        "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,  # kilobytes on Linux
        "valAcc": history.history["val_accuracy"][-1],
        "versions": {"python": sys.version.split()[0], "tensorflow": tf.__version__, "keras": keras.__version__},
    }))


if __name__ == "__main__":
    main()
