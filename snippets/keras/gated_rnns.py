import keras
import numpy as np
import tensorflow as tf

STEPS, BATCH, FEATURES, HIDDEN = 100, 16, 8, 32
keras.utils.set_random_seed(0)
inputs = keras.random.normal((BATCH, STEPS, FEATURES))
targets = keras.random.normal((BATCH, 1))


CELLS = {
    "vanilla RNN": lambda: keras.layers.SimpleRNN(HIDDEN),
    "GRU": lambda: keras.layers.GRU(HIDDEN),
    "LSTM, forget bias ≈ 0": lambda: keras.layers.LSTM(HIDDEN, unit_forget_bias=False),
    "LSTM, forget bias 1": lambda: keras.layers.LSTM(HIDDEN),  # unit_forget_bias=True
}


def input_grad_per_step(make_cell):
    """‖∂loss/∂x_t‖ for every step t, relative to the last step."""
    keras.utils.set_random_seed(1)  # the same weights for both LSTMs, except the forget bias
    cell, readout = make_cell(), keras.layers.Dense(1)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        last_output = cell(inputs)  # return_sequences=False: the loss sees only the last step
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets, readout(last_output)))
    # Square in float64: (1e-29)² underflows float32, and the norm would read 0.
    grad = tape.gradient(loss, inputs).numpy().astype(np.float64)
    grad_norm = np.sqrt((grad**2).sum(axis=(0, 2)))
    return (grad_norm / grad_norm[-1]).tolist()


relative_grad_per_step = {}
print(f"{'cell':<24}{'t=0':>9}{'t=50':>9}{'t=90':>9}   (relative to t=99)")
for name, make_cell in CELLS.items():
    relative_grad = input_grad_per_step(make_cell)
    relative_grad_per_step[name] = relative_grad
    print(f"{name:<24}" + "".join(f"{relative_grad[t]:>9.0e}" for t in (0, 50, 90)))

first_step = {name: grads[0] for name, grads in relative_grad_per_step.items()}
assert first_step["vanilla RNN"] < 1e-10
assert first_step["GRU"] < 1e-15 and first_step["LSTM, forget bias ≈ 0"] < 1e-15
assert 1e-11 < first_step["LSTM, forget bias 1"] < 1e-6
assert first_step["LSTM, forget bias 1"] > 1e10 * first_step["LSTM, forget bias ≈ 0"]
