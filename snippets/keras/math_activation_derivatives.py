import keras
import tensorflow as tf

# Autograd over a dense grid: 20001 points from -10 to 10 in steps of 0.001, z = 0 included.
z = keras.ops.arange(-10_000, 10_001, dtype="float64") / 1000
with tf.GradientTape(persistent=True) as tape:
    tape.watch(z)
    sigmoid, tanh = keras.ops.sigmoid(z), keras.ops.tanh(z)
sigmoid_derivative = keras.ops.convert_to_numpy(tape.gradient(sigmoid, z))
tanh_derivative = keras.ops.convert_to_numpy(tape.gradient(tanh, z))
z, sigmoid, tanh = (keras.ops.convert_to_numpy(values) for values in (z, sigmoid, tanh))

for name, derivative in (("sigmoid'", sigmoid_derivative), ("tanh'", tanh_derivative)):
    peak = derivative.argmax()
    print(f"{name:<9} max {derivative[peak]:.6f} at z = {z[peak]:.3f}, "
          f"at z = 10: {derivative[-1]:.2e}")

# The closed forms: sigma' = sigma (1 - sigma) and tanh' = 1 - tanh^2.
assert keras.ops.all(keras.ops.isclose(sigmoid_derivative, sigmoid * (1 - sigmoid)))
assert keras.ops.all(keras.ops.isclose(tanh_derivative, 1 - tanh**2))
# The bounds sigma' <= 1/4 and tanh' <= 1, reached at z = 0 and nowhere else on the grid.
for derivative, bound in ((sigmoid_derivative, 0.25), (tanh_derivative, 1.0)):
    assert derivative.max() == bound
    assert z[derivative == bound].tolist() == [0.0]
# Saturation: both derivatives are almost 0 far from the origin.
assert sigmoid_derivative[-1] < 1e-4 and tanh_derivative[-1] < 1e-8
