import math

import keras
import numpy as np
import tensorflow as tf

# 1. Floating-point numbers have a largest finite value; past it, results are inf.
for dtype in (tf.float32, tf.bfloat16, tf.float16):
    print(f"{dtype.name:<9} largest finite {float(dtype.max):.5g}")
assert 3.40e38 < float(tf.float32.max) < 3.41e38
assert 3.38e38 < float(tf.bfloat16.max) < 3.40e38  # float32's range, fewer digits
assert float(tf.float16.max) == 65504
assert keras.ops.isinf(keras.ops.convert_to_tensor(65504.0, dtype="float16") * 2)
# Small numbers run out too: float16's smallest positive value is 2^-24, about 6e-8.
assert np.nextafter(np.float16(0), np.float16(1)) == 2.0**-24
assert keras.ops.convert_to_tensor(2.0**-26, dtype="float16") == 0  # smaller values round to 0

# Once there is an inf, NaN follows: inf - inf and inf * 0 have no value.
inf = keras.ops.convert_to_tensor(math.inf)
print("inf - inf =", float(inf - inf), "  inf * 0 =", float(inf * 0))
assert keras.ops.isnan(inf - inf) and keras.ops.isnan(inf * 0)


# 2. The deep linear chain of 30 layers, in float32 and in float16.
def chain_of(weight, dtype, layers=30):
    constant = keras.initializers.Constant(weight)
    return keras.Sequential([
        keras.layers.Dense(1, use_bias=False, kernel_initializer=constant, dtype=dtype)
        for _ in range(layers)
    ])


# Weight 1.5, on a batch of two inputs, 0.001 and 0 (think of a ReLU that is off).
results = {}
for dtype in ("float32", "float16"):
    chain = chain_of(1.5, dtype)
    inputs = keras.ops.convert_to_tensor([[0.001], [0.0]], dtype=dtype)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        output = chain(inputs)
        total = keras.ops.sum(output)
    input_grad, *kernel_grads = tape.gradient(total, [inputs, *chain.trainable_variables])
    optimizer = keras.optimizers.SGD(learning_rate=0.01)
    optimizer.apply_gradients(zip(kernel_grads, chain.trainable_variables))  # one step
    results[dtype] = {
        "output": float(output[0, 0]),  # 0.001 * 1.5^30 = 192
        "dy/dx": float(input_grad[0, 0]),  # 1.5^30 = 1.9e5
        "first-layer weight gradient": float(kernel_grads[0][0, 0]),
        "output after one step": float(chain(inputs)[0, 0]),
    }
    print(dtype, results[dtype])

float32, float16 = results["float32"], results["float16"]
assert all(math.isfinite(value) for value in float32.values())
assert abs(float32["dy/dx"] - 1.5**30) < 1e-4 * 1.5**30
assert abs(float32["first-layer weight gradient"] - 0.001 * 1.5**29) < 1e-3  # 127.8
assert float32["output after one step"] < 1e-20  # finite, but one step wrecked the chain
assert abs(float16["output"] - 192) < 1  # in float16 the forward pass is fine,
assert float16["dy/dx"] == math.inf  # the gradient overflows,
assert math.isnan(float16["first-layer weight gradient"])  # inf * 0 = NaN,
assert math.isnan(float16["output after one step"])  # and after one step, NaN is everywhere.

# Weight 0.5: dy/dx = 0.5^30, about 9.3e-10, which float16 cannot hold: it becomes 0.
vanishing_gradient = {}
for dtype in ("float32", "float16"):
    inputs = keras.ops.ones((1, 1), dtype=dtype)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        total = keras.ops.sum(chain_of(0.5, dtype)(inputs))
    vanishing_gradient[dtype] = float(tape.gradient(total, inputs)[0, 0])
print("w = 0.5, dy/dx:", vanishing_gradient)
assert abs(vanishing_gradient["float32"] - 0.5**30) < 1e-6 * 0.5**30
assert vanishing_gradient["float16"] == 0
