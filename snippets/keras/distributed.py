import keras
import numpy as np
import tensorflow as tf

# Two logical CPU devices, so that MirroredStrategy has two replicas on one machine.
# This must happen before TensorFlow first uses a device.
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
REPLICAS, BATCH = 2, 32
LOCAL_BATCH = BATCH // REPLICAS

keras.utils.set_random_seed(0)
inputs = keras.random.normal((BATCH, 8)).numpy()
targets = keras.random.normal((BATCH, 1)).numpy()


def new_model():
    return keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="tanh"),
                             keras.layers.Dense(1)])


initial_model = new_model()  # never trained: every run starts from its weights
initial_weights = initial_model.get_weights()


def flat(tensors):
    return np.concatenate([np.ravel(tensor) for tensor in tensors])


def gradient(rows):
    """Gradient of the summed squared error over these rows, divided by the GLOBAL batch
    size: what a replica computes (tf.nn.compute_average_loss); the replicas' sum is the
    full-batch gradient of the mean loss."""
    with tf.GradientTape() as tape:
        predictions = initial_model(inputs[rows])
        per_example = keras.losses.mean_squared_error(targets[rows], predictions)
        loss = tf.nn.compute_average_loss(per_example, global_batch_size=BATCH)
    return flat(tape.gradient(loss, initial_model.trainable_variables))


# One device, the whole batch: the clipped gradient every replica should apply.
full_batch_grad = gradient(slice(0, BATCH))
single_device_norm = float(np.linalg.norm(full_batch_grad))
max_norm = single_device_norm / 2  # so that clipping changes the gradient
single_device_grad = full_batch_grad * max_norm / single_device_norm
# What each replica computes from its half of the batch.
replica_grads = [gradient(slice(r * LOCAL_BATCH, (r + 1) * LOCAL_BATCH)) for r in range(REPLICAS)]
replica_norms = [float(np.linalg.norm(grad)) for grad in replica_grads]

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])

# 1. model.fit with global_clipnorm: one step of SGD with learning rate 1 on the batch.
with strategy.scope():
    model = new_model()
    model.set_weights(initial_weights)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0, global_clipnorm=max_norm),
                  loss="mse")
model.fit(inputs, targets, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
global_clipnorm_grad = flat(initial_weights) - flat(model.get_weights())


# 2. A custom step that clips with the norm of the all-reduced gradient.
with strategy.scope():
    model = new_model()
    model.set_weights(initial_weights)
    optimizer = keras.optimizers.SGD(learning_rate=1.0)  # no clipping argument


@tf.function
def replica_step(inputs, targets):
    with tf.GradientTape() as tape:
        per_example = keras.losses.mean_squared_error(targets, model(inputs))
        loss = tf.nn.compute_average_loss(per_example, global_batch_size=BATCH)
    grads = tape.gradient(loss, model.trainable_variables)
    summed = tf.distribute.get_replica_context().all_reduce("sum", grads)
    # Scale this replica's share by the factor the GLOBAL norm asks for; the optimizer's
    # own all-reduce then sums the scaled shares.
    grads, _ = tf.clip_by_global_norm(grads, max_norm, use_norm=tf.linalg.global_norm(summed))
    optimizer.apply(grads, model.trainable_variables)


def rows_of_replica(context):
    replica = context.replica_id_in_sync_group
    return slice(replica * LOCAL_BATCH, (replica + 1) * LOCAL_BATCH)


strategy.run(replica_step, args=(
    strategy.experimental_distribute_values_from_function(
        lambda context: inputs[rows_of_replica(context)]),
    strategy.experimental_distribute_values_from_function(
        lambda context: targets[rows_of_replica(context)])))
clip_after_all_reduce_grad = flat(initial_weights) - flat(model.get_weights())


def error(grad):
    return float(np.linalg.norm(grad - single_device_grad) / np.linalg.norm(single_device_grad))


# If global_clipnorm clipped each replica's gradient before the all-reduce summed them:
each_replica_clipped_then_summed = sum(grad * min(1.0, max_norm / norm)
                                       for grad, norm in zip(replica_grads, replica_norms))
global_clipnorm_error = error(global_clipnorm_grad)
clip_after_all_reduce_error = error(clip_after_all_reduce_grad)
global_clipnorm_applied_norm = float(np.linalg.norm(global_clipnorm_grad))
print(f"one device: norm {single_device_norm:.4f}, clipped to {max_norm:.4f}")
print(f"model.fit, MirroredStrategy, global_clipnorm: replica norms {replica_norms}; norm of "
      f"the applied gradient {global_clipnorm_applied_norm:.4f}; relative error "
      f"{global_clipnorm_error:.2f}")
print(f"  = each replica's gradient clipped, then summed? difference "
      f"{float(np.linalg.norm(global_clipnorm_grad - each_replica_clipped_then_summed)):.1e}")
print(f"clipped with the all-reduced norm: relative error {clip_after_all_reduce_error:.1e}")
assert np.allclose(global_clipnorm_grad, each_replica_clipped_then_summed, rtol=1e-4, atol=1e-6)
assert global_clipnorm_applied_norm > 1.05 * max_norm
assert global_clipnorm_error > 0.05
assert clip_after_all_reduce_error < 1e-5
