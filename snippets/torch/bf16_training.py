import numpy as np
import torch
from torch import nn

# The same regression trained twice with SGD: once with bfloat16 weights, once with
# float32 master weights and bfloat16 compute (autocast). Data from NumPy, so that the
# Keras tab trains on exactly the same numbers.
torch.set_num_threads(1)
rng = np.random.default_rng(0)
inputs = rng.normal(size=(512, 32)).astype("float32")
teacher = rng.normal(size=(32, 1)) / np.sqrt(32)
targets = np.tanh(2 * inputs @ teacher).astype("float32")
inputs, targets = torch.from_numpy(inputs), torch.from_numpy(targets)


def make_model():
    torch.manual_seed(0)  # the same initial weights in both runs
    model = nn.Sequential(nn.Linear(32, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(),
                          nn.Linear(64, 1))
    for linear in model[::2]:
        nn.init.xavier_uniform_(linear.weight)  # as Keras' Dense: Glorot, zero bias
        nn.init.zeros_(linear.bias)
    return model


def train(weights_in_bfloat16, steps=200):
    """Loss per step, and per step the share of nonzero gradients whose weight did not move."""
    model = make_model()
    if weights_in_bfloat16:
        model = model.bfloat16()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    losses, lost = [], []
    for step in range(steps):
        before = [parameter.detach().clone() for parameter in model.parameters()]
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16):  # bfloat16 matmuls in both runs
            loss = nn.functional.mse_loss(model(inputs).float(), targets)
        loss.backward()
        optimizer.step()
        moved = nonzero = 0
        for parameter, old in zip(model.parameters(), before):
            has_update = parameter.grad != 0
            nonzero += has_update.sum().item()
            moved += (has_update & (parameter.detach() != old)).sum().item()
        losses.append(loss.item())
        lost.append(1 - moved / nonzero)
    return losses, lost


loss_per_step, lost_per_step = {}, {}
for name, weights_in_bfloat16 in (("float32 master weights", False),
                                  ("bfloat16 weights", True)):
    loss_per_step[name], lost_per_step[name] = train(weights_in_bfloat16)
    print(f"{name:>22}: loss {loss_per_step[name][0]:.3f} -> {loss_per_step[name][-1]:.4f}, "
          f"updates lost: {np.mean(lost_per_step[name]):.1%} of all, "
          f"{lost_per_step[name][-1]:.0%} in the last step")

mean_lost = {name: float(np.mean(lost)) for name, lost in lost_per_step.items()}
final_loss = {name: losses[-1] for name, losses in loss_per_step.items()}
assert mean_lost["bfloat16 weights"] > 0.5  # most SGD updates vanish in rounding
assert mean_lost["float32 master weights"] < 0.01
assert final_loss["bfloat16 weights"] > 1.3 * final_loss["float32 master weights"]
