import math

import torch
from torch import nn

LEARNING_RATE = 1e-3
gradient_sizes = [10.0 ** (exponent / 2) for exponent in range(-28, 5)]  # 1e-14 ... 1e2


def first_update(optimizer, gradient):
    """The first update of weights that start at zero, in learning rates."""
    weights = torch.zeros(len(gradient), requires_grad=True)
    optimizer = optimizer([weights], lr=LEARNING_RATE)
    weights.grad = torch.tensor(gradient)
    optimizer.step()
    return (-weights.detach() / LEARNING_RATE).tolist()


update_per_gradient = {
    name: first_update(optimizer, gradient_sizes)
    for name, optimizer in (("SGD", torch.optim.SGD), ("Adam", torch.optim.Adam),
                            ("RMSprop", torch.optim.RMSprop))
}

# 1. Where the rescaling stops: the defaults, and the update they predict.
adam_eps = torch.optim.Adam([torch.zeros(1)]).defaults["eps"]
rmsprop_defaults = torch.optim.RMSprop([torch.zeros(1)]).defaults
assert adam_eps == 1e-8 and rmsprop_defaults["eps"] == 1e-8
assert rmsprop_defaults["alpha"] == 0.99
for g, adam, rmsprop in zip(gradient_sizes, update_per_gradient["Adam"],
                            update_per_gradient["RMSprop"]):
    # First step: Adam's bias-corrected moments are g and g**2, so the update is
    # lr * g / (g + eps); RMSprop's average of g**2 is (1 - alpha) * g**2.
    assert math.isclose(adam, g / (g + adam_eps), rel_tol=1e-3)
    assert math.isclose(rmsprop, g / (math.sqrt(1 - 0.99) * g + 1e-8), rel_tol=1e-3)
update_at_1e_minus_10 = update_per_gradient["Adam"][gradient_sizes.index(1e-10)]
print(f"Adam, gradient 1e-10: update = {update_at_1e_minus_10:.2e} x learning rate")
assert update_at_1e_minus_10 < 0.02  # about 1% of a learning rate

# 2. Gradients that are not ordinary numbers.
weights = torch.ones(3, requires_grad=True)
adam = torch.optim.Adam([weights], lr=LEARNING_RATE)
weights.grad = torch.tensor([1e30, math.inf, math.nan])  # 1e30**2 overflows float32
adam.step()
after_bad_gradient = weights.tolist()
for _ in range(10):  # ten ordinary steps afterwards
    weights.grad = torch.ones(3)
    adam.step()
after_ten_good_steps = weights.tolist()
print("Adam, gradients [1e30, inf, nan]:", after_bad_gradient, "->", after_ten_good_steps)
assert after_bad_gradient[0] == 1.0  # 1e30 / sqrt(inf): an update of 0 ...
assert after_ten_good_steps[0] == 1.0  # ... and v stays inf: this weight is frozen for good
assert all(math.isnan(weight) for weight in after_bad_gradient[1:])  # inf, nan -> NaN weights

# 3. A network whose forward pass overflows: std-1 weights, 40 ReLU layers of 256.
torch.manual_seed(0)
layers = []
for _ in range(40):
    linear = nn.Linear(256, 256)
    nn.init.normal_(linear.weight, std=1.0)  # should be sqrt(2 / 256): 11x too large
    layers += [linear, nn.ReLU()]
exploding = nn.Sequential(*layers, nn.Linear(256, 1))
adam = torch.optim.Adam(exploding.parameters(), lr=LEARNING_RATE)
loss = nn.functional.mse_loss(exploding(torch.randn(64, 256)), torch.randn(64, 1))
loss.backward()
adam.step()
nan_weights = sum(weight.isnan().sum().item() for weight in exploding.parameters())
all_weights = sum(weight.numel() for weight in exploding.parameters())
print(f"Exploding network: loss = {loss.item()}, NaN weights after one Adam step: "
      f"{nan_weights / all_weights:.0%}")
assert not math.isfinite(loss.item())
assert nan_weights > 0.5 * all_weights
