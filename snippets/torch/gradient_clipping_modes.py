import inspect
import math

import torch
from torch import nn

# Two parameters whose gradients differ tenfold: norms 5 and 0.5.
BIG_GRAD, SMALL_GRAD = [3.0, 4.0], [0.3, 0.4]
big, small = nn.Parameter(torch.zeros(2)), nn.Parameter(torch.zeros(2))

CLIPS = {
    "global norm": lambda params: nn.utils.clip_grad_norm_(params, max_norm=1.0),
    # Keras' clipnorm: each parameter by its own norm.
    "per-variable norm": lambda params: [nn.utils.clip_grad_norm_(param, max_norm=1.0)
                                         for param in params],
    "value": lambda params: nn.utils.clip_grad_value_(params, clip_value=1.0),
}


def clip_and_read(clip, big_grad=BIG_GRAD):
    """Set the two gradients, clip them in place; return them and what clip returned."""
    big.grad, small.grad = torch.tensor(big_grad), torch.tensor(SMALL_GRAD)
    returned = clip([big, small])
    return big.grad.tolist(), small.grad.tolist(), returned


def norm(vector):
    return math.hypot(*vector)


clipped = {name: clip_and_read(clip) for name, clip in CLIPS.items()}
for name, (big_grad, small_grad, _) in clipped.items():
    print(f"{name:<18} big {[round(v, 4) for v in big_grad]}"
          f"  small {[round(v, 4) for v in small_grad]}")

# clip_grad_norm_ returns the norm BEFORE clipping: sqrt(5**2 + 0.5**2) = 5.025.
big_grad, small_grad, total_norm = clipped["global norm"]
assert math.isclose(total_norm.item(), math.hypot(5, 0.5), rel_tol=1e-6)
# Global norm: one factor 1/5.025 for both; direction and the 10:1 ratio are kept.
assert math.isclose(norm(big_grad), 1 / 1.005, rel_tol=1e-4)
assert math.isclose(norm(big_grad) / norm(small_grad), 10, rel_tol=1e-4)
# Per variable: big is cut to norm 1, small (0.5) is left alone; the ratio becomes 2.
big_grad, small_grad, _ = clipped["per-variable norm"]
assert math.isclose(norm(big_grad), 1.0, rel_tol=1e-6)
assert small_grad == torch.tensor(SMALL_GRAD).tolist()
# By value: [3, 4] becomes [1, 1]; the direction changes.
assert clipped["value"][0] == [1.0, 1.0]

# A single inf. By default clip_grad_norm_ does not complain...
assert inspect.signature(nn.utils.clip_grad_norm_).parameters[
    "error_if_nonfinite"].default is False
big_grad, small_grad, total_norm = clip_and_read(CLIPS["global norm"], big_grad=[math.inf, 4])
print(f"with an inf: norm {total_norm.item()}, big {big_grad}, small {small_grad}")
# ...the factor max_norm / inf is 0: finite gradients become 0, the inf becomes NaN.
assert math.isinf(total_norm.item())
assert math.isnan(big_grad[0]) and big_grad[1] == 0 and small_grad == [0.0, 0.0]
# Clipping each parameter by its own norm: only the parameter with the inf is hit.
big_grad, small_grad, _ = clip_and_read(CLIPS["per-variable norm"], big_grad=[math.inf, 4])
assert math.isnan(big_grad[0]) and big_grad[1] == 0
assert small_grad == torch.tensor(SMALL_GRAD).tolist()
# With error_if_nonfinite=True it raises instead, and leaves the gradients alone.
big.grad = torch.tensor([math.inf, 4.0])
try:
    nn.utils.clip_grad_norm_([big, small], max_norm=1.0, error_if_nonfinite=True)
    raised = False
except RuntimeError:
    raised = True
assert raised and big.grad.tolist() == [math.inf, 4.0]
# Clipping by value turns the inf into 1.0 and hides it.
assert clip_and_read(CLIPS["value"], big_grad=[math.inf, 4])[0] == [1.0, 1.0]
