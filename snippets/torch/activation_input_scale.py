import torch
from torch import nn

SAMPLES, FEATURES, WIDTH, DEPTH = 256, 8, 64, 6
torch.manual_seed(0)
standardized = torch.randn(SAMPLES, FEATURES)
SCALES = {"narrow": 0.1, "standardized": 1.0, "wide": 10.0}  # std of every input feature


def layers_for(activation):
    """DEPTH hidden layers with the initialization that matches the activation; zero biases."""
    torch.manual_seed(1)  # the same weights for every input scale
    linears, fan_in = [], FEATURES
    for _ in range(DEPTH):
        linear = nn.Linear(fan_in, WIDTH)
        if activation == "ReLU":
            nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
        else:
            nn.init.xavier_normal_(linear.weight, gain=nn.init.calculate_gain("tanh"))
        nn.init.zeros_(linear.bias)
        linears.append(linear)
        fan_in = WIDTH
    return linears, nn.Linear(WIDTH, 1)


first_layer_slope = {}  # mean of φ'(z) over the first hidden layer's units and samples
first_over_last = {}  # ‖∂(sum of outputs)/∂z_1‖ ÷ ‖∂(sum of outputs)/∂z_6‖, pre-activations
for activation in ("ReLU", "tanh"):
    phi = torch.relu if activation == "ReLU" else torch.tanh
    for scale_name, scale in SCALES.items():
        linears, head = layers_for(activation)
        hidden, pre_activations = scale * standardized, []
        for linear in linears:
            pre_activation = linear(hidden)
            pre_activation.retain_grad()
            pre_activations.append(pre_activation)
            hidden = phi(pre_activation)
        head(hidden).sum().backward()  # the gradient flow itself, free of any target
        z_first, z_last = pre_activations[0], pre_activations[-1]
        name = f"{activation}, {scale_name}"
        slope = (z_first > 0).float() if activation == "ReLU" else 1 - torch.tanh(z_first) ** 2
        first_layer_slope[name] = slope.mean().item()
        first_over_last[name] = (z_first.grad.norm() / z_last.grad.norm()).item()

print(f"{'':<20}{'slope, layer 1':>16}{'grad z_1 / z_6':>16}")
for name in first_layer_slope:
    print(f"{name:<20}{first_layer_slope[name]:>16.3f}{first_over_last[name]:>16.3f}")

# ReLU is positively homogeneous: scaling the input scales every layer alike, so its
# spread changes neither which units are active nor how the gradient flows.
for values in (first_layer_slope, first_over_last):
    relu = [values[f"ReLU, {s}"] for s in SCALES]
    assert max(relu) / min(relu) < 1.0001
# tanh is not: wide inputs flatten its first layer, narrow ones keep it in its linear range.
assert first_layer_slope["tanh, wide"] < 0.3 < first_layer_slope["tanh, standardized"]
assert first_layer_slope["tanh, narrow"] > 0.95  # tanh(z) ≈ z: the layer is close to linear
assert first_over_last["tanh, wide"] < 0.5 * first_over_last["tanh, standardized"]
