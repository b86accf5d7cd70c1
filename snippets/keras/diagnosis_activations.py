import math

import keras
import tensorflow as tf

DEPTH, WIDTH, BATCH = 8, 64, 256
keras.utils.set_random_seed(0)
inputs, targets = keras.random.normal((BATCH, WIDTH)), keras.random.normal((BATCH, 1))


def make_mlp(activation, weight_std):
    hidden = [keras.layers.Dense(WIDTH, activation=activation,
                                 kernel_initializer=keras.initializers.RandomNormal(stddev=weight_std))
              for _ in range(DEPTH)]
    head = keras.layers.Dense(
        1, kernel_initializer=keras.initializers.RandomNormal(stddev=math.sqrt(1 / WIDTH)))
    return keras.Sequential([keras.Input((WIDTH,)), *hidden, head])


def watch(model, inputs, targets):
    """Every layer's output h, and ∂loss/∂h: a second model that returns all layer outputs."""
    probe = keras.Model(model.inputs, [layer.output for layer in model.layers])
    with tf.GradientTape() as tape:
        layer_outputs = probe(inputs)
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets, layer_outputs[-1]))
    hidden_outputs = layer_outputs[:-1]
    output_grads = tape.gradient(loss, hidden_outputs)
    activation_std = [float(keras.ops.std(output)) for output in hidden_outputs]
    output_grad_norm = [float(keras.ops.norm(grad)) for grad in output_grads]
    return activation_std, output_grad_norm


NETS = {  # the three nets of the training-log experiment
    "healthy": ("relu", math.sqrt(2 / WIDTH)),
    "vanishing": ("sigmoid", math.sqrt(1 / WIDTH)),
    "exploding": ("relu", 1.5 * math.sqrt(2 / WIDTH)),
}
activation_std_per_layer, output_grad_per_layer = {}, {}
for name, (activation, weight_std) in NETS.items():
    keras.utils.set_random_seed(1)
    model = make_mlp(activation, weight_std)
    activation_std, output_grad_norm = watch(model, inputs, targets)
    activation_std_per_layer[name], output_grad_per_layer[name] = activation_std, output_grad_norm
    print(f"{name:<10} std of h: layer 1 {activation_std[0]:.2g}, layer {DEPTH} {activation_std[-1]:.2g}"
          f"; ‖∂L/∂h‖: layer 1 {output_grad_norm[0]:.1e}, layer {DEPTH} {output_grad_norm[-1]:.1e}")


def ratio_first_to_last(values):
    return values[0] / values[-1]


assert all(1 / 3 < std < 3 for std in activation_std_per_layer["healthy"])
assert 1 / 3 < ratio_first_to_last(output_grad_per_layer["healthy"]) < 3
assert all(std < 0.3 for std in activation_std_per_layer["vanishing"])  # sigmoid outputs barely vary
# Vanishing: ∂L/∂h shrinks about 4x per layer (sigmoid' ≤ 1/4), 10,000x over 8 layers.
shrink_per_layer = ratio_first_to_last(output_grad_per_layer["vanishing"]) ** (-1 / (DEPTH - 1))
assert 3 < shrink_per_layer < 6 and ratio_first_to_last(output_grad_per_layer["vanishing"]) < 1e-4
# Exploding (weights 1.5x He's): activations grow more than fivefold over the 8 layers,
# and so does ∂L/∂h towards the input.
assert 1 / ratio_first_to_last(activation_std_per_layer["exploding"]) > 5
assert ratio_first_to_last(output_grad_per_layer["exploding"]) > 5
