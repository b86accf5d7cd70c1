import copy
import math

import torch
from torch import nn

MICRO_BATCHES, MAX_NORM, LEARNING_RATE = 4, 0.1, 0.1

torch.manual_seed(0)
# Data of scale 0.5: float16 gradients times the 2**16 loss scale stay far from overflow.
inputs, targets = 0.5 * torch.randn(64, 8), 0.5 * torch.randn(64, 1)
initial_model = nn.Linear(8, 1)

# Reference: one plain float32 step on the whole batch, clipped to MAX_NORM.
reference = copy.deepcopy(initial_model)
nn.functional.mse_loss(reference(inputs), targets).backward()
reference_norm = nn.utils.clip_grad_norm_(reference.parameters(), MAX_NORM).item()
expected_weight = initial_model.weight - LEARNING_RATE * reference.weight.grad


def amp_accumulated_step(model, unscale_before_clipping=True):
    """One optimizer step from 4 micro-batches, with float16 autocast and loss scaling."""
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    scaler = torch.amp.GradScaler("cpu")  # starts at 2**16
    optimizer.zero_grad()
    for inputs_part, targets_part in zip(inputs.chunk(MICRO_BATCHES),
                                         targets.chunk(MICRO_BATCHES)):
        with torch.autocast("cpu", dtype=torch.float16):
            loss = nn.functional.mse_loss(model(inputs_part), targets_part)
        scaler.scale(loss / MICRO_BATCHES).backward()  # gradients add up in .grad
    # Only after the last micro-batch: unscale, clip, step.
    if unscale_before_clipping:
        scaler.unscale_(optimizer)  # divides .grad by the scale, in place
    grad_norm = nn.utils.clip_grad_norm_(model.parameters(), MAX_NORM)
    scaler.step(optimizer)  # unscales if not done yet; skips the step on inf/NaN
    scaler.update()
    return grad_norm.item(), scaler.get_scale()


model = copy.deepcopy(initial_model)
grad_norm, scale = amp_accumulated_step(model)
print(f"right order: clip saw norm {grad_norm:.4f} (float32, whole batch: "
      f"{reference_norm:.4f}); scale after the step {scale:.0f}")
assert reference_norm > MAX_NORM  # so the clipping does something
assert scale == 2.0**16  # no overflow: the step was taken, the scale is unchanged
assert math.isclose(grad_norm, reference_norm, rel_tol=0.01)  # float16 rounding only
assert torch.allclose(model.weight, expected_weight, rtol=0.01, atol=1e-4)

# Wrong order: clip_grad_norm_ sees the gradients still multiplied by 2**16.
wrong_model = copy.deepcopy(initial_model)
wrong_norm, _ = amp_accumulated_step(wrong_model, unscale_before_clipping=False)
right_update = (model.weight - initial_model.weight).norm().item()
wrong_update = (wrong_model.weight - initial_model.weight).norm().item()
print(f"wrong order: clip saw norm {wrong_norm:.0f}; "
      f"update {wrong_update:.2e} instead of {right_update:.2e}")
assert math.isclose(wrong_norm, 2**16 * reference_norm, rel_tol=0.01)
assert wrong_update < right_update / 10_000  # clipped to MAX_NORM, THEN divided by 2**16
