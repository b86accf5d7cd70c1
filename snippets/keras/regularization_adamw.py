import keras
import tensorflow as tf

LEARNING_RATE, DECAY, STEPS = 1e-3, 0.01, 100
# Two weights, both 1.0. The data's gradient: 0 for the first ("idle") weight; for the
# second ("busy") one, +10 and -10 in turn: large, but going nowhere, like noise.
data_gradients = [keras.ops.convert_to_tensor([0.0, 10.0 * (-1) ** step])
                  for step in range(STEPS)]


def distance_moved_towards_zero(optimizer, l2_penalty=None):
    weights = keras.Variable([1.0, 1.0])
    for data_gradient in data_gradients:
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

# What the decay added over the run, per weight: [idle, busy].
decay_from_l2 = (with_l2 - no_decay).tolist()
decay_from_adamw = (with_adamw - no_decay).tolist()
print(f"{f'decay in {STEPS} steps':<20}{'idle weight':>12}{'busy weight':>12}")
for name, decay in (("Adam + L2 penalty", decay_from_l2), ("AdamW", decay_from_adamw)):
    print(f"{name:<20}{decay[0]:>12.2e}{decay[1]:>12.2e}")

decoupled = STEPS * LEARNING_RATE * DECAY  # AdamW's decay: (1 - lr * decay) ** STEPS ~ this
idle, busy = decay_from_l2
# Through Adam, the idle weight's penalty gradient is its whole gradient, so it is
# normalized into a full step, every step: about 100x the decoupled decay here ...
assert idle > 0.9 * STEPS * LEARNING_RATE
# ... while the busy weight's penalty gradient is divided by the size of its data
# gradient: it decays several times less than the decoupled decay.
assert 0 < busy < decoupled / 5
# AdamW: every weight loses the same fraction, whatever its gradient.
for decay in decay_from_adamw:
    assert abs(decay - decoupled) < 0.05 * decoupled
