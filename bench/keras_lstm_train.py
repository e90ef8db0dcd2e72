"""One benchmark run of Keras's twin of the recurrent attention network (src/experiment/recurrent-model.ts,
the original repository's attention_lstm.py): model.fit() on the data that bench/lstm.ts wrote
(x.bin, y.bin: float32, row-major), then one JSON line of measurements.

Usage: keras_lstm_train.py DATA_DIR N TIME_STEPS INPUT_DIM UNITS BEFORE(0|1) SINGLE(0|1) EPOCHS BATCH_SIZE VALIDATION_SPLIT SEED
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_model import keras  # noqa: E402  (also quiets TensorFlow before it loads)
from keras_fit import fit_and_measure, load_data  # noqa: E402


class MeanOverFeatures(keras.layers.Layer):
    """The original's Lambda(lambda x: K.mean(x, axis=1)); a layer so the model needs no lambda."""

    def call(self, inputs):
        return keras.ops.mean(inputs, axis=1)


def attention_block(sequence, time_steps, single):
    features = sequence.shape[2]
    scores = keras.layers.Permute((2, 1), name="features_first")(sequence)
    scores = keras.layers.Dense(time_steps, activation="softmax", name="attention_over_time")(scores)
    if single:
        scores = MeanOverFeatures(name="dim_reduction")(scores)
        scores = keras.layers.RepeatVector(features, name="repeat_over_features")(scores)
    attention = keras.layers.Permute((2, 1), name="attention_vec")(scores)
    return keras.layers.Multiply(name="attention_mul")([sequence, attention])


def build_model(time_steps, input_dim, units, before, single):
    """Layer for layer the model of src/experiment/recurrent-model.ts (Keras's LSTM: sigmoid recurrent activation)."""
    inputs = keras.Input(shape=(time_steps, input_dim), name="inputs")
    if before:
        features = keras.layers.LSTM(units, name="lstm")(attention_block(inputs, time_steps, single))
    else:
        sequence = keras.layers.LSTM(units, return_sequences=True, name="lstm")(inputs)
        features = keras.layers.Flatten(name="flatten")(attention_block(sequence, time_steps, single))
    output = keras.layers.Dense(1, activation="sigmoid", name="output")(features)
    return keras.Model(inputs, output, name="attention_lstm")


def main():
    data_dir, n, time_steps, input_dim, units, before, single, epochs, batch_size, split, seed = sys.argv[1:]
    n, time_steps, input_dim, units, epochs, batch_size, seed = map(int, (n, time_steps, input_dim, units, epochs, batch_size, seed))
    x, y = load_data(data_dir, (n, time_steps, input_dim))
    keras.utils.set_random_seed(seed)
    model = build_model(time_steps, input_dim, units, before == "1", single == "1")
    print(json.dumps(fit_and_measure(model, x, y, epochs, batch_size, float(split))))


if __name__ == "__main__":
    main()
