import keras
import numpy as np

keras.utils.set_random_seed(0)
inputs = np.random.default_rng(0).normal(size=(512, 32)).astype("float32")
targets = (inputs[:, :4].sum(axis=1, keepdims=True) > 0).astype("float32")

# Inside the model: normalization layers and the activation.
# Before training: initialization matched to the activation (kernel_initializer).
model = keras.Sequential([
    keras.Input((32,)),
    keras.layers.Dense(64, kernel_initializer="he_normal"),
    keras.layers.LayerNormalization(), keras.layers.Activation("relu"),
    keras.layers.Dense(64, kernel_initializer="he_normal"),
    keras.layers.LayerNormalization(), keras.layers.Activation("relu"),
    keras.layers.Dense(1),
])
# In the optimizer: decoupled weight decay (AdamW) and global-norm clipping, which
# Keras applies between computing the gradients and applying them.
optimizer = keras.optimizers.AdamW(learning_rate=1e-2, weight_decay=1e-2, global_clipnorm=1.0)
# Around the loss: loss scaling for the "mixed_float16" policy. compile() adds it by
# default (auto_scale_loss=True); a custom training loop wraps the optimizer itself and
# takes the gradient of optimizer.scale_loss(loss):
# optimizer = keras.mixed_precision.LossScaleOptimizer(optimizer)
model.compile(optimizer=optimizer, loss=keras.losses.BinaryCrossentropy(from_logits=True))

history = model.fit(inputs, targets, batch_size=512, epochs=30, verbose=0)
losses = history.history["loss"]
print(f"loss {losses[0]:.3f} -> {losses[-1]:.3f}")
assert losses[-1] < 0.5 * losses[0]
