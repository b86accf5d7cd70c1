import torch
from torch import nn

DEPTH, WIDTH, BATCH = 20, 64, 256
WEIGHT_SCALES = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5]
STEPS, LEARNING_RATE, STRONG_L2 = 30, 0.01, 2.0


def build_model():
    torch.manual_seed(0)
    layers = []
    for _ in range(DEPTH):
        linear = nn.Linear(WIDTH, WIDTH)
        nn.init.xavier_normal_(linear.weight)
        nn.init.zeros_(linear.bias)
        layers += [linear, nn.Tanh()]
    head = nn.Linear(WIDTH, 1)
    nn.init.xavier_normal_(head.weight)
    nn.init.zeros_(head.bias)
    return nn.Sequential(*layers, head)


torch.manual_seed(1)
inputs, targets = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)


def backward_signal(model):
    """Norm of dLoss/dh for the output h of each hidden layer: the gradient reaching it."""
    hidden, hidden_outputs = inputs, []
    for layer in model:
        hidden = layer(hidden)
        if isinstance(layer, nn.Tanh):
            hidden_outputs.append(hidden)
    loss = nn.functional.mse_loss(hidden, targets)
    return [grad.norm().item() for grad in torch.autograd.grad(loss, hidden_outputs)]


def relative_to_last_layer(signal):
    return [value / signal[-1] for value in signal]


# 1. Shrink every weight matrix by the same factor, as L2 does, and look again.
signal_per_weight_scale = []  # one list per scale, layer 1 to 20
for scale in WEIGHT_SCALES:
    model = build_model()
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("weight"):
                parameter.mul_(scale)
    signal_per_weight_scale.append(relative_to_last_layer(backward_signal(model)))


# 2. Train briefly, without and with a strong L2 penalty on the weight matrices.
def train(l2_strength):
    model = build_model()
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
    # SGD's weight_decay adds l2_strength * w to the gradient: an L2 penalty
    # (l2_strength / 2) * ||w||^2 in the loss. Biases are left out here.
    optimizer = torch.optim.SGD(
        [{"params": weights, "weight_decay": l2_strength}, {"params": biases}],
        lr=LEARNING_RATE,
    )
    initial_norms = [weight.norm().item() for weight in weights]
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(inputs), targets)
        loss.backward()
        optimizer.step()
    shrink = [weight.norm().item() / norm for weight, norm in zip(weights, initial_norms)]
    return {
        "signal": relative_to_last_layer(backward_signal(model)),
        "weight_norm_ratio": sum(shrink) / len(shrink),
        "loss": nn.functional.mse_loss(model(inputs), targets).item(),
    }


trained = {"no L2": train(0.0), "strong L2": train(STRONG_L2)}

print(f"{'weights x':>10}{'gradient at layer 1 / at layer 20':>36}")
for scale, signal in zip(WEIGHT_SCALES, signal_per_weight_scale):
    print(f"{scale:>10}{signal[0]:>36.2e}")
print(f"{'after training':<16}{'weights x':>10}{'layer 1 / layer 20':>20}{'loss':>8}")
for name, result in trained.items():
    print(f"{name:<16}{result['weight_norm_ratio']:>10.2f}"
          f"{result['signal'][0]:>20.2e}{result['loss']:>8.3f}")

first_layer = [signal[0] for signal in signal_per_weight_scale]
assert all(smaller < larger for smaller, larger in zip(first_layer[1:], first_layer))
assert first_layer[-1] < 1e-4 * first_layer[0]  # weights x0.5: >10,000x less reaches layer 1
no_l2, strong_l2 = trained["no L2"], trained["strong L2"]
assert strong_l2["weight_norm_ratio"] < 0.7 < 0.95 < no_l2["weight_norm_ratio"]
assert strong_l2["signal"][0] < 1e-3 * no_l2["signal"][0]
assert strong_l2["loss"] > no_l2["loss"]  # and it fits the data worse
