import math

import keras
import numpy as np
import tensorflow as tf

DEPTH, WIDTH, BATCH, STEPS = 8, 64, 128, 100
PEAK_LEARNING_RATE, WARMUP_STEPS, FINAL_FRACTION = 0.03, 50, 0.1

keras.utils.set_random_seed(0)
teacher = keras.random.normal((WIDTH, 1)) / math.sqrt(WIDTH)
inputs = keras.random.normal((STEPS, BATCH, WIDTH))
targets = inputs @ teacher

initial_network = keras.Sequential(
    [keras.Input((WIDTH,))]
    + [keras.layers.Dense(WIDTH, activation="relu", kernel_initializer=keras.initializers
                          .VarianceScaling(2.0, "fan_in", "untruncated_normal"))
       for _ in range(DEPTH)]
    + [keras.layers.Dense(1, kernel_initializer=keras.initializers
                          .VarianceScaling(1.0, "fan_in", "untruncated_normal"))])


def schedule(warmup_steps):
    """Linear warm-up from 0, then cosine decay to FINAL_FRACTION of the peak."""
    if warmup_steps == 0:
        return keras.optimizers.schedules.CosineDecay(
            PEAK_LEARNING_RATE, decay_steps=STEPS, alpha=FINAL_FRACTION)
    return keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=STEPS - warmup_steps, alpha=FINAL_FRACTION,
        warmup_target=PEAK_LEARNING_RATE, warmup_steps=warmup_steps)


def train(warmup_steps):
    """Losses, and each step's median |update| divided by that step's learning rate."""
    network = keras.models.clone_model(initial_network)
    network.set_weights(initial_network.get_weights())
    learning_rate = schedule(warmup_steps)
    optimizer = keras.optimizers.Adam(learning_rate, epsilon=1e-8)  # PyTorch's default
    optimizer.build(network.trainable_weights)  # before tracing, so it traces once

    @tf.function
    def train_step(step_inputs, step_targets):
        with tf.GradientTape() as tape:
            loss = keras.ops.mean((network(step_inputs) - step_targets) ** 2)
        optimizer.apply_gradients(zip(tape.gradient(loss, network.trainable_weights),
                                      network.trainable_weights))
        return loss

    losses, update_in_learning_rates = [], []
    for step in range(STEPS):
        # Without warm-up step 0, with it the first step at the peak rate; and the last step.
        measured = step in (warmup_steps, STEPS - 1)
        before = network.get_weights() if measured else None
        losses.append(train_step(inputs[step], targets[step]))
        if measured:
            update = np.concatenate([(new - old).ravel() for new, old
                                     in zip(network.get_weights(), before)])
            update_in_learning_rates.append(
                float(np.median(np.abs(update))) / float(learning_rate(step)))
    losses = [float(loss) for loss in losses]
    return losses, update_in_learning_rates


losses, update_size = {}, {}
for name, warmup_steps in (("no warm-up", 0), ("warm-up", WARMUP_STEPS)):
    losses[name], update_size[name] = train(warmup_steps)
initial_loss = losses["no warm-up"][0]
worst_loss_ratio = {name: max(run) / initial_loss for name, run in losses.items()}
final_loss = {name: sum(run[-10:]) / 10 for name, run in losses.items()}
first_update, late_update = update_size["no warm-up"][0], update_size["no warm-up"][-1]

print(f"initial loss {initial_loss:.3f}")
for name in losses:
    print(f"{name:>11}: worst loss {worst_loss_ratio[name]:8.1f} x initial, "
          f"final loss {final_loss[name]:.4f}")
print(f"Adam's median |update| / learning rate: step 1 {first_update:.2f}, "
      f"step {STEPS} {late_update:.2f}")

# Adam's first step is sign(g) * learning rate for every weight (the second-moment estimate
# is one sample), so its median |update| is one learning rate, more than later steps.
assert 0.99 < first_update <= 1.0 and late_update < 0.7 * first_update
# At the peak learning rate from step 1, those first steps blow the loss up ...
assert worst_loss_ratio["no warm-up"] > 10
# ... while the same peak reached after a linear warm-up never doubles it,
assert worst_loss_ratio["warm-up"] < 2
# and the run that blew up ends worse.
assert final_loss["no warm-up"] > final_loss["warm-up"]
