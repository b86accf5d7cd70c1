import keras
import tensorflow as tf

VOCAB, D_MODEL, HIDDEN, BATCH = 64, 32, 64, 64
STEPS, LEARNING_RATE, Z_LOSS_WEIGHT = 300, 3e-2, 1e-4  # 1e-4: PaLM's z-loss weight


def train(z_loss_weight):
    """A next-token head on a task it can learn exactly; log Z after every step."""
    keras.utils.set_random_seed(0)
    next_token = keras.random.shuffle(keras.ops.arange(VOCAB))  # each token has one successor
    model = keras.Sequential([
        keras.layers.Embedding(VOCAB, D_MODEL,
                               embeddings_initializer=keras.initializers.RandomNormal(stddev=1.0)),
        keras.layers.Dense(HIDDEN, activation="gelu"),  # Glorot-uniform weights, zero biases
        keras.layers.Dense(VOCAB),
    ])
    optimizer = keras.optimizers.Adam(LEARNING_RATE, epsilon=1e-8)  # PyTorch's epsilon

    @tf.function
    def train_step(tokens):
        with tf.GradientTape() as tape:
            logits = model(tokens)
            log_z = keras.ops.logsumexp(logits, axis=-1)  # log of the softmax's normalizer Z
            cross_entropy = keras.ops.mean(keras.losses.sparse_categorical_crossentropy(
                keras.ops.take(next_token, tokens), logits, from_logits=True))
            loss = cross_entropy + z_loss_weight * keras.ops.mean(log_z ** 2)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply(grads, model.trainable_variables)
        return keras.ops.mean(log_z), cross_entropy

    mean_log_z = []
    for step in range(STEPS):
        log_z, cross_entropy = train_step(keras.random.randint((BATCH,), 0, VOCAB))
        mean_log_z.append(float(log_z))
    return mean_log_z, float(cross_entropy)


log_z_per_step, final_cross_entropy = {}, {}
for name, weight in (("cross-entropy only", 0.0), ("with z-loss 1e-4", Z_LOSS_WEIGHT)):
    log_z_per_step[name], final_cross_entropy[name] = train(weight)
    log_z = log_z_per_step[name]
    print(f"{name:<20} log Z at step 1: {log_z[0]:5.2f}, max: {max(log_z):5.2f}, "
          f"final: {log_z[-1]:5.2f}; final cross-entropy {final_cross_entropy[name]:.1e}")

plain, regularized = log_z_per_step["cross-entropy only"], log_z_per_step["with z-loss 1e-4"]
# At initialization the logits are small, so log Z is about log(VOCAB) = 4.16 either way.
assert abs(plain[0] - regularized[0]) < 1e-6 and 3.5 < plain[0] < 5
# Cross-entropy alone lets log Z drift upwards; z-loss brings it back close to zero ...
assert plain[-1] > 10 and abs(regularized[-1]) < 1
# ... and both models learn the task.
assert all(value < 1e-2 for value in final_cross_entropy.values())
