import math

import keras
import numpy as np
import tensorflow as tf


class SpikeGuard:
    """Flags a step whose loss or gradient norm is far above its recent history.

    Keeps an exponential moving mean and variance of each (of accepted steps only, so a
    spike does not raise the bar for the next one) and flags a value more than
    `threshold` standard deviations above its mean, once `warmup` steps are seen."""

    def __init__(self, threshold=6.0, decay=0.95, warmup=20):
        self.threshold, self.decay, self.warmup = threshold, decay, warmup
        self.steps, self.mean, self.variance = 0, {}, {}

    def is_spike(self, **values):
        spike = not all(math.isfinite(value) for value in values.values()) or (
            self.steps >= self.warmup and any(
                value > self.mean[name] + self.threshold * math.sqrt(self.variance[name])
                for name, value in values.items()))
        if not spike:
            self.steps += 1
            for name, value in values.items():
                mean = self.mean.get(name, value)
                self.mean[name] = self.decay * mean + (1 - self.decay) * value
                self.variance[name] = self.decay * (self.variance.get(name, 0.0)
                                                    + (1 - self.decay) * (value - mean) ** 2)
        return spike


# Demo: 100 SGD steps of a regression; batch 60 is corrupted (targets x 100). model.fit
# cannot skip a step, so this is a custom loop: gradients first, the step only if accepted.
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="tanh"),
                          keras.layers.Dense(1)])
optimizer = keras.optimizers.SGD(learning_rate=0.05)
loss_function = keras.losses.MeanSquaredError()
true_weights = rng.standard_normal((8, 1)).astype("float32")


@tf.function
def loss_and_gradients(inputs, targets):
    with tf.GradientTape() as tape:
        loss = loss_function(targets, model(inputs, training=True))
    gradients = tape.gradient(loss, model.trainable_weights)
    return loss, gradients, tf.linalg.global_norm(gradients)


guard, skipped = SpikeGuard(), []
for step in range(100):
    inputs = rng.standard_normal((32, 8)).astype("float32")
    targets = inputs @ true_weights * (100 if step == 60 else 1)
    loss, gradients, grad_norm = loss_and_gradients(inputs, targets)
    if guard.is_spike(loss=float(loss), grad_norm=float(grad_norm)):
        skipped.append(step)  # drop this batch's gradient: no step
        continue
    optimizer.apply_gradients(zip(gradients, model.trainable_weights))
print(f"skipped steps: {skipped}; last loss {float(loss):.3f}")

assert skipped == [60]
