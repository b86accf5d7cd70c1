import torch
from torch import nn

# The defaults: start at 2**16, halve on inf/NaN, double after 2000 clean steps.
default_scaler = torch.amp.GradScaler("cpu")
assert default_scaler.get_scale() == 2.0**16
assert default_scaler.get_backoff_factor() == 0.5 and default_scaler.get_growth_factor() == 2.0
assert default_scaler.get_growth_interval() == 2000

# On the CPU autocast uses bfloat16 unless told otherwise; float16 works when asked for.
assert torch.get_autocast_dtype("cpu") == torch.bfloat16

# A regression whose weight gradient starts at -8: scaled by S = 2**13 or more it
# exceeds 65504 in float16. growth_interval=3 so that growth shows within 16 steps.
model = nn.Linear(4, 1)
nn.init.zeros_(model.weight)
nn.init.zeros_(model.bias)
inputs, targets = torch.ones(8, 4), torch.full((8, 1), 4.0)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
scaler = torch.amp.GradScaler("cpu", growth_interval=3)

scale_per_step, skipped_per_step = [], []
for step in range(16):
    optimizer.zero_grad()
    with torch.autocast("cpu", dtype=torch.float16):  # float16 autocast works on CPU
        predictions = model(inputs)
        loss = nn.functional.mse_loss(predictions, targets)  # autocast runs it in float32
    assert predictions.dtype == torch.float16 and loss.dtype == torch.float32
    scale_per_step.append(int(scaler.get_scale()))
    scaler.scale(loss).backward()
    weight_before = model.weight.detach().clone()
    scaler.step(optimizer)  # skipped if any gradient is inf or NaN
    scaler.update()  # halves the scale after a skip, doubles it after 3 clean steps
    skipped_per_step.append(torch.equal(model.weight, weight_before))
    print(f"step {step:>2}  scale {scale_per_step[-1]:>7.0f}  "
          f"{'skipped' if skipped_per_step[-1] else 'stepped'}  loss {loss.item():.3f}")

# Four overflows in a row: the scale halves each time, 2**16 -> 2**12, nothing changes.
assert skipped_per_step[:4] == [True] * 4
assert scale_per_step[:5] == [2.0**16, 2.0**15, 2.0**14, 2.0**13, 2.0**12]
# Then three clean steps at 2**12, growth to 2**13, and so on: the scale hunts for the
# largest power of two that does not overflow, and each overshoot costs one step.
assert scale_per_step[4:8] == [2.0**12] * 3 + [2.0**13]
assert skipped_per_step[4:10] == [False] * 6 and skipped_per_step[10]
assert sum(skipped_per_step) == 5
assert scale_per_step[10] == 2**14 and scale_per_step[11] == 2**13
