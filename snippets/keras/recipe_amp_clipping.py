import keras
import numpy as np

# Keras does the order inside the optimizer: LossScaleOptimizer unscales the gradient,
# then the inner optimizer clips it (global_clipnorm) and steps.
keras.mixed_precision.set_global_policy("mixed_float16")
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
inputs = rng.standard_normal((64, 8)).astype("float32")
targets = 10 * rng.standard_normal((64, 1)).astype("float32")
model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                          keras.layers.Dense(1, dtype="float32")])  # float32 output
optimizer = keras.optimizers.LossScaleOptimizer(
    keras.optimizers.SGD(learning_rate=0.1, global_clipnorm=1.0))
# gradient_accumulation_steps on the inner optimizer averages micro-batch gradients.
model.compile(optimizer=optimizer, loss="mse")


def one_step():
    """Fits one batch; returns how far the weights moved (0 if the step was skipped)."""
    weights_before = [weight.numpy().copy() for weight in model.trainable_weights]
    model.fit(inputs, targets, batch_size=64, epochs=1, verbose=0)
    return np.sqrt(sum(np.sum((weight.numpy() - before) ** 2)
                       for weight, before in zip(model.trainable_weights, weights_before)))


# A step whose scaled float16 gradient overflows is skipped, and the scale halved:
# step until one is applied.
skipped = 0
while (step := one_step()) == 0 and skipped < 10:
    skipped += 1
keras.mixed_precision.set_global_policy("float32")
print(f"update norm {step:.4f} = learning rate x clipped norm (0.1 x 1.0); "
      f"loss scale {float(optimizer.dynamic_scale):.0f} after {skipped} skipped step(s)")

assert abs(step - 0.1) < 1e-3  # clipped to norm 1, then one SGD step of 0.1
assert float(optimizer.dynamic_scale) == 2.0**15 / 2**skipped
