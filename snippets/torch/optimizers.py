import copy

import torch
from torch import nn

DEPTH, WIDTH, BATCH, LEARNING_RATE = 20, 64, 256, 1e-3
OPTIMIZERS = {"SGD": torch.optim.SGD, "Adam": torch.optim.Adam, "RMSprop": torch.optim.RMSprop}

# The 20-layer sigmoid network of the activation-functions page.
torch.manual_seed(0)
layers = []
for _ in range(DEPTH):
    linear = nn.Linear(WIDTH, WIDTH)
    nn.init.xavier_normal_(linear.weight)
    nn.init.zeros_(linear.bias)
    layers += [linear, nn.Sigmoid()]
head = nn.Linear(WIDTH, 1)
nn.init.xavier_normal_(head.weight)
nn.init.zeros_(head.bias)
network = nn.Sequential(*layers, head)
inputs, targets = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)


def hidden_weights(model):
    return [layer.weight for layer in model if isinstance(layer, nn.Linear)][:DEPTH]


def backward(model):
    model.zero_grad()
    nn.functional.mse_loss(model(inputs), targets).backward()
    return [weight.grad.clone() for weight in hidden_weights(model)]


def mean_abs(tensors):
    return [tensor.abs().mean().item() for tensor in tensors]


def first_update(optimizer_class, gradients):
    """Mean |update| of each hidden layer in the first step, in learning rates.

    Applied to zero-valued copies of the weights: none of these updates depends on
    the weights' values, and 0 + update is exact, where w + update may round to w."""
    copies = [torch.zeros_like(gradient, requires_grad=True) for gradient in gradients]
    for weight, gradient in zip(copies, gradients):
        weight.grad = gradient
    optimizer_class(copies, lr=LEARNING_RATE).step()
    return [update / LEARNING_RATE for update in mean_abs(copies)]


gradients = backward(network)
gradient_per_layer = mean_abs(gradients)
update_per_layer = {name: first_update(optimizer_class, gradients)
                    for name, optimizer_class in OPTIMIZERS.items()}

# Now real steps on the network's own weights.
sgd_model, adam_model = copy.deepcopy(network), copy.deepcopy(network)
for model, optimizer_class in ((sgd_model, torch.optim.SGD), (adam_model, torch.optim.Adam)):
    backward(model)
    optimizer_class(model.parameters(), lr=LEARNING_RATE).step()
sgd_left_unchanged = [torch.equal(new, old) for new, old in
                      zip(hidden_weights(sgd_model), hidden_weights(network))]
gradient_after_adam_step = mean_abs(backward(adam_model))

print(f"{'':>9}{'mean |gradient|':>16}" + "".join(f"{name:>12}" for name in OPTIMIZERS))
for layer in (0, 9, 14, 19):
    print(f"layer {layer + 1:<3}{gradient_per_layer[layer]:>16.2e}"
          + "".join(f"{update_per_layer[name][layer]:>12.2e}" for name in OPTIMIZERS))
print("(update columns: mean |update| / learning rate)")
print("layers SGD left bit-for-bit unchanged:",
      [layer + 1 for layer, unchanged in enumerate(sgd_left_unchanged) if unchanged])

sgd, adam, rmsprop = (update_per_layer[name] for name in OPTIMIZERS)
# SGD: the update is the gradient times the learning rate, so it vanishes with it,
assert sgd[0] < 1e-9 * sgd[-1]
assert all(abs(update / gradient - 1) < 1e-4 for update, gradient in zip(sgd, gradient_per_layer))
# and below float32's resolution w - lr * g rounds back to w: most of the first layers did
# not move at all.
assert sum(sgd_left_unchanged[:10]) >= 5 and not sgd_left_unchanged[-1]
# Adam's first step is g / (|g| + eps), eps = 1e-8: about one learning rate where
# |g| >> 1e-8, proportional to g below it.
adam_formula = [(g.abs() / (g.abs() + 1e-8)).mean().item() for g in gradients]
assert all(abs(measured / predicted - 1) < 1e-3 for measured, predicted in zip(adam, adam_formula))
# So the top layers move by about one learning rate (RMSprop: 1 / sqrt(1 - alpha) = 10),
# 100s of times SGD's step...
assert all(0.95 < update <= 1.0 for update in adam[-4:])
assert all(9 < update <= 10 for update in rmsprop[-4:])
assert adam[-4] > 100 * sgd[-4]
# ...but layer 1, whose gradient is far below epsilon, gets no such help.
assert adam[0] < 1e-5 and rmsprop[0] < 1e-5
# And the gradients are as lopsided after Adam's step as before it.
assert gradient_after_adam_step[0] < 1e-9 * gradient_after_adam_step[-1]
