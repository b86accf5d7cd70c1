import math

import keras
import tensorflow as tf

LEARNING_RATE = 1e-3
gradient_sizes = [10.0 ** (exponent / 2) for exponent in range(-28, 5)]  # 1e-14 ... 1e2


def first_update(optimizer, gradient):
    """The first update of weights that start at zero, in learning rates."""
    weights = keras.Variable(keras.ops.zeros(len(gradient)))
    optimizer(learning_rate=LEARNING_RATE).apply_gradients(
        [(keras.ops.convert_to_tensor(gradient), weights)])
    return (-keras.ops.convert_to_numpy(weights) / LEARNING_RATE).tolist()


update_per_gradient = {
    name: first_update(optimizer, gradient_sizes)
    for name, optimizer in (("SGD", keras.optimizers.SGD), ("Adam", keras.optimizers.Adam),
                            ("RMSprop", keras.optimizers.RMSprop))
}

# 1. Where the rescaling stops: the defaults, and the update they predict.
adam_defaults, rmsprop_defaults = keras.optimizers.Adam(), keras.optimizers.RMSprop()
assert adam_defaults.epsilon == 1e-7 and adam_defaults.beta_2 == 0.999
assert rmsprop_defaults.epsilon == 1e-7 and rmsprop_defaults.rho == 0.9
for g, adam, rmsprop in zip(gradient_sizes, update_per_gradient["Adam"],
                            update_per_gradient["RMSprop"]):
    # Keras adds epsilon to sqrt(v) before the bias correction, so on the first step it
    # weighs 1 / sqrt(1 - beta_2) = 31.6 times more; and RMSprop adds it under the root.
    assert math.isclose(adam, g / (g + 1e-7 / math.sqrt(1 - 0.999)), rel_tol=1e-3)
    assert math.isclose(rmsprop, g / math.sqrt((1 - 0.9) * g**2 + 1e-7), rel_tol=1e-3)
update_at_1e_minus_10 = update_per_gradient["Adam"][gradient_sizes.index(1e-10)]
print(f"Adam, gradient 1e-10: update = {update_at_1e_minus_10:.2e} x learning rate")
assert update_at_1e_minus_10 < 0.02  # about 0.003% of a learning rate

# 2. Gradients that are not ordinary numbers.
weights = keras.Variable([1.0, 1.0, 1.0])
adam = keras.optimizers.Adam(learning_rate=LEARNING_RATE)
bad_gradient = keras.ops.convert_to_tensor([1e30, math.inf, math.nan])  # 1e30**2 overflows
adam.apply_gradients([(bad_gradient, weights)])
after_bad_gradient = keras.ops.convert_to_numpy(weights).tolist()
for _ in range(10):  # ten ordinary steps afterwards
    adam.apply_gradients([(keras.ops.ones(3), weights)])
after_ten_good_steps = keras.ops.convert_to_numpy(weights).tolist()
print("Adam, gradients [1e30, inf, nan]:", after_bad_gradient, "->", after_ten_good_steps)
assert after_bad_gradient[0] == 1.0  # 1e30 / sqrt(inf): an update of 0 ...
assert math.isnan(after_ten_good_steps[0])  # ... and v = inf turns into NaN (inf - inf)
assert all(math.isnan(weight) for weight in after_bad_gradient[1:])  # inf, nan -> NaN weights

# 3. A network whose forward pass overflows: std-1 weights, 40 ReLU layers of 256.
keras.utils.set_random_seed(0)
too_large = keras.initializers.RandomNormal(stddev=1.0)  # should be sqrt(2 / 256): 11x smaller
exploding = keras.Sequential(
    [keras.Input((256,))]
    + [keras.layers.Dense(256, activation="relu", kernel_initializer=too_large)
       for _ in range(40)]
    + [keras.layers.Dense(1)])
adam = keras.optimizers.Adam(learning_rate=LEARNING_RATE)
with tf.GradientTape() as tape:
    predictions = exploding(keras.random.normal((64, 256)))
    loss = keras.ops.mean(keras.losses.mean_squared_error(keras.random.normal((64, 1)),
                                                          predictions))
grads = tape.gradient(loss, exploding.trainable_variables)
adam.apply_gradients(zip(grads, exploding.trainable_variables))
nan_weights = sum(int(keras.ops.sum(keras.ops.isnan(weight)))
                  for weight in exploding.trainable_variables)
all_weights = sum(int(keras.ops.size(weight)) for weight in exploding.trainable_variables)
print(f"Exploding network: loss = {float(loss)}, NaN weights after one Adam step: "
      f"{nan_weights / all_weights:.0%}")
assert not math.isfinite(float(loss))
assert nan_weights > 0.5 * all_weights
