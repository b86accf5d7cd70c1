import keras
import numpy as np
import tensorflow as tf

SAMPLES, FEATURES, WIDTH, DEPTH = 256, 8, 64, 6
keras.utils.set_random_seed(0)
standardized = keras.random.normal((SAMPLES, FEATURES))
SCALES = {"narrow": 0.1, "standardized": 1.0, "wide": 10.0}  # std of every input feature
# PyTorch's kaiming_normal_ and xavier_normal_(gain=5/3), untruncated as there; zero biases.
INITIALIZERS = {
    "ReLU": lambda: keras.initializers.VarianceScaling(2.0, "fan_in", "untruncated_normal"),
    "tanh": lambda: keras.initializers.VarianceScaling((5 / 3) ** 2, "fan_avg", "untruncated_normal"),
}


def layers_for(activation):
    """DEPTH hidden layers with the initialization that matches the activation."""
    keras.utils.set_random_seed(1)  # the same weights for every input scale
    linears = [keras.layers.Dense(WIDTH, kernel_initializer=INITIALIZERS[activation]())
               for _ in range(DEPTH)]
    return linears, keras.layers.Dense(1)


first_layer_slope = {}  # mean of φ'(z) over the first hidden layer's units and samples
first_over_last = {}  # ‖∂(sum of outputs)/∂z_1‖ ÷ ‖∂(sum of outputs)/∂z_6‖, pre-activations
for activation in ("ReLU", "tanh"):
    phi = keras.ops.relu if activation == "ReLU" else keras.ops.tanh
    for scale_name, scale in SCALES.items():
        linears, head = layers_for(activation)
        with tf.GradientTape() as tape:
            hidden, pre_activations = scale * standardized, []
            for linear in linears:
                pre_activation = linear(hidden)
                tape.watch(pre_activation)
                pre_activations.append(pre_activation)
                hidden = phi(pre_activation)
            output_sum = keras.ops.sum(head(hidden))  # the gradient flow itself, free of any target
        grads = tape.gradient(output_sum, [pre_activations[0], pre_activations[-1]])
        z_first = pre_activations[0].numpy()
        name = f"{activation}, {scale_name}"
        slope = (z_first > 0) if activation == "ReLU" else 1 - np.tanh(z_first) ** 2
        first_layer_slope[name] = float(slope.mean())
        first_over_last[name] = float(np.linalg.norm(grads[0]) / np.linalg.norm(grads[1]))

print(f"{'':<20}{'slope, layer 1':>16}{'grad z_1 / z_6':>16}")
for name in first_layer_slope:
    print(f"{name:<20}{first_layer_slope[name]:>16.3f}{first_over_last[name]:>16.3f}")

# ReLU is positively homogeneous: scaling the input scales every layer alike, so its
# spread changes neither which units are active nor how the gradient flows.
for values in (first_layer_slope, first_over_last):
    relu = [values[f"ReLU, {s}"] for s in SCALES]
    assert max(relu) / min(relu) < 1.0001
# tanh is not: wide inputs flatten its first layer, narrow ones keep it in its linear range.
assert first_layer_slope["tanh, wide"] < 0.3 < first_layer_slope["tanh, standardized"]
assert first_layer_slope["tanh, narrow"] > 0.95  # tanh(z) ≈ z: the layer is close to linear
assert first_over_last["tanh, wide"] < 0.5 * first_over_last["tanh, standardized"]
