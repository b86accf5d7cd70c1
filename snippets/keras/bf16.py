import keras
import numpy as np
import tensorflow as tf

# bfloat16 keeps float32's 8 exponent bits and only 7 of its 23 mantissa bits.
assert keras.ops.cast(2.0**-126, "bfloat16") == 2.0**-126  # float32's smallest normal
assert keras.ops.cast(2.0**-25, "float16") == 0  # float16 stops near 6e-8
assert keras.ops.cast(1 + 2.0**-7, "bfloat16") > 1 and keras.ops.cast(1 + 2.0**-8, "bfloat16") == 1
assert keras.ops.cast(1 + 2.0**-10, "float16") > 1 and keras.ops.cast(1 + 2.0**-11, "float16") == 1

# Range. A realistic small gradient: the gradient of a mean cross-entropy over
# 1,024 tokens with respect to the logits of a 4,096-word vocabulary,
# (softmax(z) - onehot(y)) / tokens -- most entries are tiny probabilities / 1,024.
# Random numbers from NumPy, so that the PyTorch tab uses exactly the same ones.
rng = np.random.default_rng(0)
tokens, vocabulary = 1024, 4096
logits = tf.constant(rng.normal(scale=3, size=(tokens, vocabulary)), dtype="float32")
next_words = rng.integers(vocabulary, size=tokens)
cross_entropy = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
with tf.GradientTape() as tape:
    tape.watch(logits)
    loss = cross_entropy(next_words, logits)
logit_grad = tape.gradient(loss, logits)
print(f"|gradient| from {float(keras.ops.min(abs(logit_grad))):.1e} "
      f"to {float(keras.ops.max(abs(logit_grad))):.1e}")


def share(condition):
    return float(keras.ops.mean(keras.ops.cast(condition, "float32")))


underflow = {name: share(keras.ops.cast(logit_grad, name) == 0)
             for name in ("float16", "bfloat16")}
print(f"logit gradients that become 0: float16 {underflow['float16']:.1%}, "
      f"bfloat16 {underflow['bfloat16']:.1%}")
assert underflow["float16"] > 0.2  # float16 needs loss scaling
assert underflow["bfloat16"] == 0  # bfloat16 needs none

# Precision. w + dw == w once |dw| is below half a unit in the last place of w:
# with 8 significant bits, an update under 2**-9 of the weight is always lost.
keras.utils.set_random_seed(0)
weights = keras.initializers.GlorotUniform()((256, 256))
signs = rng.choice([-1.0, 1.0], size=(256, 256)).astype("float32")


def fraction_lost(dtype, relative_update):
    """Share of weights that do not move when the update is relative_update * |w|."""
    stored = keras.ops.cast(weights, dtype)
    update = keras.ops.cast(relative_update * abs(keras.ops.cast(stored, "float32")) * signs,
                            dtype)
    return share((stored + update) == stored)


update_exponents = list(range(-26, -4))  # relative update sizes 2**-26 ... 2**-5
lost_updates = {name: [fraction_lost(name, 2.0**k) for k in update_exponents]
                for name in ("bfloat16", "float16", "float32")}
lost_at = {name: dict(zip(update_exponents, lost)) for name, lost in lost_updates.items()}
print("updates lost at |dw| = 2**-10 |w|: " + ", ".join(
    f"{name} {lost[-10]:.0%}" for name, lost in lost_at.items()))
# A thousandth of the weight, about the update ratio CS231n's notes suggest, lies
# between 2**-10 and 2**-9: bfloat16 weights drop every such update, float16 almost none
# (under 0.1 %), float32 none.
thousandth = {name: fraction_lost(name, 1e-3) for name in ("bfloat16", "float16", "float32")}
print("updates of 1e-3 |w| lost: " + ", ".join(
    f"{name} {lost:.0%}" for name, lost in thousandth.items()))
# (float16 loses the few subnormal weights, below 6.1e-5, whose spacing is fixed at 2**-24.)
assert thousandth["bfloat16"] == 1 and thousandth["float16"] < 1e-3 and thousandth["float32"] == 0
assert all(lost_at["bfloat16"][k] == 1 for k in range(-26, -8))
assert all(lost_at["bfloat16"][k] == 0 for k in range(-7, -4))
assert all(lost_at["float16"][k] > 0.99 for k in range(-26, -11))
assert all(lost_at["float16"][k] < 1e-3 for k in range(-10, -4))
assert all(lost_at["float32"][k] == 1 for k in range(-26, -24))
assert all(lost_at["float32"][k] == 0 for k in range(-23, -4))
