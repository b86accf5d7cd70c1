import warnings

import torch

torch.manual_seed(0)
points = torch.randn(4, 8, requires_grad=True)
anchors = points.detach() + 0.1 * torch.randn(4, 8)
anchors[0] = points[0].detach()  # one point sits exactly on its anchor: distance 0

# Without help: the loss is finite, yet one row of the gradient is NaN. Which op made it?
distance = ((points - anchors) ** 2).sum(dim=1).sqrt()
distance.mean().backward()
print(f"loss {distance.mean().item():.3f}; gradient rows with NaN: "
      f"{points.grad.isnan().any(dim=1).tolist()}")
assert torch.isfinite(distance).all() and points.grad[0].isnan().all()

# Anomaly mode: backward raises at the first op whose gradient holds a NaN, and warns
# with the traceback of the forward line that created that op. Slow: debugging only.
points.grad = None
with warnings.catch_warnings(record=True) as caught, torch.autograd.detect_anomaly():
    warnings.simplefilter("always")
    distance = ((points - anchors) ** 2).sum(dim=1).sqrt()
    try:
        distance.mean().backward()
    except RuntimeError as error:
        message = str(error)
forward_traceback = next(str(w.message) for w in caught if "Traceback of forward" in str(w.message))
print(message)
print(forward_traceback.splitlines()[0], forward_traceback.splitlines()[2].strip())
assert message == "Function 'PowBackward0' returned nan values in its 0th output."
assert "Error detected in PowBackward0" in forward_traceback
assert "distance = ((points - anchors) ** 2).sum(dim=1).sqrt()" in forward_traceback
# It names PowBackward0, not the culprit: sqrt's gradient at 0 is inf (not NaN), the sum
# passes it on, and the derivative of x**2 turns it into NaN as inf * 0.
