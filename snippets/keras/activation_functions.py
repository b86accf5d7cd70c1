import keras
import tensorflow as tf

DEPTH, WIDTH, BATCH = 20, 64, 256

CONFIGS = {  # name: (activation, weight initializer)
    "sigmoid + Xavier": ("sigmoid", keras.initializers.GlorotNormal),
    "tanh + Xavier": ("tanh", keras.initializers.GlorotNormal),
    "ReLU + Xavier": ("relu", keras.initializers.GlorotNormal),
    "ReLU + He": ("relu", keras.initializers.HeNormal),
    "SELU + LeCun": ("selu", keras.initializers.LecunNormal),
}


def measure(activation, initializer):
    """Per hidden layer: std of its output, and the norm of dLoss/dWeight."""
    keras.utils.set_random_seed(0)
    denses = [
        keras.layers.Dense(WIDTH, activation=activation, kernel_initializer=initializer())
        for _ in range(DEPTH)
    ]
    head = keras.layers.Dense(1, kernel_initializer=keras.initializers.GlorotNormal())
    inputs = keras.random.normal((BATCH, WIDTH))
    targets = keras.random.normal((BATCH, 1))

    with tf.GradientTape() as tape:
        hidden, activation_std = inputs, []
        for dense in denses:
            hidden = dense(hidden)
            activation_std.append(float(keras.ops.std(hidden)))
        loss = keras.losses.mean_squared_error(targets, head(hidden))
        loss = keras.ops.mean(loss)
    kernel_grads = tape.gradient(loss, [dense.kernel for dense in denses])
    grad_norm = [float(keras.ops.norm(grad)) for grad in kernel_grads]
    return grad_norm, activation_std


grad_norm_per_layer, activation_std_per_layer = {}, {}
print(f"{'config':<18}{'|dW| layer 1':>14}{'|dW| layer 20':>15}{'std layer 20':>14}")
for name, (activation, initializer) in CONFIGS.items():
    grad_norm, activation_std = measure(activation, initializer)
    grad_norm_per_layer[name], activation_std_per_layer[name] = grad_norm, activation_std
    print(f"{name:<18}{grad_norm[0]:>14.2e}{grad_norm[-1]:>15.2e}{activation_std[-1]:>14.2e}")


def spread(values):
    return max(values) / min(values)


# At initialization. Width 64 is narrow, so the products over 20 layers fluctuate from
# seed to seed: the ranges below are wide enough for other seeds, not just this one.
sigmoid_grad = grad_norm_per_layer["sigmoid + Xavier"]
assert sigmoid_grad[0] < 1e-9 * sigmoid_grad[-1]  # vanishes: 20 layers, >1e9 smaller
assert all(0.08 < std < 0.16 for std in activation_std_per_layer["sigmoid + Xavier"][1:])
tanh_std = activation_std_per_layer["tanh + Xavier"]
assert spread(grad_norm_per_layer["tanh + Xavier"]) < 5
assert 3 < tanh_std[0] / tanh_std[-1] < 6
assert spread(grad_norm_per_layer["ReLU + He"]) < 50
assert all(0.1 < std < 5 for std in activation_std_per_layer["ReLU + He"])
# The trap: gradient norms look even, yet the last layer's output spread is over 100x
# smaller than the first's.
relu_xavier_std = activation_std_per_layer["ReLU + Xavier"]
assert spread(grad_norm_per_layer["ReLU + Xavier"]) < 20
assert relu_xavier_std[-1] < relu_xavier_std[0] / 100
assert all(0.8 < std < 1.25 for std in activation_std_per_layer["SELU + LeCun"])
assert spread(grad_norm_per_layer["SELU + LeCun"]) < 5
