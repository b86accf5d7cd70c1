import math

import keras

DEPTH, WIDTH, BATCH = 50, 128, 256

INITIALIZERS = {  # name: makes a new initializer for each layer
    "N(0, 1)": lambda: keras.initializers.RandomNormal(mean=0.0, stddev=1.0),
    "LeCun": keras.initializers.LecunNormal,
    "Xavier": keras.initializers.GlorotNormal,
    "He": keras.initializers.HeNormal,
    "orthogonal × √2": lambda: keras.initializers.Orthogonal(gain=math.sqrt(2)),
    # What Dense uses when you do not choose (its bias starts at zero, like the others here).
    "framework default": lambda: keras.layers.Dense(WIDTH).kernel_initializer,
}


def measure(make_initializer):
    """Per layer: std of the ReLU output, and its spread across the batch."""
    keras.utils.set_random_seed(0)
    hidden, layer_outputs = keras.random.normal((BATCH, WIDTH)), []
    for _ in range(DEPTH):
        kernel = make_initializer()((WIDTH, WIDTH))
        hidden = keras.ops.relu(hidden @ kernel)  # zero bias; float32, as in training
        layer_outputs.append(hidden)
    # float64, so that the statistics cannot overflow
    outputs = keras.ops.cast(keras.ops.stack(layer_outputs), "float64")
    activation_std = keras.ops.std(outputs, axis=(1, 2))
    # How much a unit varies from input to input: 0 means the input is forgotten.
    batch_spread = keras.ops.mean(keras.ops.std(outputs, axis=1), axis=1)
    return (keras.ops.convert_to_numpy(activation_std).tolist(),
            keras.ops.convert_to_numpy(batch_spread).tolist())


activation_std_per_layer, batch_spread_per_layer = {}, {}
print(f"{'initialization':<20}{'std layer 1':>13}{'std layer 25':>14}{'std layer 50':>14}")
for name, make_initializer in INITIALIZERS.items():
    activation_std, batch_spread = measure(make_initializer)
    activation_std_per_layer[name], batch_spread_per_layer[name] = activation_std, batch_spread
    print(f"{name:<20}{activation_std[0]:>13.3g}{activation_std[24]:>14.3g}"
          f"{activation_std[-1]:>14.3g}")


def factor_per_layer(values, first, last):
    """Geometric-mean growth of values per layer, from layer `first` to `last` (1-based)."""
    return (values[last - 1] / values[first - 1]) ** (1 / (last - first))


naive = activation_std_per_layer["N(0, 1)"]
first_non_finite_layer = next(layer for layer, std in enumerate(naive, 1)
                              if not math.isfinite(std))
print(f"N(0, 1): x{factor_per_layer(naive, 1, 30):.2f} per layer, "
      f"inf/NaN in float32 from layer {first_non_finite_layer}")
assert 7 < factor_per_layer(naive, 1, 30) < 9  # sqrt(128 / 2) = 8 per layer
assert naive[34] > 1e30  # layer 35: astronomically large, still finite
assert 38 <= first_non_finite_layer <= 46  # then float32 overflows (max 3.4e38)
assert math.isnan(naive[-1])  # inf - inf = NaN: by layer 50 the output is NaN

lecun, xavier = activation_std_per_layer["LeCun"], activation_std_per_layer["Xavier"]
lecun_shrink = lecun[-1] / lecun[0]
print(f"LeCun: x{factor_per_layer(lecun, 1, 50):.3f} per layer, "
      f"x{lecun_shrink:.2g} from layer 1 to 50; Xavier x{xavier[-1] / xavier[0]:.2g}")
assert 0.66 < factor_per_layer(lecun, 1, 50) < 0.76  # 1/sqrt(2) = 0.707 per layer
assert 3e-9 < lecun_shrink < 3e-7  # 2**-24.5 = 4e-8
assert 0.66 < factor_per_layer(xavier, 1, 50) < 0.76  # square layers: the same variance

for name in ("He", "orthogonal × √2"):
    # No trend, but a random walk that widens with depth / width: hence the wide range
    assert all(0.05 < std < 20 for std in activation_std_per_layer[name]), name

# Keras's default is Glorot (Xavier) uniform with a zero bias: it collapses like Xavier.
default_std = activation_std_per_layer["framework default"]
print(f"default: x{factor_per_layer(default_std, 1, 50):.3f} per layer, "
      f"spread {batch_spread_per_layer['framework default'][-1]:.2g} at layer 50")
assert 0.66 < factor_per_layer(default_std, 1, 50) < 0.76
