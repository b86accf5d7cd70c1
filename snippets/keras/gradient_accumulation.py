import keras
import numpy as np
import tensorflow as tf

SEQUENCES, MAX_LENGTH, VOCAB, PAD = 16, 32, 50, -1  # PAD: the loss's ignore_class
ACCUMULATION_STEPS, LEARNING_RATE = 4, 0.5

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
# Sequences of random length, padded to MAX_LENGTH. Sorting by length (length bucketing,
# which saves padding) puts the short sequences in one micro-batch and the long in another.
lengths = np.sort(rng.integers(1, MAX_LENGTH + 1, SEQUENCES))
is_token = np.arange(MAX_LENGTH) < lengths[:, None]
inputs = rng.integers(0, VOCAB, (SEQUENCES, MAX_LENGTH)) * is_token
targets = np.where(is_token, rng.integers(0, VOCAB, (SEQUENCES, MAX_LENGTH)), PAD)
micro_batches = list(zip(np.split(inputs, ACCUMULATION_STEPS),
                         np.split(targets, ACCUMULATION_STEPS)))
tokens_per_micro_batch = [int((micro_targets != PAD).sum()) for _, micro_targets in micro_batches]
total_tokens = sum(tokens_per_micro_batch)


def new_model(dtype_policy="float32"):
    return keras.Sequential([
        keras.Input((MAX_LENGTH,), dtype="int32"),
        keras.layers.Embedding(VOCAB, 16, dtype=dtype_policy,  # N(0, 1), as in torch
                               embeddings_initializer=keras.initializers.RandomNormal(stddev=1.0)),
        keras.layers.Dense(VOCAB, dtype=dtype_policy)])


initial_weights = new_model().get_weights()


def model_at_start(dtype_policy="float32"):
    model = new_model(dtype_policy)
    model.set_weights(initial_weights)
    return model


# Keras' default reduction averages over the tokens that ignore_class leaves in the batch.
token_mean_loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=PAD)
token_sum_loss = keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, ignore_class=PAD, reduction="sum")


def grads_of(model, loss, inputs, targets, optimizer=None):
    with tf.GradientTape() as tape:
        value = loss(targets, keras.ops.cast(model(inputs), "float32"))
        if optimizer is not None:
            value = optimizer.scale_loss(value)  # LossScaleOptimizer: times its scale
    return tape.gradient(value, model.trainable_variables)


def flat(tensors):
    # The embedding's gradient comes as tf.IndexedSlices (only the rows looked up).
    return np.concatenate([np.ravel(tf.convert_to_tensor(tensor)) for tensor in tensors])


def accumulated_step(optimizer, micro_batch_loss, dtype_policy="float32"):
    """One optimizer step from the micro-batches; returns the change of the weights."""
    model = model_at_start(dtype_policy)
    before = flat(model.get_weights())
    for micro_inputs, micro_targets in micro_batches:
        grads = grads_of(model, micro_batch_loss, micro_inputs, micro_targets, optimizer)
        optimizer.apply(grads, model.trainable_variables)
    return flat(model.get_weights()) - before


# The reference: the whole batch at once, the mean over all its real tokens.
full_batch_grad = flat(grads_of(model_at_start(), token_mean_loss, inputs, targets))
full_batch_norm = float(np.linalg.norm(full_batch_grad))
max_norm = full_batch_norm / 2  # so that clipping changes the step

# What gradient_accumulation_steps averages: with SGD and learning rate 1 the step is
# minus the gradient the optimizer used.
mean_of_means_grad = -accumulated_step(
    keras.optimizers.SGD(learning_rate=1.0, gradient_accumulation_steps=ACCUMULATION_STEPS),
    token_mean_loss)
micro_batch_grads = [flat(grads_of(model_at_start(), token_mean_loss, x, y))
                     for x, y in micro_batches]
# The optimizer divides the sum of the k gradients by k, so each summed loss is scaled
# by k / N: the step then uses sum over all tokens / N, the full-batch gradient.
sum_over_tokens_grad = -accumulated_step(
    keras.optimizers.SGD(learning_rate=1.0, gradient_accumulation_steps=ACCUMULATION_STEPS),
    lambda y, logits: token_sum_loss(y, logits) * ACCUMULATION_STEPS / total_tokens)



def relative_error(grad, reference=full_batch_grad):
    return float(np.linalg.norm(grad - reference) / full_batch_norm)


equal_weight_error = relative_error(mean_of_means_grad, np.mean(micro_batch_grads, axis=0))
mean_of_means_error = relative_error(mean_of_means_grad)
sum_over_tokens_error = relative_error(sum_over_tokens_grad)
token_weight_ratio = [total_tokens / (ACCUMULATION_STEPS * n) for n in tokens_per_micro_batch]
print(f"tokens per micro-batch {tokens_per_micro_batch}; weight of each token relative to "
      f"the full batch {[round(ratio, 2) for ratio in token_weight_ratio]}")
print(f"the optimizer's step vs the plain mean of the micro-batch gradients: "
      f"{equal_weight_error:.1e}")
print(f"relative gradient error: mean of means {mean_of_means_error:.3f}, "
      f"sum / total tokens {sum_over_tokens_error:.1e}")
assert equal_weight_error < 1e-4  # it averages the k gradients with equal weights
assert mean_of_means_error > 0.2
assert sum_over_tokens_error < 1e-4

# The whole step with float16 compute and loss scaling: LossScaleOptimizer unscales, the
# inner optimizer accumulates and clips the accumulated gradient once, on the last step.
step_taken = accumulated_step(
    keras.mixed_precision.LossScaleOptimizer(keras.optimizers.SGD(
        learning_rate=LEARNING_RATE, global_clipnorm=max_norm,
        gradient_accumulation_steps=ACCUMULATION_STEPS)),
    lambda y, logits: token_sum_loss(y, logits) * ACCUMULATION_STEPS / total_tokens,
    dtype_policy="mixed_float16")
expected_step = -LEARNING_RATE * full_batch_grad * min(1.0, max_norm / full_batch_norm)
step_error = float(np.linalg.norm(step_taken - expected_step) / np.linalg.norm(expected_step))
print(f"full-batch norm {full_batch_norm:.4f}, clipped to {max_norm:.4f}; "
      f"step's relative error {step_error:.1e}")
assert step_error < 0.01
