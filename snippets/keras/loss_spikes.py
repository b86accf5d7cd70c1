import math

import keras
import numpy as np
import tensorflow as tf

WIDTH, BATCH, STEPS, BAD_STEP, LEARNING_RATE = 32, 64, 150, 100, 1e-2

keras.utils.set_random_seed(0)
teacher = np.random.default_rng(0).normal(size=(WIDTH, 1)) / math.sqrt(WIDTH)
inputs = keras.random.normal((STEPS * BATCH, WIDTH)).numpy()
targets = inputs @ teacher
inputs[BAD_STEP * BATCH:(BAD_STEP + 1) * BATCH] *= 100  # one corrupted batch


class GradNormModel(keras.Model):
    """Reports each batch's own loss and global gradient norm (not running means)."""

    def train_step(self, data):
        batch_inputs, batch_targets = data
        # As in Keras's own train_step: under "mixed_float16" the optimizer is a
        # LossScaleOptimizer, whose loss scale this is (1 otherwise).
        scale = self.optimizer.scale_loss(1.0)
        with tf.GradientTape() as tape:
            loss = keras.ops.mean((self(batch_inputs, training=True) - batch_targets) ** 2)
            scaled_loss = loss * scale
        gradients = tape.gradient(scaled_loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
        return {"loss": loss, "grad_norm": tf.linalg.global_norm(gradients) / scale}


class SpikeMonitor:
    """Running mean and variance (exponential) of a value; flags a value more than
    `threshold` standard deviations above the mean, after `warmup` steps of history."""

    def __init__(self, decay=0.95, threshold=6.0, warmup=20):
        self.decay, self.threshold, self.warmup = decay, threshold, warmup
        self.mean, self.variance, self.count = 0.0, 0.0, 0

    def is_spike(self, value):
        if self.count >= self.warmup and value > self.mean + self.threshold * math.sqrt(self.variance):
            return True  # a flagged value does not enter the statistics
        difference = value - self.mean
        self.mean += (1 - self.decay) * difference if self.count else difference
        self.variance = self.decay * (self.variance + (1 - self.decay) * difference ** 2)
        self.count += 1
        return False


class SpikeGuard(keras.callbacks.Callback):
    """Undoes a flagged step (the same as skipping it); with rollback=True restores
    the last good state instead, saved every 25 steps."""

    def __init__(self, rollback=False):
        super().__init__()
        self.rollback, self.flagged, self.losses = rollback, [], []
        self.loss_monitor, self.grad_monitor = SpikeMonitor(), SpikeMonitor()

    def state(self):
        return ([keras.ops.copy(v) for v in self.model.weights],
                [keras.ops.copy(v) for v in self.model.optimizer.variables])

    def restore(self, state):
        for variable, value in zip(self.model.weights + self.model.optimizer.variables,
                                   state[0] + state[1]):
            variable.assign(value)

    def on_train_begin(self, logs=None):
        self.good_state = self.state()

    def on_train_batch_begin(self, batch, logs=None):
        self.before_step = self.state()

    def on_train_batch_end(self, batch, logs=None):
        self.losses.append(float(logs["loss"]))
        spike = (self.loss_monitor.is_spike(math.log(float(logs["loss"])))
                 | self.grad_monitor.is_spike(math.log(float(logs["grad_norm"]))))
        if spike:
            self.flagged.append(batch)
            self.restore(self.good_state if self.rollback else self.before_step)
        elif batch % 25 == 0:
            self.good_state = self.state()


def build(global_clipnorm=None):
    keras.utils.set_random_seed(1)  # the same initial weights for every run
    layer_input = keras.Input((WIDTH,))
    hidden = keras.layers.Dense(WIDTH, activation="relu")(layer_input)
    hidden = keras.layers.Dense(WIDTH, activation="relu")(hidden)
    network = GradNormModel(layer_input, keras.layers.Dense(1)(hidden))
    network.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE,
                                                    global_clipnorm=global_clipnorm))
    network.optimizer.build(network.trainable_weights)  # before fit traces train_step
    return network


class Recorder(keras.callbacks.Callback):
    """Records each batch's loss and its gradient norm before any clipping."""

    def __init__(self):
        super().__init__()
        self.losses, self.grad_norms = [], []

    def on_train_batch_end(self, batch, logs=None):
        self.losses.append(float(logs["loss"]))
        self.grad_norms.append(float(logs["grad_norm"]))


RUNS = {"unguarded": (Recorder(), None), "skip": (SpikeGuard(), None),
        "rollback": (SpikeGuard(rollback=True), None),
        "clip at 1": (Recorder(), 1.0), "clip at 10": (Recorder(), 10.0)}  # no monitor
losses, flagged, clipped_steps, final_loss = {}, {}, {}, {}
for name, (callback, global_clipnorm) in RUNS.items():
    network = build(global_clipnorm)
    network.fit(inputs, targets, batch_size=BATCH, epochs=1, shuffle=False, verbose=0,
                callbacks=[callback])
    losses[name], flagged[name] = callback.losses, getattr(callback, "flagged", [])
    if global_clipnorm:
        clipped_steps[name] = [step for step, norm in enumerate(callback.grad_norms)
                               if norm > global_clipnorm]
    final_loss[name] = sum(losses[name][-20:]) / 20

for name in losses:
    print(f"{name:>10}: flagged steps {flagged[name]}, steps clipped "
          f"{len(clipped_steps.get(name, []))}, mean loss of the last 20 steps "
          f"{final_loss[name]:.4f}")

# The monitor flags the corrupted batch and nothing else.
assert flagged["skip"] == [BAD_STEP] and flagged["rollback"] == [BAD_STEP]
# Applied, that one batch costs the rest of the run: it ends over 3x worse than with the
# batch skipped; rolling back ends within 2x of skipping.
assert final_loss["unguarded"] > 3 * final_loss["skip"]
assert final_loss["rollback"] < 2 * final_loss["skip"]
# Clipping alone at 1 removes most of the damage;
# at 10, where it clips the corrupted step and no other, less.
assert final_loss["clip at 1"] < 2 * final_loss["skip"]
assert clipped_steps["clip at 10"] == [BAD_STEP]
assert 2 * final_loss["clip at 1"] < final_loss["clip at 10"] < final_loss["unguarded"] / 10
