import torch
from torch import nn

DEPTH, WIDTH, BATCH = 20, 64, 256


def lecun_normal_(weight):
    # Gain 1 gives variance 1/fan_in, the initialization SELU needs.
    return nn.init.kaiming_normal_(weight, nonlinearity="linear")


def he_normal_(weight):
    return nn.init.kaiming_normal_(weight, nonlinearity="relu")


CONFIGS = {  # name: (activation, weight initializer)
    "sigmoid + Xavier": (nn.Sigmoid, nn.init.xavier_normal_),
    "tanh + Xavier": (nn.Tanh, nn.init.xavier_normal_),
    "ReLU + Xavier": (nn.ReLU, nn.init.xavier_normal_),
    "ReLU + He": (nn.ReLU, he_normal_),
    "SELU + LeCun": (nn.SELU, lecun_normal_),
}


def measure(activation, init_weight):
    """Per hidden layer: std of its output, and the norm of dLoss/dWeight."""
    torch.manual_seed(0)
    linears = [nn.Linear(WIDTH, WIDTH) for _ in range(DEPTH)]
    for linear in linears:
        init_weight(linear.weight)
        nn.init.zeros_(linear.bias)
    head = nn.Linear(WIDTH, 1)
    nn.init.xavier_normal_(head.weight)
    nn.init.zeros_(head.bias)
    inputs, targets = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)

    hidden, activation_std = inputs, []
    for linear in linears:
        hidden = activation()(linear(hidden))
        activation_std.append(hidden.std().item())
    nn.functional.mse_loss(head(hidden), targets).backward()
    grad_norm = [linear.weight.grad.norm().item() for linear in linears]
    return grad_norm, activation_std


grad_norm_per_layer, activation_std_per_layer = {}, {}
print(f"{'config':<18}{'|dW| layer 1':>14}{'|dW| layer 20':>15}{'std layer 20':>14}")
for name, (activation, init_weight) in CONFIGS.items():
    grad_norm, activation_std = measure(activation, init_weight)
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
