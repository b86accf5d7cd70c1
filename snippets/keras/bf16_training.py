import keras
import numpy as np
import tensorflow as tf

# The same regression trained twice with SGD: once with bfloat16 weights (the
# "bfloat16" dtype policy), once with float32 weights and bfloat16 compute
# ("mixed_bfloat16"). Data from NumPy: exactly the numbers the PyTorch tab uses.
rng = np.random.default_rng(0)
inputs = rng.normal(size=(512, 32)).astype("float32")
teacher = rng.normal(size=(32, 1)) / np.sqrt(32)
targets = np.tanh(2 * inputs @ teacher).astype("float32")


def make_model(policy):
    keras.utils.set_random_seed(0)
    return keras.Sequential([
        keras.Input(shape=(32,)),
        keras.layers.Dense(64, activation="tanh", dtype=policy),  # Glorot, zero bias
        keras.layers.Dense(64, activation="tanh", dtype=policy),
        keras.layers.Dense(1, dtype=policy),
    ])


def train(policy, steps=200):
    """Loss per step, and per step the share of nonzero gradients whose weight did not move."""
    model = make_model(policy)
    # Initializers draw other numbers in bfloat16: start both runs from the float32 draw.
    model.set_weights(make_model("float32").get_weights())
    optimizer = keras.optimizers.SGD(learning_rate=0.05)
    mean_squared_error = keras.losses.MeanSquaredError()  # computes in float32

    @tf.function
    def train_step():
        with tf.GradientTape() as tape:
            loss = mean_squared_error(targets, model(inputs))
        grads = tape.gradient(loss, model.trainable_variables)
        before = [tf.identity(variable) for variable in model.trainable_variables]
        optimizer.apply(grads, model.trainable_variables)
        moved = nonzero = 0
        for grad, variable, old in zip(grads, model.trainable_variables, before):
            has_update = grad != 0
            nonzero += tf.reduce_sum(tf.cast(has_update, "int32"))
            moved += tf.reduce_sum(tf.cast(has_update & (variable != old), "int32"))
        return loss, 1 - moved / nonzero

    losses, lost = [], []
    for step in range(steps):
        loss, lost_share = train_step()
        losses.append(float(loss))
        lost.append(float(lost_share))
    return losses, lost


loss_per_step, lost_per_step = {}, {}
for name, policy in (("float32 master weights", "mixed_bfloat16"),
                     ("bfloat16 weights", "bfloat16")):
    loss_per_step[name], lost_per_step[name] = train(policy)
    print(f"{name:>22}: loss {loss_per_step[name][0]:.3f} -> {loss_per_step[name][-1]:.4f}, "
          f"updates lost: {np.mean(lost_per_step[name]):.1%} of all, "
          f"{lost_per_step[name][-1]:.0%} in the last step")

mean_lost = {name: float(np.mean(lost)) for name, lost in lost_per_step.items()}
final_loss = {name: losses[-1] for name, losses in loss_per_step.items()}
assert mean_lost["bfloat16 weights"] > 0.5  # most SGD updates vanish in rounding
assert mean_lost["float32 master weights"] < 0.01
assert final_loss["bfloat16 weights"] > 1.3 * final_loss["float32 master weights"]
