import copy
import math

import torch
from torch import nn

DEPTH, WIDTH, BATCH, STEPS = 8, 64, 128, 100
PEAK_LEARNING_RATE, WARMUP_STEPS, FINAL_FRACTION = 0.03, 50, 0.1

torch.manual_seed(0)
teacher = torch.randn(WIDTH, 1) / math.sqrt(WIDTH)
inputs = torch.randn(STEPS, BATCH, WIDTH)
targets = inputs @ teacher

layers = []
for _ in range(DEPTH):
    linear = nn.Linear(WIDTH, WIDTH)
    nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
    nn.init.zeros_(linear.bias)
    layers += [linear, nn.ReLU()]
head = nn.Linear(WIDTH, 1)
nn.init.kaiming_normal_(head.weight, nonlinearity="linear")
nn.init.zeros_(head.bias)
initial_network = nn.Sequential(*layers, head)


def schedule(warmup_steps):
    """Linear warm-up from 0, then cosine decay to FINAL_FRACTION of the peak (as Keras's
    CosineDecay(warmup_target=..., warmup_steps=...) does), as a multiplier of the peak."""
    decay_steps = STEPS - warmup_steps

    def multiplier(step):
        if step < warmup_steps:
            return step / warmup_steps
        progress = min(step - warmup_steps, decay_steps) / decay_steps
        return FINAL_FRACTION + (1 - FINAL_FRACTION) * 0.5 * (1 + math.cos(math.pi * progress))
    return multiplier


def train(warmup_steps):
    """Losses, and each step's median |update| divided by that step's learning rate."""
    network = copy.deepcopy(initial_network)
    optimizer = torch.optim.Adam(network.parameters(), lr=PEAK_LEARNING_RATE)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule(warmup_steps))
    losses, update_in_learning_rates = [], []
    for step in range(STEPS):
        loss = nn.functional.mse_loss(network(inputs[step]), targets[step])
        optimizer.zero_grad()
        loss.backward()
        before = nn.utils.parameters_to_vector(network.parameters()).detach()
        learning_rate = scheduler.get_last_lr()[0]
        optimizer.step()
        scheduler.step()
        update = nn.utils.parameters_to_vector(network.parameters()).detach() - before
        losses.append(loss.item())
        if learning_rate > 0:
            update_in_learning_rates.append(update.abs().median().item() / learning_rate)
    return losses, update_in_learning_rates


losses, update_size = {}, {}
for name, warmup_steps in (("no warm-up", 0), ("warm-up", WARMUP_STEPS)):
    losses[name], update_size[name] = train(warmup_steps)
initial_loss = losses["no warm-up"][0]
worst_loss_ratio = {name: max(run) / initial_loss for name, run in losses.items()}
final_loss = {name: sum(run[-10:]) / 10 for name, run in losses.items()}
first_update, late_update = update_size["no warm-up"][0], update_size["no warm-up"][-1]

print(f"initial loss {initial_loss:.3f}")
for name in losses:
    print(f"{name:>11}: worst loss {worst_loss_ratio[name]:8.1f} x initial, "
          f"final loss {final_loss[name]:.4f}")
print(f"Adam's median |update| / learning rate: step 1 {first_update:.2f}, "
      f"step {STEPS} {late_update:.2f}")

# Adam's first step is sign(g) * learning rate for every weight (the second-moment estimate
# is one sample), so its median |update| is one learning rate, more than later steps.
assert 0.99 < first_update <= 1.0 and late_update < 0.7 * first_update
# At the peak learning rate from step 1, those first steps blow the loss up ...
assert worst_loss_ratio["no warm-up"] > 10
# ... while the same peak reached after a linear warm-up never doubles it,
assert worst_loss_ratio["warm-up"] < 2
# and the run that blew up ends worse.
assert final_loss["no warm-up"] > final_loss["warm-up"]
