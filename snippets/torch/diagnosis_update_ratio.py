import math
import statistics

import torch
from torch import nn

DEPTH, WIDTH, BATCH, STEPS = 8, 64, 256, 5
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


def update_ratio_per_layer(model, optimizer):
    """‖ΔW‖ / ‖W‖ of every weight matrix over one optimizer step."""
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    before = [weight.detach().clone() for weight in weights]
    optimizer.zero_grad()
    nn.functional.mse_loss(model(inputs), targets).backward()
    optimizer.step()
    ratios = [(weight.detach() - old).norm() / old.norm() for weight, old in zip(weights, before)]
    return torch.stack(ratios).tolist()  # one transfer from the device, not one per layer


CONFIGS = {  # name: (activation, std of the hidden weights, optimizer, learning rate)
    "healthy, Adam 1e-3": (nn.ReLU, math.sqrt(2 / WIDTH), torch.optim.Adam, 1e-3),
    "healthy, Adam 1e-1": (nn.ReLU, math.sqrt(2 / WIDTH), torch.optim.Adam, 1e-1),
    "vanishing, SGD 1e-2": (nn.Sigmoid, math.sqrt(1 / WIDTH), torch.optim.SGD, 1e-2),
    "vanishing, Adam 1e-3": (nn.Sigmoid, math.sqrt(1 / WIDTH), torch.optim.Adam, 1e-3),
}
update_ratio = {}
for name, (activation, weight_std, optimizer_class, learning_rate) in CONFIGS.items():
    torch.manual_seed(1)
    model = make_mlp(activation, weight_std)
    optimizer = optimizer_class(model.parameters(), lr=learning_rate)
    per_step = [update_ratio_per_layer(model, optimizer) for _ in range(STEPS)]
    update_ratio[name] = [statistics.median(layer) for layer in zip(*per_step)]  # per layer
    print(f"{name:<22}" + " ".join(f"{ratio:.0e}" for ratio in update_ratio[name]))

assert all(1e-3 < ratio < 1e-2 for ratio in update_ratio["healthy, Adam 1e-3"])  # the rule of thumb
assert all(ratio > 5e-2 for ratio in update_ratio["healthy, Adam 1e-1"])  # 100x too fast
# SGD moves layer 1 of the vanishing net less than a millionth per step: it is frozen.
assert update_ratio["vanishing, SGD 1e-2"][0] < 1e-6 < 1e-4 < update_ratio["vanishing, SGD 1e-2"][-1]
# Adam divides each gradient by its running RMS (plus a small epsilon): layer 1 moves
# 10,000x more than with SGD, and the update ratio no longer shows the vanishing gradient.
adam_layer_1, sgd_layer_1 = update_ratio["vanishing, Adam 1e-3"][0], update_ratio["vanishing, SGD 1e-2"][0]
assert adam_layer_1 > 1e-4 and adam_layer_1 > 1e4 * sgd_layer_1
