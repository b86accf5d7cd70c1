import math

import torch
from torch import nn

STEPS, LEARNING_RATE = 50, 0.1  # the learning rate is deliberately too high
MAX_NORMS = {"no clipping": None, "max_norm=1": 1.0, "max_norm=0.1 (too tight)": 0.1}

# A smooth 1-D regression, features fixed, targets of order 10.
x = torch.linspace(-2, 2, 256).unsqueeze(1)
features = torch.cat([x, x**2, torch.sin(3 * x), torch.cos(2 * x)], dim=1)
targets = 10 * torch.sin(2 * x) + 10


def train(max_norm):
    """Full-batch SGD; per step: the loss, and the gradient norm BEFORE clipping."""
    torch.manual_seed(0)
    widths = [4, 32, 32, 32, 32]
    layers = []
    for fan_in, fan_out in zip(widths, widths[1:]):
        layers += [nn.Linear(fan_in, fan_out), nn.SiLU()]
    model = nn.Sequential(*layers, nn.Linear(32, 1))
    for module in model:
        if isinstance(module, nn.Linear):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    losses, grad_norms = [], []
    for step in range(STEPS):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(features), targets)
        losses.append(loss.item())
        if not math.isfinite(loss.item()):
            break  # diverged: every later step would be NaN
        loss.backward()
        if max_norm is None:
            grad_norm = nn.utils.get_total_norm([p.grad for p in model.parameters()])
        else:
            # Clips in place and returns the norm it found, before clipping.
            grad_norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        grad_norms.append(grad_norm.item())
        optimizer.step()
    return losses, grad_norms


loss_per_step, grad_norm_per_step = {}, {}
for name, max_norm in MAX_NORMS.items():
    loss_per_step[name], grad_norm_per_step[name] = train(max_norm)
    losses = loss_per_step[name]
    print(f"{name:<26} steps run: {len(losses):>2}   first loss {losses[0]:8.1f}"
          f"   last loss {losses[-1]:8.3g}")

unclipped, clipped = loss_per_step["no clipping"], loss_per_step["max_norm=1"]
too_tight = loss_per_step["max_norm=0.1 (too tight)"]
assert not math.isfinite(unclipped[-1])  # inf/NaN before the 50 steps are over
# The gradient norm passes 1e3 at least one step before the loss is inf or NaN.
first_norm_above_1e3 = next(step for step, norm in enumerate(grad_norm_per_step["no clipping"])
                            if norm > 1e3)
assert first_norm_above_1e3 <= len(unclipped) - 2
assert len(clipped) == STEPS and clipped[-1] < 0.2 * clipped[0]  # clipped: trains
assert too_tight[-1] > 0.8 * too_tight[0]  # too tight: has barely moved
assert too_tight[-1] > 5 * clipped[-1]
# Clipping acted on every step: the norm before clipping never fell to max_norm.
assert all(min(grad_norm_per_step[name]) > 5 * max_norm
           for name, max_norm in MAX_NORMS.items() if max_norm is not None)
