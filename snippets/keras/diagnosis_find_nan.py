import keras
import tensorflow as tf

keras.utils.set_random_seed(0)
points = tf.Variable(keras.random.normal((4, 8)))
anchors = points + 0.1 * keras.random.normal((4, 8))
anchors = keras.ops.concatenate([points[:1], anchors[1:]])  # one point sits exactly on its anchor


def mean_distance():
    return keras.ops.mean(keras.ops.sqrt(keras.ops.sum((points - anchors) ** 2, axis=1)))


# Without help: the loss is finite, yet one row of the gradient is NaN. Which op made it?
with tf.GradientTape() as tape:
    loss = mean_distance()
grad = tape.gradient(loss, points)
print(f"loss {float(loss):.3f}; gradient rows with NaN: "
      f"{keras.ops.any(keras.ops.isnan(grad), axis=1).numpy().tolist()}")
assert keras.ops.all(keras.ops.isfinite(loss)) and keras.ops.all(keras.ops.isnan(grad[0]))

# check_numerics: every op, forward and backward, raises at its first inf or NaN output.
# Slow: debugging only, and global until disabled.
tf.debugging.enable_check_numerics()
try:
    with tf.GradientTape() as tape:
        loss = mean_distance()
    tape.gradient(loss, points)
except tf.errors.InvalidArgumentError as error:
    message = error.message
finally:
    tf.debugging.disable_check_numerics()
print(next(line for line in message.splitlines() if "Detected" in line))
assert 'Detected Infinity or NaN in output 0 of eagerly-executing op "SqrtGrad"' in message
assert "+Inf" in message  # it names the culprit: sqrt's gradient at 0 is inf
