import keras
import numpy as np

# Noise of standard deviation 2: with 1 the task did not separate the cells for every seed.
STEPS, HIDDEN, BATCH, TRAINING_STEPS, NOISE = 30, 16, 64, 300, 2.0
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)


def sequences(count, delays):
    """Noise, except one marked step that holds ±1; the target is that sign, read at the end.

    A delay d puts the marked step d steps before the last one."""
    labels = rng.integers(0, 2, count).astype("float32")
    inputs = np.zeros((count, STEPS, 2), "float32")
    inputs[:, :, 0] = NOISE * rng.standard_normal((count, STEPS))
    marked = STEPS - 1 - delays
    inputs[np.arange(count), marked, 0] = 2 * labels - 1
    inputs[np.arange(count), marked, 1] = 1.0  # second channel: "this is the step to keep"
    return inputs, labels


# All gate biases start at 0 (Keras's default, once unit_forget_bias is off): no gate starts open.
CELLS = {
    "tanh RNN": lambda: keras.layers.SimpleRNN(HIDDEN),
    "GRU": lambda: keras.layers.GRU(HIDDEN),
    "LSTM": lambda: keras.layers.LSTM(HIDDEN, unit_forget_bias=False),
}

# Training: delays drawn uniformly from 0..29, so short ones teach the gates to keep a value.
train_inputs, train_labels = sequences(TRAINING_STEPS * BATCH,
                                       rng.integers(0, STEPS, TRAINING_STEPS * BATCH))
# Test: 100 fresh sequences for every delay.
test_delays = np.repeat(np.arange(STEPS), 100)
test_inputs, test_labels = sequences(len(test_delays), test_delays)

accuracy_per_delay = {}
for name, make_layer in CELLS.items():
    model = keras.Sequential([keras.Input((STEPS, 2)), make_layer(), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), keras.losses.BinaryCrossentropy(from_logits=True))
    model.fit(train_inputs, train_labels, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
    logits = model.predict(test_inputs, batch_size=len(test_inputs), verbose=0)[:, 0]
    correct = ((logits > 0) == test_labels).astype("float64")
    accuracy_per_delay[name] = correct.reshape(STEPS, 100).mean(axis=1).tolist()

print(f"{'cell':<10}" + "".join(f"{'delay ' + str(d):>10}" for d in (1, 10, 20, 25, 29)))
for name, accuracy in accuracy_per_delay.items():
    print(f"{name:<10}" + "".join(f"{accuracy[d]:>10.2f}" for d in (1, 10, 20, 25, 29)))

longest = {name: sum(accuracy[20:]) / 10 for name, accuracy in accuracy_per_delay.items()}
print("mean accuracy at delays 20-29:", {name: round(value, 2) for name, value in longest.items()})
assert longest["tanh RNN"] < 0.65  # chance is 0.5
assert longest["GRU"] > 0.85 and longest["LSTM"] > 0.85
