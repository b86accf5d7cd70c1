import keras
import numpy as np
import tensorflow as tf


class GradientNormLog(keras.callbacks.Callback):
    """After each epoch, the gradient norm of every weight on a fixed probe batch.

    model.fit keeps its gradients to itself, so the callback computes them again on the
    probe batch, with the model's own loss, in inference mode (training=False): no
    dropout, and BatchNorm's moving statistics are left alone."""

    def __init__(self, probe_inputs, probe_targets):
        super().__init__()
        self.probe = (tf.constant(probe_inputs), tf.constant(probe_targets))
        self.history = {}

    def on_epoch_end(self, epoch, logs=None):
        inputs, targets = self.probe
        with tf.GradientTape() as tape:
            loss = self.model.compute_loss(x=inputs, y=targets,
                                           y_pred=self.model(inputs, training=False))
        gradients = tape.gradient(loss, self.model.trainable_weights)
        for weight, gradient in zip(self.model.trainable_weights, gradients):
            self.history.setdefault(weight.path, []).append(float(tf.norm(gradient)))


# Demo: three epochs of a small network.
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
inputs = rng.standard_normal((64, 16)).astype("float32")
targets = rng.standard_normal((64, 1)).astype("float32")
model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(32, activation="tanh"),
                          keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
log = GradientNormLog(inputs, targets)
model.fit(inputs, targets, batch_size=64, epochs=3, verbose=0, callbacks=[log])

for path, norms in log.history.items():
    print(f"{path:<20}" + "".join(f"{norm:>10.2e}" for norm in norms))
kernel_norms = {path: norms for path, norms in log.history.items() if "kernel" in path}
assert len(kernel_norms) == 3
assert all(len(norms) == 3 for norms in log.history.values())  # one entry per epoch
assert all(norm > 0 for norms in kernel_norms.values() for norm in norms)
