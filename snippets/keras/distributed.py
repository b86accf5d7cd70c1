import keras
import numpy as np
import tensorflow as tf

# Two logical CPU devices, so that MirroredStrategy has two replicas on one machine.
# This must happen before TensorFlow first uses a device.
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
REPLICAS, BATCH = 2, 32

keras.utils.set_random_seed(0)
inputs = keras.random.normal((BATCH, 8)).numpy()
targets = keras.random.normal((BATCH, 1)).numpy()


def new_model():
    return keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="tanh"),
                             keras.layers.Dense(1)])


initial_weights = new_model().get_weights()


def flat(tensors):
    return np.concatenate([np.ravel(tensor) for tensor in tensors])


# One device, the whole batch: the clipped gradient, read off one SGD step with learning rate 1.
model = new_model()
model.set_weights(initial_weights)
with tf.GradientTape() as tape:
    loss = keras.ops.mean(keras.losses.mean_squared_error(targets, model(inputs)))
grads = tape.gradient(loss, model.trainable_variables)
single_device_norm = float(tf.linalg.global_norm(grads))
max_norm = single_device_norm / 2  # so that clipping changes the gradient
keras.optimizers.SGD(learning_rate=1.0, global_clipnorm=max_norm).apply(
    grads, model.trainable_variables)
single_device_grad = flat(initial_weights) - flat(model.get_weights())

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
# Replica r gets rows r*16 ... r*16+15 of the batch.
replica_inputs = strategy.experimental_distribute_values_from_function(
    lambda context: inputs[context.replica_id_in_sync_group::REPLICAS])
replica_targets = strategy.experimental_distribute_values_from_function(
    lambda context: targets[context.replica_id_in_sync_group::REPLICAS])


def distributed_step(clip_after_all_reduce):
    """One SGD step on both replicas: the gradient it applied, and each replica's own."""
    with strategy.scope():
        model = new_model()
        model.set_weights(initial_weights)
        optimizer = keras.optimizers.SGD(
            learning_rate=1.0, global_clipnorm=None if clip_after_all_reduce else max_norm)

    @tf.function
    def replica_step(inputs, targets):
        with tf.GradientTape() as tape:
            per_example = keras.losses.mean_squared_error(targets, model(inputs))
            # Each replica divides by the GLOBAL batch size: the sum over replicas is the mean.
            loss = tf.nn.compute_average_loss(per_example, global_batch_size=BATCH)
        grads = tape.gradient(loss, model.trainable_variables)
        replica_grad = tf.concat([tf.reshape(grad, [-1]) for grad in grads], axis=0)
        if clip_after_all_reduce:
            summed = tf.distribute.get_replica_context().all_reduce("sum", grads)
            # Scale this replica's share by the factor the GLOBAL norm asks for; the
            # optimizer's own all-reduce then sums the clipped shares.
            grads, _ = tf.clip_by_global_norm(grads, max_norm,
                                              use_norm=tf.linalg.global_norm(summed))
        optimizer.apply(grads, model.trainable_variables)
        return replica_grad

    replica_grads = strategy.run(replica_step, args=(replica_inputs, replica_targets))
    applied = flat(initial_weights) - flat(model.get_weights())
    return applied, [grad.numpy() for grad in strategy.experimental_local_results(replica_grads)]


global_clipnorm_grad, replica_grads = distributed_step(clip_after_all_reduce=False)
clip_after_all_reduce_grad, _ = distributed_step(clip_after_all_reduce=True)


def error(grad):
    return float(np.linalg.norm(grad - single_device_grad) / np.linalg.norm(single_device_grad))


replica_norms = [float(np.linalg.norm(grad)) for grad in replica_grads]
# What global_clipnorm did, if it clipped each replica's gradient before the sum:
each_replica_clipped_then_summed = sum(grad * min(1.0, max_norm / norm)
                                       for grad, norm in zip(replica_grads, replica_norms))
global_clipnorm_error = error(global_clipnorm_grad)
clip_after_all_reduce_error = error(clip_after_all_reduce_grad)
global_clipnorm_applied_norm = float(np.linalg.norm(global_clipnorm_grad))
print(f"one device: norm {single_device_norm:.4f}, clipped to {max_norm:.4f}")
print(f"MirroredStrategy + global_clipnorm: replica norms {replica_norms}; norm of the "
      f"applied gradient {global_clipnorm_applied_norm:.4f}; relative error "
      f"{global_clipnorm_error:.2f}")
print(f"  = each replica's gradient clipped, then summed? difference "
      f"{float(np.linalg.norm(global_clipnorm_grad - each_replica_clipped_then_summed)):.1e}")
print(f"clipped with the all-reduced norm: relative error {clip_after_all_reduce_error:.1e}")
# global_clipnorm clipped each replica's gradient before the all-reduce summed them.
assert np.allclose(global_clipnorm_grad, each_replica_clipped_then_summed, rtol=1e-4, atol=1e-6)
assert global_clipnorm_applied_norm > 1.05 * max_norm
assert global_clipnorm_error > 0.05
assert clip_after_all_reduce_error < 1e-5
