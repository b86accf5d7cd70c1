import math
from contextlib import contextmanager

import torch
from torch import nn

DEPTH, WIDTH, BATCH = 8, 64, 256
torch.manual_seed(0)
inputs, targets = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)


def make_mlp(activation, weight_std):
    layers = []
    for _ in range(DEPTH):
        linear = nn.Linear(WIDTH, WIDTH)
        nn.init.normal_(linear.weight, std=weight_std)
        nn.init.zeros_(linear.bias)
        layers += [linear, activation()]
    head = nn.Linear(WIDTH, 1)
    nn.init.normal_(head.weight, std=math.sqrt(1 / WIDTH))
    nn.init.zeros_(head.bias)
    return nn.Sequential(*layers, head)


@contextmanager
def watch(model, activation_type):
    """Hooks on every activation module while the block runs: std of its output, norm of
    ∂loss/∂output. For one diagnostic forward and backward pass; removed on leaving."""
    activation_std, output_grad_norm = [], []

    def forward_hook(module, args, output):
        activation_std.append(output.std().item())

    def backward_hook(module, grad_input, grad_output):
        output_grad_norm.insert(0, grad_output[0].norm().item())  # backward runs last layer first

    handles = []
    for module in model.modules():
        if isinstance(module, activation_type):
            handles += [module.register_forward_hook(forward_hook),
                        module.register_full_backward_hook(backward_hook)]
    try:
        yield activation_std, output_grad_norm
    finally:
        for handle in handles:
            handle.remove()


NETS = {  # the three nets of the training-log experiment
    "healthy": (nn.ReLU, math.sqrt(2 / WIDTH)),
    "vanishing": (nn.Sigmoid, math.sqrt(1 / WIDTH)),
    "exploding": (nn.ReLU, 1.5 * math.sqrt(2 / WIDTH)),
}
activation_std_per_layer, output_grad_per_layer = {}, {}
for name, (activation, weight_std) in NETS.items():
    torch.manual_seed(1)
    model = make_mlp(activation, weight_std)
    with watch(model, activation) as (activation_std, output_grad_norm):
        nn.functional.mse_loss(model(inputs), targets).backward()
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
