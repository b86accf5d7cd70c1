import math

import torch
from torch import nn


def amp_training_step(model, optimizer, scaler, batches, max_norm, device_type="cpu"):
    """One optimizer step from several micro-batches, with float16 autocast, loss scaling
    and clipping in the only order that clips the true gradient: unscale, clip, step."""
    optimizer.zero_grad()
    for inputs, targets in batches:
        with torch.autocast(device_type, dtype=torch.float16):
            loss = nn.functional.mse_loss(model(inputs), targets)
        scaler.scale(loss / len(batches)).backward()
    scaler.unscale_(optimizer)  # .grad now holds the true (accumulated) gradient
    norm_before_clipping = nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    scaler.step(optimizer)  # skips the step if the gradient holds an inf or a NaN
    scaler.update()
    return norm_before_clipping.item()


# Demo (on a GPU: device "cuda", the model and data moved there).
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scaler = torch.amp.GradScaler("cpu")
batches = [(torch.randn(16, 8), 10 * torch.randn(16, 1)) for _ in range(4)]
norms = [amp_training_step(model, optimizer, scaler, batches, max_norm=1.0) for _ in range(5)]
clipped = torch.cat([p.grad.flatten() for p in model.parameters()]).norm().item()
print(f"gradient norm before clipping, per step: {[f'{n:.2f}' for n in norms]}")
print(f"after clipping: {clipped:.3f}; loss scale now {scaler.get_scale():.0f} (from 65536)")

# A step whose scaled float16 gradient overflowed (inf or NaN) was skipped and halved
# the scale; every other step clipped the true norm, not 2**16 times it.
skipped = [norm for norm in norms if not math.isfinite(norm)]
assert scaler.get_scale() == 2.0**16 / 2 ** len(skipped)
assert all(1 < norm < 1000 for norm in norms if math.isfinite(norm))
assert math.isfinite(norms[-1]) and abs(clipped - 1.0) < 1e-3
