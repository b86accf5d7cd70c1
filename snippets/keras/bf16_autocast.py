import keras
import numpy as np
import tensorflow as tf

# What the "mixed_bfloat16" dtype policy runs in which dtype.
rng = np.random.default_rng(0)
inputs = rng.normal(size=(8, 16)).astype("float32")
labels = rng.integers(4, size=8)
policy = keras.DTypePolicy("mixed_bfloat16")
dense = keras.layers.Dense(4, dtype=policy)
layer_norm = keras.layers.LayerNormalization(dtype=policy)
softmax = keras.layers.Softmax(dtype=policy)
cross_entropy = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
with tf.GradientTape() as tape:
    logits = dense(inputs)
    loss = cross_entropy(labels, logits)
weight_grads = tape.gradient(loss, dense.trainable_variables)
dtypes = {
    "Dense (matmul)": logits.dtype,
    "Softmax layer": softmax(logits).dtype,
    "Softmax, dtype float32": keras.layers.Softmax(dtype="float32")(logits).dtype,
    "LayerNormalization": layer_norm(logits).dtype,
    "ops.norm": keras.ops.norm(logits).dtype,
    "ops.sum": keras.ops.sum(logits).dtype,
    "loss": loss.dtype,
    "MeanSquaredError": keras.losses.MeanSquaredError()(np.zeros((8, 4)), logits).dtype,
    "weights": dense.kernel.dtype,
    "weight gradients": weight_grads[0].dtype,
}
dtype_names = {layer: keras.backend.standardize_dtype(dtype) for layer, dtype in dtypes.items()}
for layer, dtype in dtype_names.items():
    print(f"{layer:>22}: {dtype}")

# Layers compute in bfloat16 and keep float32 variables; losses return float32.
# A softmax layer stays bfloat16 unless it is given dtype="float32" itself.
assert policy.compute_dtype == "bfloat16" and policy.variable_dtype == "float32"
assert dtype_names["Dense (matmul)"] == dtype_names["Softmax layer"] == "bfloat16"
assert dtype_names["LayerNormalization"] == dtype_names["ops.norm"] == "bfloat16"
assert dtype_names["Softmax, dtype float32"] == "float32"
assert dtype_names["loss"] == dtype_names["MeanSquaredError"] == "float32"
assert dtype_names["weights"] == dtype_names["weight gradients"] == "float32"

# Why reductions want float32: a running sum in bfloat16 stops growing at 256, where
# adding 1 is half a unit in the last place.
ones = keras.ops.ones(4096, dtype="bfloat16")
bfloat16_running_sum = float(keras.ops.cumsum(ones)[-1])
builtin_sum = float(keras.ops.sum(ones))
float32_sum = float(keras.ops.sum(keras.ops.cast(ones, "float32")))
print(f"4096 ones: cumsum in bfloat16 {bfloat16_running_sum:.0f}, ops.sum {builtin_sum:.0f}, "
      f"ops.sum in float32 {float32_sum:.0f}")
# TensorFlow's cumsum adds in bfloat16; its sum accumulates in a wider type inside.
assert bfloat16_running_sum == 256 and builtin_sum == float32_sum == 4096
