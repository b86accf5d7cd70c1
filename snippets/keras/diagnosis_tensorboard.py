import os
import tempfile

import keras
import tensorflow as tf  # tf.summary.histogram needs: pip install tensorboard

keras.utils.set_random_seed(0)
inputs, targets = keras.random.normal((256, 16)), keras.random.normal((256, 1))
model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(32, activation="relu"),
                          keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="mse")

with tempfile.TemporaryDirectory() as log_dir:  # in your project: a lasting folder, e.g. "runs/exp1"
    # fit(): the callback writes a histogram of every weight once per epoch (weights, not gradients).
    tensorboard = keras.callbacks.TensorBoard(os.path.join(log_dir, "fit"), histogram_freq=1)
    model.fit(inputs, targets, epochs=2, callbacks=[tensorboard], verbose=0)
    # A custom loop: write the gradients' histograms yourself.
    writer = tf.summary.create_file_writer(os.path.join(log_dir, "loop"))
    with writer.as_default():
        for step in range(10):
            with tf.GradientTape() as tape:
                loss = keras.ops.mean(keras.losses.mean_squared_error(targets, model(inputs)))
            grads = tape.gradient(loss, model.trainable_variables)
            tf.summary.scalar("loss", loss, step=step)
            for variable, grad in zip(model.trainable_variables, grads):
                tf.summary.histogram(f"grad/{variable.path}", grad, step=step)
            model.optimizer.apply(grads, model.trainable_variables)
    writer.close()
    written = {folder: os.listdir(os.path.join(log_dir, folder)) for folder in ("fit", "loop")}

print(written)
assert "train" in written["fit"] and written["loop"][0].startswith("events.out.tfevents")
