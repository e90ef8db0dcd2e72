"""What one Keras training benchmark run does and reports, for keras_train.py and keras_lstm_train.py:
read the data our side wrote, fit with the original's compile() settings, and measure."""
import os
import resource
import sys
import time

from keras_model import keras  # also quiets TensorFlow before it loads
import numpy as np
import tensorflow as tf


def load_data(data_dir, x_shape):
    """x.bin and y.bin as bench/*.ts write them: float32, row-major; y has one column."""
    x = np.fromfile(os.path.join(data_dir, "x.bin"), dtype=np.float32).reshape(x_shape)
    y = np.fromfile(os.path.join(data_dir, "y.bin"), dtype=np.float32).reshape(x_shape[0], 1)
    return x, y


def fit_and_measure(model, x, y, epochs, batch_size, validation_split):
    """model.fit() as the original compiles it; the measurements the bench's reports read."""
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    started = time.perf_counter()
    history = model.fit(x, y, epochs=epochs, batch_size=batch_size, validation_split=validation_split, verbose=0)
    return {
        "trainSeconds": time.perf_counter() - started,
        "trainedAtMs": time.time() * 1000,
        "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,  # kilobytes on Linux
        "valAcc": history.history["val_accuracy"][-1],
        "versions": {"python": sys.version.split()[0], "tensorflow": tf.__version__, "keras": keras.__version__},
    }
