import math

import torch
from torch import nn

DEPTH, WIDTH, BATCH, STEPS, LEARNING_RATE = 8, 64, 256, 20, 0.01
torch.manual_seed(0)
inputs, targets = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)


def grad_norm_per_layer(model):
    """‖∂loss/∂θ‖ for every parameter tensor; call it right after loss.backward()."""
    named_grads = [(name, p.grad) for name, p in model.named_parameters() if p.grad is not None]
    norms = torch.stack([torch.linalg.vector_norm(grad) for _, grad in named_grads])
    return dict(zip([name for name, _ in named_grads], norms.tolist()))  # one sync, not one per layer


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


NETS = {  # name: (activation, std of the hidden weights)
    "healthy": (nn.ReLU, math.sqrt(2 / WIDTH)),  # He
    "vanishing": (nn.Sigmoid, math.sqrt(1 / WIDTH)),  # sigmoid, 8 layers deep
    "exploding": (nn.ReLU, 1.5 * math.sqrt(2 / WIDTH)),  # weights 1.5x too large
}
grad_norm_history, loss_history = {}, {}
for name, (activation, weight_std) in NETS.items():
    torch.manual_seed(1)
    model = make_mlp(activation, weight_std)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    grad_norm_history[name], loss_history[name] = [], []
    for step in range(STEPS):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(inputs), targets)
        if not torch.isfinite(loss):
            break  # stop at the first inf/NaN loss, as keras.callbacks.TerminateOnNaN does
        loss.backward()
        grad_norms = grad_norm_per_layer(model)
        grad_norm_history[name].append([norm for key, norm in grad_norms.items() if key.endswith("weight")])
        loss_history[name].append(loss.item())
        optimizer.step()
    first, last = grad_norm_history[name][0][0], grad_norm_history[name][0][-1]
    print(f"{name:<10} step 0: layer 1 {first:.1e}, layer {DEPTH + 1} {last:.1e}; "
          f"{len(loss_history[name])} finite steps, loss {loss_history[name][-1]:.3g}")

healthy, vanishing, exploding = (grad_norm_history[name] for name in NETS)
# Healthy: every layer's gradient norm stays between 0.01 and 1,000, all steps finite.
assert len(healthy) == STEPS and all(1e-2 < norm < 1e3 for step in healthy for norm in step)
# Vanishing: layer 1 gets 10,000x less gradient than the output layer, and the loss stalls:
# over the last 10 steps it moves by less than 0.1%, the healthy net's by more than 1%.
assert vanishing[0][0] < 1e-4 * vanishing[0][-1] and all(step[0] < 1e-4 for step in vanishing)


def change_over_last_10_steps(losses):
    return abs(losses[-1] - losses[-10]) / losses[-10]


assert change_over_last_10_steps(loss_history["vanishing"]) < 1e-3
assert change_over_last_10_steps(loss_history["healthy"]) > 1e-2
# Exploding: within two steps every layer's norm grows more than 1000x (here in one), and
# the loss is inf/NaN within 5 steps.
growth = [max((step[layer] for step in exploding[1:3]), default=0) / exploding[0][layer]
          for layer in range(len(exploding[0]))]
assert len(exploding) < 5 and all(ratio > 1e3 for ratio in growth)
assert exploding[0][0] < exploding[0][-1]  # huge everywhere, yet not largest at the input
