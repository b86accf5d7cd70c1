import math

import keras
import numpy as np

keras.utils.set_random_seed(0)
FAN_IN = FAN_OUT = 128

# What Dense does when you do not choose: glorot_uniform kernel, zero bias.
default_layer = keras.layers.Dense(FAN_OUT)
default_layer.build((None, FAN_IN))
default_kernel = keras.ops.convert_to_numpy(default_layer.kernel)
default_bias = keras.ops.convert_to_numpy(default_layer.bias)
default_weight_variance_x_fan_in = float(default_kernel.var()) * FAN_IN
print(f"default kernel: {default_layer.kernel_initializer.__class__.__name__}, "
      f"variance x fan_in = {default_weight_variance_x_fan_in:.3f} "
      f"(2 fan_in / (fan_in + fan_out) = 1)")
print(f"default bias: {default_layer.bias_initializer.__class__.__name__}, "
      f"largest |b| = {np.abs(default_bias).max()}")
assert isinstance(default_layer.kernel_initializer, keras.initializers.GlorotUniform)
assert 0.95 < default_weight_variance_x_fan_in < 1.05
assert not default_bias.any()  # every bias is exactly 0

# Keras has no calculate_gain: the gain squared is VarianceScaling's `scale`.
# HeNormal is VarianceScaling(scale=2.0, mode="fan_in", distribution="truncated_normal"):
# a normal cut at 2 of its std, rescaled so that the variance is still 2 / fan_in.
he_normal = keras.initializers.HeNormal(seed=0)
assert isinstance(he_normal, keras.initializers.VarianceScaling)
assert (he_normal.scale, he_normal.mode, he_normal.distribution) == (
    2.0, "fan_in", "truncated_normal")
he_kernel = keras.ops.convert_to_numpy(he_normal((FAN_IN, FAN_OUT)))
he_std = math.sqrt(2 / FAN_IN)
he_variance_x_fan_in = float(he_kernel.var()) * FAN_IN
he_largest_in_stds = float(np.abs(he_kernel).max()) / he_std
print(f"HeNormal: variance x fan_in = {he_variance_x_fan_in:.3f}, "
      f"largest |w| = {he_largest_in_stds:.2f} std")
assert 1.9 < he_variance_x_fan_in < 2.1
assert he_largest_in_stds < 2 / 0.8796 + 1e-3  # truncated: 2 / 0.8796 = 2.27 std at most

# Changing the default: name the initializer on each layer.
model = keras.Sequential([
    keras.Input((FAN_IN,)),
    keras.layers.Dense(FAN_OUT, activation="relu", kernel_initializer="he_normal"),
    keras.layers.Dense(FAN_OUT, activation="relu", kernel_initializer="he_normal"),
    keras.layers.Dense(10, kernel_initializer="he_normal"),
])
model_variance_x_fan_in = [
    float(keras.ops.convert_to_numpy(layer.kernel).var()) * layer.kernel.shape[0]
    for layer in model.layers
]
print("with kernel_initializer='he_normal': variance x fan_in =",
      [round(value, 2) for value in model_variance_x_fan_in])
assert all(1.8 < value < 2.2 for value in model_variance_x_fan_in)
