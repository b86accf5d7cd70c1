import math

import torch
from torch import nn


class SpikeGuard:
    """Flags a step whose loss or gradient norm is far above its recent history.

    Keeps an exponential moving mean and variance of each (of accepted steps only, so a
    spike does not raise the bar for the next one) and flags a value more than
    `threshold` standard deviations above its mean, once `warmup` steps are seen."""

    def __init__(self, threshold=6.0, decay=0.95, warmup=20):
        self.threshold, self.decay, self.warmup = threshold, decay, warmup
        self.steps, self.mean, self.variance = 0, {}, {}

    def is_spike(self, **values):
        spike = not all(math.isfinite(value) for value in values.values()) or (
            self.steps >= self.warmup and any(
                value > self.mean[name] + self.threshold * math.sqrt(self.variance[name])
                for name, value in values.items()))
        if not spike:
            self.steps += 1
            for name, value in values.items():
                mean = self.mean.get(name, value)
                self.mean[name] = self.decay * mean + (1 - self.decay) * value
                self.variance[name] = self.decay * (self.variance.get(name, 0.0)
                                                    + (1 - self.decay) * (value - mean) ** 2)
        return spike


# Demo: 100 SGD steps of a regression; batch 60 is corrupted (targets x 100).
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(8, 32), nn.Tanh(), nn.Linear(32, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
true_weights = torch.randn(8, 1)
guard, skipped = SpikeGuard(), []
for step in range(100):
    inputs = torch.randn(32, 8)
    targets = inputs @ true_weights * (100 if step == 60 else 1)
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(inputs), targets)
    loss.backward()
    grad_norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm=float("inf"))
    if guard.is_spike(loss=loss.item(), grad_norm=grad_norm.item()):
        skipped.append(step)  # drop this batch's gradient: no step
        continue
    optimizer.step()
print(f"skipped steps: {skipped}; last loss {loss.item():.3f}")

assert skipped == [60]
