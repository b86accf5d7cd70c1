import keras
import numpy as np
import tensorflow as tf

# Every TensorFlow op now checks its output and raises at the first inf or NaN, naming
# the op, in the forward and in the backward pass (slow: for debugging only).
tf.debugging.enable_check_numerics()

# Demo: log() of a negative input gives NaN inside the second layer.
keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4),
                          keras.layers.Lambda(keras.ops.log, name="log"),
                          keras.layers.Dense(1)])
inputs = np.random.default_rng(0).standard_normal((8, 4)).astype("float32")
try:
    model(inputs)
    error_message = None
except tf.errors.InvalidArgumentError as error:
    error_message = error.message
tf.debugging.disable_check_numerics()
print(error_message.splitlines()[0] if error_message else "no NaN found")

assert "Log" in error_message and "NaN" in error_message
