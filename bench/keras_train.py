"""One benchmark run of Keras: train the dense attention model with model.fit() on the data that
bench/run.ts wrote (x.bin, y.bin: float32, row-major), then print one JSON line of measurements.

Usage: keras_train.py DATA_DIR N INPUT_DIM EPOCHS BATCH_SIZE VALIDATION_SPLIT SEED
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_model import build_model, keras  # noqa: E402  (also quiets TensorFlow before it loads)
from keras_fit import fit_and_measure, load_data  # noqa: E402


def main():
    data_dir, n, input_dim, epochs, batch_size, split, seed = sys.argv[1:]
    n, input_dim, epochs, batch_size, seed = int(n), int(input_dim), int(epochs), int(batch_size), int(seed)
    x, y = load_data(data_dir, (n, input_dim))
    keras.utils.set_random_seed(seed)
    model = build_model(input_dim=input_dim)
    print(json.dumps(fit_and_measure(model, x, y, epochs, batch_size, float(split))))


if __name__ == "__main__":
    main()
