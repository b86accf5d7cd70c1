import math

import keras
import tensorflow as tf

DEPTH, WIDTH, BATCH, STEPS, LEARNING_RATE = 8, 64, 256, 20, 0.01
keras.utils.set_random_seed(0)
inputs, targets = keras.random.normal((BATCH, WIDTH)), keras.random.normal((BATCH, 1))


def grad_norm_per_layer(variables, grads):
    """‖∂loss/∂θ‖ for every variable, from the gradients tape.gradient returned."""
    norms = keras.ops.stack([keras.ops.norm(grad) for grad in grads])
    paths = [variable.path for variable in variables]
    return dict(zip(paths, keras.ops.convert_to_numpy(norms).tolist()))  # one copy, not one per layer


def make_mlp(activation, weight_std):
    hidden = [keras.layers.Dense(WIDTH, activation=activation,
                                 kernel_initializer=keras.initializers.RandomNormal(stddev=weight_std))
              for _ in range(DEPTH)]
    head = keras.layers.Dense(
        1, kernel_initializer=keras.initializers.RandomNormal(stddev=math.sqrt(1 / WIDTH)))
    return keras.Sequential([keras.Input((WIDTH,)), *hidden, head])


NETS = {  # name: (activation, std of the hidden weights)
    "healthy": ("relu", math.sqrt(2 / WIDTH)),  # He
    "vanishing": ("sigmoid", math.sqrt(1 / WIDTH)),  # sigmoid, 8 layers deep
    "exploding": ("relu", 1.5 * math.sqrt(2 / WIDTH)),  # weights 1.5x too large
}
grad_norm_history, loss_history = {}, {}
for name, (activation, weight_std) in NETS.items():
    keras.utils.set_random_seed(1)
    model = make_mlp(activation, weight_std)
    optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE)
    grad_norm_history[name], loss_history[name] = [], []
    for step in range(STEPS):
        with tf.GradientTape() as tape:
            loss = keras.ops.mean(keras.losses.mean_squared_error(targets, model(inputs)))
        if not math.isfinite(float(loss)):
            break  # stop at the first inf/NaN loss, as keras.callbacks.TerminateOnNaN does
        grads = tape.gradient(loss, model.trainable_variables)
        grad_norms = grad_norm_per_layer(model.trainable_variables, grads)
        grad_norm_history[name].append([norm for path, norm in grad_norms.items() if path.endswith("kernel")])
        loss_history[name].append(float(loss))
        optimizer.apply(grads, model.trainable_variables)
    first, last = grad_norm_history[name][0][0], grad_norm_history[name][0][-1]
    print(f"{name:<10} step 0: layer 1 {first:.1e}, layer {DEPTH + 1} {last:.1e}; "
          f"{len(loss_history[name])} finite steps, loss {loss_history[name][-1]:.3g}")

healthy, vanishing, exploding = (grad_norm_history[name] for name in NETS)
# Healthy: every layer's gradient norm stays between 0.01 and 1,000, all steps finite.
assert len(healthy) == STEPS and all(1e-2 < norm < 1e3 for step in healthy for norm in step)
# Vanishing: layer 1 gets 10,000x less gradient than the output layer, and the loss stalls:
# over the last 10 steps it moves by less than 0.1%, the healthy net's by more than 1%.
assert vanishing[0][0] < 1e-4 * vanishing[0][-1] and all(step[0] < 1e-4 for step in vanishing)


def change_over_last_10_steps(losses):
    return abs(losses[-1] - losses[-10]) / losses[-10]


assert change_over_last_10_steps(loss_history["vanishing"]) < 1e-3
assert change_over_last_10_steps(loss_history["healthy"]) > 1e-2
# Exploding: within two steps every layer's norm grows more than 1000x (here in one), and
# the loss is inf/NaN within 5 steps.
growth = [max((step[layer] for step in exploding[1:3]), default=0) / exploding[0][layer]
          for layer in range(len(exploding[0]))]
assert len(exploding) < 5 and all(ratio > 1e3 for ratio in growth)
assert exploding[0][0] < exploding[0][-1]  # huge everywhere, yet not largest at the input
