import math
import statistics

import keras
import tensorflow as tf

DEPTH, WIDTH, BATCH, STEPS = 8, 64, 256, 5
keras.utils.set_random_seed(0)
inputs, targets = keras.random.normal((BATCH, WIDTH)), keras.random.normal((BATCH, 1))


def make_mlp(activation, weight_std):
    hidden = [keras.layers.Dense(WIDTH, activation=activation,
                                 kernel_initializer=keras.initializers.RandomNormal(stddev=weight_std))
              for _ in range(DEPTH)]
    head = keras.layers.Dense(
        1, kernel_initializer=keras.initializers.RandomNormal(stddev=math.sqrt(1 / WIDTH)))
    return keras.Sequential([keras.Input((WIDTH,)), *hidden, head])


def update_ratio_per_layer(model, optimizer):
    """‖ΔW‖ / ‖W‖ of every kernel over one optimizer step."""
    kernels = [layer.kernel for layer in model.layers]
    before = [keras.ops.copy(kernel) for kernel in kernels]
    with tf.GradientTape() as tape:
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets, model(inputs)))
    optimizer.apply(tape.gradient(loss, model.trainable_variables), model.trainable_variables)
    ratios = [keras.ops.norm(kernel - old) / keras.ops.norm(old)
              for kernel, old in zip(kernels, before)]
    return keras.ops.convert_to_numpy(keras.ops.stack(ratios)).tolist()  # one transfer


CONFIGS = {  # name: (activation, std of the hidden weights, optimizer, learning rate)
    "healthy, Adam 1e-3": ("relu", math.sqrt(2 / WIDTH), keras.optimizers.Adam, 1e-3),
    "healthy, Adam 1e-1": ("relu", math.sqrt(2 / WIDTH), keras.optimizers.Adam, 1e-1),
    "vanishing, SGD 1e-2": ("sigmoid", math.sqrt(1 / WIDTH), keras.optimizers.SGD, 1e-2),
    "vanishing, Adam 1e-3": ("sigmoid", math.sqrt(1 / WIDTH), keras.optimizers.Adam, 1e-3),
}
update_ratio = {}
for name, (activation, weight_std, optimizer_class, learning_rate) in CONFIGS.items():
    keras.utils.set_random_seed(1)
    model = make_mlp(activation, weight_std)
    optimizer = optimizer_class(learning_rate=learning_rate)
    per_step = [update_ratio_per_layer(model, optimizer) for _ in range(STEPS)]
    update_ratio[name] = [statistics.median(layer) for layer in zip(*per_step)]  # per layer
    print(f"{name:<22}" + " ".join(f"{ratio:.0e}" for ratio in update_ratio[name]))

assert all(1e-3 < ratio < 1e-2 for ratio in update_ratio["healthy, Adam 1e-3"])  # the rule of thumb
assert all(ratio > 5e-2 for ratio in update_ratio["healthy, Adam 1e-1"])  # 100x too fast
# SGD moves layer 1 of the vanishing net less than a millionth per step: it is frozen.
assert update_ratio["vanishing, SGD 1e-2"][0] < 1e-6 < 1e-4 < update_ratio["vanishing, SGD 1e-2"][-1]
# Adam divides each gradient by its running RMS (plus a small epsilon): layer 1 moves
# 10,000x more than with SGD, and the update ratio no longer shows the vanishing gradient.
adam_layer_1, sgd_layer_1 = update_ratio["vanishing, Adam 1e-3"][0], update_ratio["vanishing, SGD 1e-2"][0]
assert adam_layer_1 > 1e-4 and adam_layer_1 > 1e4 * sgd_layer_1
