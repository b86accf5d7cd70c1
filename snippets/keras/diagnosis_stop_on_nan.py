import math

import keras
import numpy as np
import tensorflow as tf

DEPTH, WIDTH, BATCH, STEPS, LEARNING_RATE = 8, 64, 256, 30, 0.01
keras.utils.set_random_seed(0)
inputs, targets = keras.random.normal((BATCH, WIDTH)), keras.random.normal((BATCH, 1))


class GradNormLogging(keras.Sequential):
    """fit() as usual, plus the norm of every variable's gradient in the logs."""

    def train_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        # As in Keras's own train_step: under "mixed_float16" the optimizer is a
        # LossScaleOptimizer, whose loss scale this is (1 otherwise).
        scale = self.optimizer.scale_loss(1.0)
        with tf.GradientTape() as tape:
            loss = self.compute_loss(x=x, y=y, y_pred=self(x, training=True),
                                     sample_weight=sample_weight)
            scaled_loss = loss * scale
        grads = tape.gradient(scaled_loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        logs = {"loss": loss}
        for variable, grad in zip(self.trainable_variables, grads):
            logs[f"grad_norm/{variable.path}"] = tf.norm(grad) / scale
        return logs


class TerminateOnNonFiniteGradient(keras.callbacks.Callback):
    """TerminateOnNaN reads only the loss; this reads the gradient norms train_step logs."""

    def on_train_batch_end(self, batch, logs=None):
        bad = [name for name, value in logs.items()
               if name.startswith("grad_norm/") and not math.isfinite(value)]
        if bad:
            raise RuntimeError(f"Non-finite gradient norm at batch {batch}: {', '.join(bad)}")


# The exploding net of the training-log experiment: ReLU, weights 1.5x larger than He's.
keras.utils.set_random_seed(1)
hidden = [keras.layers.Dense(WIDTH, activation="relu", kernel_initializer=keras.initializers.RandomNormal(
    stddev=1.5 * math.sqrt(2 / WIDTH))) for _ in range(DEPTH)]
head = keras.layers.Dense(1, kernel_initializer=keras.initializers.RandomNormal(stddev=math.sqrt(1 / WIDTH)))
model = GradNormLogging([keras.Input((WIDTH,)), *hidden, head])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE), loss="mse")

batch_logs = []
callbacks = [
    keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: batch_logs.append(logs)),
    keras.callbacks.TerminateOnNaN(raise_error=True),  # default: stop quietly instead of raising
    TerminateOnNonFiniteGradient(),
]
message = "fit() ran all its steps without a non-finite loss or gradient norm"
try:  # the same batch STEPS times, one optimizer step each
    model.fit(np.tile(inputs, (STEPS, 1)), np.tile(targets, (STEPS, 1)), batch_size=BATCH,
              shuffle=False, callbacks=callbacks, verbose=0)
except RuntimeError as error:
    message = str(error)

total_grad_norm_log = [
    math.sqrt(sum(value**2 for key, value in logs.items() if key.startswith("grad_norm/")))
    for logs in batch_logs[:-1]  # the last batch is the one with the inf/NaN loss or norm
]
print(f"total gradient norm per step: {[f'{norm:.1e}' for norm in total_grad_norm_log]}")
print(f"stopped: {message}")
# Which batch turns non-finite depends on the random draw; that fit() stops there does not.
stopped_at = len(total_grad_norm_log)
assert f"at batch {stopped_at}" in message and stopped_at < STEPS
# Both callbacks run after fit() has applied the batch's step, so the non-finite step
# itself reaches the weights (PyTorch's check runs before optimizer.step()).
# The warning sign, one step before the stop: the norm jumped more than a thousandfold.
assert stopped_at < 2 or total_grad_norm_log[-1] > 1e3 * total_grad_norm_log[-2]
