import math

import keras
import tensorflow as tf

STEPS, LEARNING_RATE = 50, 0.1  # the learning rate is deliberately too high
MAX_NORMS = {"no clipping": None, "max_norm=1": 1.0, "max_norm=0.1 (too tight)": 0.1}

# A smooth 1-D regression, features fixed, targets of order 10.
x = keras.ops.expand_dims(keras.ops.linspace(-2.0, 2.0, 256), axis=1)
features = keras.ops.concatenate(
    [x, x**2, keras.ops.sin(3 * x), keras.ops.cos(2 * x)], axis=1)
targets = 10 * keras.ops.sin(2 * x) + 10


def train(max_norm):
    """Full-batch SGD; per step: the loss, and the gradient norm BEFORE clipping."""
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input(shape=(4,))]
        + [keras.layers.Dense(32, activation="silu") for _ in range(4)]  # Glorot, zero bias
        + [keras.layers.Dense(1)])
    # global_clipnorm: one norm over all variables, like torch's clip_grad_norm_.
    optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE, global_clipnorm=max_norm)

    @tf.function  # compiled once per run, so the 50 tiny steps do not run eagerly
    def train_step():
        with tf.GradientTape() as tape:
            loss = keras.ops.mean(keras.losses.mean_squared_error(targets, model(features)))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply(grads, model.trainable_variables)  # clips inside apply()
        return loss, tf.linalg.global_norm(grads)  # the norm it saw, before clipping

    losses, grad_norms = [], []
    for step in range(STEPS):
        loss, grad_norm = train_step()
        losses.append(float(loss))
        if not math.isfinite(float(loss)):
            break  # diverged: every later step would be NaN
        grad_norms.append(float(grad_norm))
    return losses, grad_norms


loss_per_step, grad_norm_per_step = {}, {}
for name, max_norm in MAX_NORMS.items():
    loss_per_step[name], grad_norm_per_step[name] = train(max_norm)
    losses = loss_per_step[name]
    print(f"{name:<26} steps run: {len(losses):>2}   first loss {losses[0]:8.1f}"
          f"   last loss {losses[-1]:8.3g}")

unclipped, clipped = loss_per_step["no clipping"], loss_per_step["max_norm=1"]
too_tight = loss_per_step["max_norm=0.1 (too tight)"]
assert not math.isfinite(unclipped[-1])  # inf/NaN before the 50 steps are over
# The gradient norm passes 1e3 at least one step before the loss is inf or NaN.
first_norm_above_1e3 = next(step for step, norm in enumerate(grad_norm_per_step["no clipping"])
                            if norm > 1e3)
assert first_norm_above_1e3 <= len(unclipped) - 2
assert len(clipped) == STEPS and clipped[-1] < 0.2 * clipped[0]  # clipped: trains
assert too_tight[-1] > 0.8 * too_tight[0]  # too tight: has barely moved
assert too_tight[-1] > 5 * clipped[-1]
# Clipping acted on every step: the norm before clipping never fell to max_norm.
assert all(min(grad_norm_per_step[name]) > 5 * max_norm
           for name, max_norm in MAX_NORMS.items() if max_norm is not None)
