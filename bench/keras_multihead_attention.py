"""keras.layers.MultiHeadAttention with given weights, for a parity check of
src/models/transformer/multihead-attention.ts (test/multihead-attention-keras-parity.test.ts).

Reads {"heads": int, "key_dim": int, "value_dim": int, "causal": bool, "x": [[[...]]],
"weights": {"query_kernel", "query_bias", "key_kernel", "key_bias", "value_kernel", "value_bias",
"output_kernel", "output_bias": arrays in Keras's layout}} as JSON on stdin; the layer attends x to
itself. Prints {"output": [[[...]]], "scores": [[[[...]]]]} as JSON on stdout.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_model import keras  # noqa: E402  (also quiets TensorFlow before it loads)
import numpy as np  # noqa: E402

# Keras's sublayers in the order of our weight names' prefixes.
SUBLAYERS = {"query": "query_dense", "key": "key_dense", "value": "value_dense", "output": "output_dense"}


def main():
    request = json.load(sys.stdin)
    x = np.asarray(request["x"], dtype=np.float32)
    weights = {name: np.asarray(value, dtype=np.float32) for name, value in request["weights"].items()}
    layer = keras.layers.MultiHeadAttention(num_heads=request["heads"], key_dim=request["key_dim"], value_dim=request["value_dim"])
    layer(x, x)  # builds the sublayers
    for prefix, sublayer in SUBLAYERS.items():
        getattr(layer, sublayer).set_weights([weights.pop(f"{prefix}_kernel"), weights.pop(f"{prefix}_bias")])
    if weights:
        raise ValueError(f"weights left unused: {sorted(weights)}")
    output, scores = layer(x, x, return_attention_scores=True, use_causal_mask=request["causal"])
    json.dump({"output": np.asarray(output).tolist(), "scores": np.asarray(scores).tolist()}, sys.stdout)


if __name__ == "__main__":
    main()
