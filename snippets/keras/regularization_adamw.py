import keras
import tensorflow as tf

LEARNING_RATE, DECAY = 1e-3, 0.01
# Two weights, both 1.0. The data's gradient: 0 for the first ("idle"), 10 for the second.
data_gradient = keras.ops.convert_to_tensor([0.0, 10.0])


def distance_moved_towards_zero(optimizer, l2_penalty=None):
    weights = keras.Variable([1.0, 1.0])
    with tf.GradientTape() as tape:
        loss = keras.ops.sum(data_gradient * weights)
        if l2_penalty:
            loss += l2_penalty(weights)
    optimizer.apply_gradients([(tape.gradient(loss, weights), weights)])
    return 1.0 - keras.ops.convert_to_numpy(weights)


no_decay = distance_moved_towards_zero(keras.optimizers.Adam(LEARNING_RATE))
# L2(l) adds l * sum(w**2) to the loss: its gradient is DECAY * w for l = DECAY / 2.
with_l2 = distance_moved_towards_zero(keras.optimizers.Adam(LEARNING_RATE),
                                      l2_penalty=keras.regularizers.L2(DECAY / 2))
# AdamW shrinks each weight by LEARNING_RATE * DECAY * w, apart from the gradient step.
with_adamw = distance_moved_towards_zero(
    keras.optimizers.AdamW(LEARNING_RATE, weight_decay=DECAY))

# What the decay added to one step, per weight: [idle, busy].
decay_from_l2 = (with_l2 - no_decay).tolist()
decay_from_adamw = (with_adamw - no_decay).tolist()
print(f"{'decay in one step':<20}{'idle weight':>12}{'busy weight':>12}")
for name, decay in (("Adam + L2 penalty", decay_from_l2), ("AdamW", decay_from_adamw)):
    print(f"{name:<20}{decay[0]:>12.2e}{decay[1]:>12.2e}")

idle, busy = decay_from_l2
# Through Adam, the idle weight's penalty gradient is normalized into a full step
# (100x the decoupled decay here); the busy weight's is drowned by its data gradient.
assert 0.99 * LEARNING_RATE < idle < 1.01 * LEARNING_RATE
assert abs(busy) < 1e-3 * LEARNING_RATE * DECAY
# AdamW: every weight loses the same fraction, LEARNING_RATE * DECAY (to within
# float32's resolution of about 1e-7 near 1.0).
for decay in decay_from_adamw:
    assert abs(decay - LEARNING_RATE * DECAY) < 0.05 * LEARNING_RATE * DECAY
