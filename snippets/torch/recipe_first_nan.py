import torch
from torch import nn


def stop_at_first_non_finite_output(model):
    """Forward hooks: raise at the first module whose output holds an inf or a NaN."""
    def check(module, inputs, output):
        if isinstance(output, torch.Tensor) and not torch.isfinite(output).all():
            raise FloatingPointError(f"{module.__class__.__name__} ({module_names[module]}) "
                                     "produced inf or NaN in the forward pass")
    module_names = {module: name for name, module in model.named_modules()}
    return [module.register_forward_hook(check) for module in model.modules()]


class Log(nn.Module):
    def forward(self, x):
        return torch.log(x)


# Demo 1, forward: log() of a negative input gives NaN; the hook names the module.
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 4), Log(), nn.Linear(4, 1))
hooks = stop_at_first_non_finite_output(model)
try:
    model(torch.randn(8, 4))
    forward_error = None
except FloatingPointError as error:
    forward_error = str(error)
for hook in hooks:
    hook.remove()
print("forward:", forward_error)

# Demo 2, backward: sqrt is finite at 0, its derivative is not; anomaly mode names the
# backward function that made the NaN (slow: for debugging only).
x = torch.zeros(3, requires_grad=True)
try:
    with torch.autograd.detect_anomaly(check_nan=True):
        (torch.sqrt(x) * 0).sum().backward()
    backward_error = None
except RuntimeError as error:
    backward_error = str(error)
print("backward:", backward_error)

assert forward_error.startswith("Log (1) produced inf or NaN")
assert "SqrtBackward0" in backward_error and "nan" in backward_error
