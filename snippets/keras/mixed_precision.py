import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

# float16's range; bfloat16 keeps float32's exponent range with fewer mantissa bits.
float16 = np.finfo(np.float16)
assert float16.max == 65504 and float16.smallest_normal == 2.0**-14  # about 6.1e-5
assert float16.smallest_subnormal == 2.0**-24  # about 6e-8; at or below half of it, values round to 0
assert keras.ops.cast(2.0**-24, "float16") > 0 and keras.ops.cast(2.0**-25, "float16") == 0
assert tf.bfloat16.max > 3.38e38 and tf.float32.max > 3.40e38  # both about 3.4e38
assert keras.ops.cast(1e-37, "bfloat16") > 0  # float16 cannot go below 6e-8
# Precision: float16 keeps 10 mantissa bits, bfloat16 only 7.
assert keras.ops.cast(1 + 2.0**-10, "float16") > 1 and keras.ops.cast(1 + 2.0**-11, "float16") == 1
assert keras.ops.cast(1 + 2.0**-7, "bfloat16") > 1 and keras.ops.cast(1 + 2.0**-8, "bfloat16") == 1

# A realistic gradient: a digits classifier, 50 full-batch Adam steps into training.
keras.utils.set_random_seed(0)
digits = load_digits()
images, labels = (digits.data / 16).astype("float32"), digits.target
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(64), keras.layers.ReLU(),  # Glorot weights, zero biases
    keras.layers.Dense(64), keras.layers.ReLU(),
    keras.layers.Dense(64), keras.layers.ReLU(),
    keras.layers.Dense(10),
])
cross_entropy = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=0.01)


@tf.function  # compiled once, so the 50 tiny steps do not run eagerly
def train_step():
    with tf.GradientTape() as tape:
        loss = cross_entropy(labels, model(images))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply(grads, model.trainable_variables)


for step in range(50):
    train_step()

with tf.GradientTape(persistent=True) as tape:
    hidden, outputs = keras.ops.convert_to_tensor(images), []
    for layer in model.layers:
        hidden = layer(hidden)
        if isinstance(layer, keras.layers.Dense):
            outputs.append(hidden)  # each layer's output z: the gradients that flow back
    loss = cross_entropy(labels, hidden)
    scaled_loss = loss * 2.0**16
activation_grads = tape.gradient(loss, outputs)
gradient = keras.ops.concatenate([keras.ops.reshape(grad, (-1,)) for grad in activation_grads])
gradient = gradient[gradient != 0]  # ReLU's exact zeros are not lost to float16
print(f"loss {float(loss):.3f}; {gradient.shape[0]} nonzero activation gradients, "
      f"|g| from {float(keras.ops.min(abs(gradient))):.1e} "
      f"to {float(keras.ops.max(abs(gradient))):.1e}")

# Multiplying the LOSS by S = 2**k multiplies every gradient by exactly S.
scaled_grads = tape.gradient(scaled_loss, outputs)
assert all(np.array_equal(scaled, 2.0**16 * grad)
           for scaled, grad in zip(scaled_grads, activation_grads))


def fraction(condition):
    return float(keras.ops.mean(keras.ops.cast(condition, "float32")))


# What float16 keeps of S * gradient, for S = 2**0 ... 2**32.
scale_exponents = list(range(0, 33, 2))
lost_to_zero, lost_to_inf = [], []
for k in scale_exponents:
    in_float16 = keras.ops.cast(gradient * 2.0**k, "float16")
    lost_to_zero.append(fraction(in_float16 == 0))
    lost_to_inf.append(fraction(keras.ops.isinf(in_float16)))
    print(f"S = 2**{k:<2}  underflow to 0: {lost_to_zero[-1]:7.2%}"
          f"   overflow to inf: {lost_to_inf[-1]:6.2%}")

at = dict(zip(scale_exponents, zip(lost_to_zero, lost_to_inf)))
assert at[0][0] > 0.3  # unscaled: more than 30 % becomes exactly 0
assert at[16][0] < at[0][0] / 5 and at[16][1] == 0  # S = 2**16: mostly kept, and no inf
assert at[24][1] == 0 and at[32][1] > 0.01  # too large a scale overflows
# Unscaling in float32 gives back the gradient to float16 precision (2**-11 relative).
recovered = keras.ops.cast(keras.ops.cast(gradient * 2.0**16, "float16"), "float32") / 2.0**16
normal = abs(gradient) * 2.0**16 >= float16.smallest_normal
assert np.allclose(recovered[normal], gradient[normal], rtol=2.0**-11, atol=0)

# bfloat16 needs no scaling: nothing underflows, at a cost in precision (2**-8 relative).
in_bfloat16 = keras.ops.cast(gradient, "bfloat16")
bfloat16_lost = fraction(in_bfloat16 == 0)
print(f"bfloat16, no scaling: underflow to 0: {bfloat16_lost:.2%}")
assert bfloat16_lost == 0
assert np.allclose(keras.ops.cast(in_bfloat16, "float32"), gradient, rtol=2.0**-8, atol=0)
