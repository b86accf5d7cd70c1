import torch
from torch import nn

DEPTH, WIDTH, BATCH = 20, 64, 256

# Two plain stacks of fully connected layers; they differ only in activation and weight scale.
# Weights are drawn from N(0, gain^2 / fan_in).
NETWORKS = {  # name: (activation, gain)
    "vanishing: sigmoid, gain 1": (nn.Sigmoid, 1.0),
    "exploding: linear, gain 2": (nn.Identity, 2.0),
}


def gradient_per_layer(activation, gain):
    """Norm of dLoss/dh_l, the gradient that reaches the output h_l of each layer."""
    torch.manual_seed(0)
    linears = [nn.Linear(WIDTH, WIDTH) for _ in range(DEPTH)]
    for linear in linears:
        nn.init.normal_(linear.weight, std=gain / WIDTH**0.5)
        nn.init.zeros_(linear.bias)
    head = nn.Linear(WIDTH, 1)
    nn.init.normal_(head.weight, std=1 / WIDTH**0.5)
    nn.init.zeros_(head.bias)
    inputs, targets = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)

    hidden, hiddens = inputs, []
    for linear in linears:
        hidden = activation()(linear(hidden))
        hiddens.append(hidden)
    loss = nn.functional.mse_loss(head(hidden), targets)
    grads = torch.autograd.grad(loss, hiddens)
    return [grad.norm().item() for grad in grads]


grad_norm_per_layer, factor_per_layer = {}, {}
print(f"{'network':<28}{'|dL/dh_1|':>11}{'|dL/dh_20|':>12}{'ratio':>10}{'per layer':>11}")
for name, (activation, gain) in NETWORKS.items():
    grad_norm = gradient_per_layer(activation, gain)
    ratio = grad_norm[0] / grad_norm[-1]
    grad_norm_per_layer[name] = grad_norm
    factor_per_layer[name] = ratio ** (1 / (DEPTH - 1))  # geometric mean over 19 layers
    print(f"{name:<28}{grad_norm[0]:>11.2e}{grad_norm[-1]:>12.2e}{ratio:>10.1e}"
          f"{factor_per_layer[name]:>11.3f}")

vanishing = grad_norm_per_layer["vanishing: sigmoid, gain 1"]
exploding = grad_norm_per_layer["exploding: linear, gain 2"]
assert vanishing[0] < 1e-9 * vanishing[-1]  # first layer gets less than a billionth
assert exploding[0] > 1e4 * exploding[-1]  # first layer gets more than 10 000 times more
# Per layer, the gradient is multiplied by about gain * sigma'(z) <= 1/4, or by about gain = 2.
assert 0.2 < factor_per_layer["vanishing: sigmoid, gain 1"] < 0.27
assert 1.8 < factor_per_layer["exploding: linear, gain 2"] < 2.2
