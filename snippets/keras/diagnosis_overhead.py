import statistics
import time

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)
DEPTH, WIDTH, BATCH, STEPS_PER_TIMING, REPEATS = 4, 64, 128, 5, 7
inputs, targets = keras.random.normal((BATCH, WIDTH)), keras.random.normal((BATCH, 1))
hidden = [keras.layers.Dense(WIDTH, activation="relu") for _ in range(DEPTH)]
model = keras.Sequential([keras.Input((WIDTH,)), *hidden, keras.layers.Dense(1)])
optimizer = keras.optimizers.SGD(learning_rate=0.01)


def grad_norm_per_layer(variables, grads):
    """‖∂loss/∂θ‖ for every variable, from the gradients tape.gradient returned."""
    norms = keras.ops.stack([keras.ops.norm(grad) for grad in grads])
    paths = [variable.path for variable in variables]
    return dict(zip(paths, keras.ops.convert_to_numpy(norms).tolist()))  # one copy, not one per layer


logged = []


def train_step(log_grad_norms):
    with tf.GradientTape() as tape:
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets, model(inputs)))
    grads = tape.gradient(loss, model.trainable_variables)
    if log_grad_norms:
        logged.append(grad_norm_per_layer(model.trainable_variables, grads))
    optimizer.apply(grads, model.trainable_variables)


def milliseconds_per_step(log_grad_norms):
    # CPU time of this process: what the step costs, not what other programs on a busy
    # machine take from it.
    start = time.process_time()
    for _ in range(STEPS_PER_TIMING):
        train_step(log_grad_norms)
    return 1000 * (time.process_time() - start) / STEPS_PER_TIMING


milliseconds_per_step(True)  # warm-up
timings = {"plain": [], "logging every step": []}
for _ in range(REPEATS):  # interleaved, so that a busy moment hits both
    timings["plain"].append(milliseconds_per_step(False))
    timings["logging every step"].append(milliseconds_per_step(True))
median_ms = {name: statistics.median(times) for name, times in timings.items()}
overhead = median_ms["logging every step"] / median_ms["plain"]
print(f"plain step {median_ms['plain']:.2f} ms, with per-layer grad norms "
      f"{median_ms['logging every step']:.2f} ms: {overhead:.2f}x")
print(f"{len(logged[-1])} norms per step, e.g. {list(logged[-1].items())[0]}")
assert len(logged[-1]) == 2 * (DEPTH + 1)  # a kernel and a bias per Dense layer
assert overhead < 2  # timing varies by machine and load: only the bound is asserted
