import keras
import numpy as np

SAMPLES, FEATURES, UNITS = 512, 16, 64
SATURATED = 0.99  # |tanh(z)| > 0.99 means tanh'(z) = 1 - tanh(z)² < 0.02

keras.utils.set_random_seed(0)
# Raw features on their own scales, like prices, counts and sensor readings:
# standard deviations from 1 to 1000, means from 0 to 500.
feature_std = np.logspace(0, 3, FEATURES)
feature_mean = np.linspace(0, 500, FEATURES)
raw_inputs = keras.random.normal((SAMPLES, FEATURES)) * feature_std + feature_mean
# Keras' own StandardScaler: a layer that learns mean and variance from the data.
standardize = keras.layers.Normalization()
standardize.adapt(raw_inputs)
standardized_inputs = standardize(raw_inputs)

first_layer = keras.layers.Dense(UNITS, kernel_initializer="glorot_normal")

saturated_fraction, mean_tanh_derivative = {}, {}
print(f"{'inputs':<14}{'std of z':>10}{'saturated':>11}{'mean tanh′(z)':>15}")
for name, inputs in (("raw", raw_inputs), ("standardized", standardized_inputs)):
    pre_activation = first_layer(inputs)
    activation = keras.ops.tanh(pre_activation)
    saturated = keras.ops.abs(activation) > SATURATED
    saturated_fraction[name] = float(keras.ops.mean(keras.ops.cast(saturated, "float32")))
    # tanh' is the factor by which each unit passes the gradient back to its weights.
    mean_tanh_derivative[name] = float(keras.ops.mean(1 - activation**2))
    print(f"{name:<14}{float(keras.ops.std(pre_activation)):>10.2f}"
          f"{saturated_fraction[name]:>11.1%}{mean_tanh_derivative[name]:>15.4f}")

assert saturated_fraction["raw"] > 0.95  # almost every unit saturated
assert mean_tanh_derivative["raw"] < 0.02
assert saturated_fraction["standardized"] < 0.01  # almost none
assert mean_tanh_derivative["standardized"] > 0.7
