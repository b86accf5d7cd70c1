import keras

# Keras opens the forget gates by default: unit_forget_bias=True adds 1 to the forget
# gate's bias at initialization (Jozefowicz et al., 2015). Keep it; don't pass False.
keras.utils.set_random_seed(0)
lstm = keras.layers.LSTM(16, unit_forget_bias=True)
lstm.build((None, 20, 8))
units = lstm.cell.units
bias = lstm.cell.bias.numpy()  # gates ordered input, forget, cell, output
print(f"forget-gate bias {bias[units:2 * units].mean():.2f}, "
      f"input-gate mean bias {bias[:units].mean():+.3f}")

assert (bias[units:2 * units] == 1.0).all() and (bias[:units] == 0.0).all()
assert keras.layers.LSTM(16).cell.unit_forget_bias  # the default
