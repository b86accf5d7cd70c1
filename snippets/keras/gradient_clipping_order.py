import keras
import numpy as np
import tensorflow as tf

MICRO_BATCHES, MAX_NORM, LEARNING_RATE = 4, 0.1, 0.1

keras.utils.set_random_seed(0)
# Data of scale 0.5: float16 gradients times the 2**15 loss scale stay far from overflow.
inputs = keras.random.normal((64, 8), stddev=0.5)
targets = keras.random.normal((64, 1), stddev=0.5)
initial_model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1)])
initial_kernel = initial_model.layers[0].kernel.numpy()


def copy_of_initial_model(dtype_policy):
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1, dtype=dtype_policy)])
    model.set_weights(initial_model.get_weights())
    return model


# Reference: one plain float32 step on the whole batch, clipped to MAX_NORM.
reference = copy_of_initial_model("float32")
with tf.GradientTape() as tape:
    loss = keras.ops.mean(keras.losses.mean_squared_error(targets, reference(inputs)))
reference_grads = tape.gradient(loss, reference.trainable_variables)
reference_norm = float(tf.linalg.global_norm(reference_grads))
expected_kernel = initial_kernel - LEARNING_RATE * reference_grads[0].numpy() * min(
    1.0, MAX_NORM / reference_norm)

# Keras does the order inside the optimizer: the LossScaleOptimizer unscales, then the
# inner optimizer accumulates, and clips the averaged gradient on the last micro-batch.
model = copy_of_initial_model("mixed_float16")  # float32 weights, float16 compute
optimizer = keras.mixed_precision.LossScaleOptimizer(
    keras.optimizers.SGD(learning_rate=LEARNING_RATE, global_clipnorm=MAX_NORM,
                         gradient_accumulation_steps=MICRO_BATCHES))
kernel_after_micro_batch = []
for part in range(MICRO_BATCHES):
    rows = slice(16 * part, 16 * (part + 1))
    with tf.GradientTape() as tape:
        predictions = keras.ops.cast(model(inputs[rows]), "float32")
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets[rows], predictions))
        scaled_loss = optimizer.scale_loss(loss)  # multiplied by the current scale
    grads = tape.gradient(scaled_loss, model.trainable_variables)
    optimizer.apply(grads, model.trainable_variables)
    kernel_after_micro_batch.append(model.layers[0].kernel.numpy())

print(f"float32 whole-batch gradient norm {reference_norm:.4f}; "
      f"loss scale {float(optimizer.dynamic_scale):.0f}")
assert optimizer.initial_scale == 2.0**15  # Keras' default; torch's GradScaler uses 2**16
assert reference_norm > MAX_NORM  # so the clipping does something
# Micro-batches 1-3 only accumulate; the 4th applies one clipped step.
assert all(np.array_equal(kernel, initial_kernel) for kernel in kernel_after_micro_batch[:3])
assert np.allclose(kernel_after_micro_batch[3], expected_kernel, rtol=0.01, atol=1e-4)
assert float(optimizer.dynamic_scale) == 2.0**15  # no overflow, no step skipped
