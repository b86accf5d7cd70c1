import torch
from torch import nn


class GradientNormLog:
    """Records each parameter's gradient norm whenever backward() finishes with it.

    A post-accumulate-grad hook runs after the gradient has been added to .grad, in any
    training loop. It fires on every backward(): with gradient accumulation it logs the
    running sum after each micro-batch, with a GradScaler the still-scaled gradient, and
    under DDP (which averages in its own hooks) possibly the local gradient. Log after
    the last micro-batch and scaler.unscale_() when you need the gradient that is used."""

    def __init__(self, model):
        self._norms = {name: [] for name, _ in model.named_parameters()}
        self._handles = [parameter.register_post_accumulate_grad_hook(self._recorder(name))
                         for name, parameter in model.named_parameters()]

    def _recorder(self, name):
        def record(parameter):
            # A tensor, not .item(): on a GPU, .item() would wait for the device in the
            # middle of backward(), once per parameter.
            self._norms[name].append(torch.linalg.vector_norm(parameter.grad.detach()))
        return record

    def collect(self):
        """The norms recorded since the last call, as Python floats: one transfer from
        the device for all of them. Call it when you log, e.g. every 100 steps."""
        recorded = [norm for norms in self._norms.values() for norm in norms]
        values = iter(torch.stack(recorded).tolist() if recorded else [])
        collected = {name: [next(values) for _ in norms] for name, norms in self._norms.items()}
        for norms in self._norms.values():
            norms.clear()
        return collected

    def remove(self):
        for handle in self._handles:
            handle.remove()


# Demo: three steps of a small network.
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(16, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(),
                      nn.Linear(32, 1))
log = GradientNormLog(model)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
inputs, targets = torch.randn(64, 16), torch.randn(64, 1)
for step in range(3):
    optimizer.zero_grad()
    nn.functional.mse_loss(model(inputs), targets).backward()
    optimizer.step()
history = log.collect()

for name, norms in history.items():
    print(f"{name:<10}" + "".join(f"{norm:>10.2e}" for norm in norms))
weight_norms = {name: norms for name, norms in history.items() if name.endswith("weight")}
assert all(len(norms) == 3 for norms in history.values())  # one entry per step
assert all(norm > 0 for norms in weight_norms.values() for norm in norms)
# The hook saw the same gradient the optimizer used on the last step.
assert history["4.weight"][-1] == model[4].weight.grad.norm().item()
# Removed, the hooks record nothing more.
log.remove()
nn.functional.mse_loss(model(inputs), targets).backward()
assert not any(log.collect().values())
