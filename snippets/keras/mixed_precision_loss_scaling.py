import keras
import tensorflow as tf

# The defaults: start at 2**15, halve on inf/NaN, double after 2000 clean steps.
default_optimizer = keras.mixed_precision.LossScaleOptimizer(keras.optimizers.SGD())
assert default_optimizer.initial_scale == 2.0**15  # torch's GradScaler starts at 2**16
assert default_optimizer.dynamic_growth_steps == 2000

# A regression whose weight gradient starts at -8: scaled by S = 2**13 or more it
# exceeds 65504 in float16. Start at 2**16 as torch does; grow after 3 steps, not 2000.
model = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(1, kernel_initializer="zeros", dtype="mixed_float16"),
])
inputs, targets = keras.ops.ones((8, 4)), keras.ops.full((8, 1), 4.0)
optimizer = keras.mixed_precision.LossScaleOptimizer(
    keras.optimizers.SGD(learning_rate=0.01), initial_scale=2.0**16, dynamic_growth_steps=3)
optimizer.build(model.trainable_variables)

scale_per_step, skipped_per_step = [], []
for step in range(16):
    with tf.GradientTape() as tape:
        predictions = model(inputs)  # float16 compute on CPU, float32 weights
        loss = keras.ops.mean(keras.losses.mean_squared_error(
            targets, keras.ops.cast(predictions, "float32")))
        scaled_loss = optimizer.scale_loss(loss)
    assert predictions.dtype == "float16" and model.layers[0].kernel.dtype == "float32"
    scale_per_step.append(int(optimizer.dynamic_scale))
    grads = tape.gradient(scaled_loss, model.trainable_variables)
    steps_taken = int(optimizer.iterations)
    optimizer.apply(grads, model.trainable_variables)  # unscales; skips on inf/NaN
    skipped_per_step.append(int(optimizer.iterations) == steps_taken)
    print(f"step {step:>2}  scale {scale_per_step[-1]:>7.0f}  "
          f"{'skipped' if skipped_per_step[-1] else 'stepped'}  loss {float(loss):.3f}")

# Four overflows in a row: the scale halves each time, 2**16 -> 2**12, nothing changes.
assert skipped_per_step[:4] == [True] * 4
assert scale_per_step[:5] == [2.0**16, 2.0**15, 2.0**14, 2.0**13, 2.0**12]
# Then three clean steps at 2**12, growth to 2**13, and so on: the scale hunts for the
# largest power of two that does not overflow, and each overshoot costs one step.
assert scale_per_step[4:8] == [2.0**12] * 3 + [2.0**13]
assert skipped_per_step[4:10] == [False] * 6 and skipped_per_step[10]
assert sum(skipped_per_step) == 5
assert scale_per_step[10] == 2**14 and scale_per_step[11] == 2**13

# model.fit users need none of this: with the global policy set to "mixed_float16",
# compile() wraps the optimizer in a LossScaleOptimizer itself (auto_scale_loss=True).
keras.mixed_precision.set_global_policy("mixed_float16")
compiled_model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
compiled_model.compile(optimizer=keras.optimizers.SGD(), loss="mean_squared_error")
assert isinstance(compiled_model.optimizer, keras.mixed_precision.LossScaleOptimizer)
