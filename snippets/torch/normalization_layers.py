import torch
from torch import nn

DEPTH, WIDTH, BATCH = 32, 64, 256
WEIGHT_STD = 0.3  # He initialization would be sqrt(2 / 64) ≈ 0.18: each layer amplifies

torch.manual_seed(0)
raw_inputs = torch.randn(BATCH, WIDTH) * 100 + 50
# Perfectly standardized inputs: every feature has mean 0 and standard deviation 1.
inputs = (raw_inputs - raw_inputs.mean(dim=0)) / raw_inputs.std(dim=0)
targets = torch.randn(BATCH, 1)

# One badly initialized stack of linear layers, shared by every variant below. No bias:
# a normalization layer's shift beta replaces it (Ioffe & Szegedy 2015).
linears = nn.ModuleList(nn.Linear(WIDTH, WIDTH, bias=False) for _ in range(DEPTH))
for linear in linears:
    nn.init.normal_(linear.weight, std=WEIGHT_STD)
head = nn.Linear(WIDTH, 1)
nn.init.xavier_uniform_(head.weight)
nn.init.zeros_(head.bias)
no_norms = nn.ModuleList(nn.Identity() for _ in range(DEPTH))
batch_norms = nn.ModuleList(nn.BatchNorm1d(WIDTH) for _ in range(DEPTH))
layer_norms = nn.ModuleList(nn.LayerNorm(WIDTH) for _ in range(DEPTH))


def measure(norms):
    """Blocks Linear -> norm -> ReLU (Ioffe & Szegedy's placement). Per block: the std
    of its output h_l and the norm of the gradient dLoss/dh_l that flows back into it."""
    hidden, block_outputs = inputs, []
    for linear, norm in zip(linears, norms):
        hidden = torch.relu(norm(linear(hidden)))
        block_outputs.append(hidden)
    loss = nn.functional.mse_loss(head(hidden), targets)
    grads = torch.autograd.grad(loss, block_outputs)
    return [h.std().item() for h in block_outputs], [g.norm().item() for g in grads]


results = {}
# Eval mode first, while the running statistics still hold their initial values
# (mean 0, variance 1): BatchNorm then only divides by sqrt(1 + eps).
batch_norms.eval()
results["BatchNorm, eval mode, fresh statistics"] = measure(batch_norms)
batch_norms.train()
results["no normalization"] = measure(no_norms)
results["BatchNorm, train mode"] = measure(batch_norms)
results["LayerNorm"] = measure(layer_norms)
activation_std_per_layer = {name: std for name, (std, grad) in results.items()}
grad_norm_per_layer = {name: grad for name, (std, grad) in results.items()}
print(f"{'variant':<40}{'std h_1':>9}{'std h_32':>10}{'|dL/dh_1|':>11}{'|dL/dh_32|':>12}")
for name, (std, grad) in results.items():
    print(f"{name:<40}{std[0]:>9.2g}{std[-1]:>10.2g}{grad[0]:>11.2g}{grad[-1]:>12.2g}")


def spread(values):
    return max(values) / min(values)


# Standardized inputs do not save a badly initialized deep network.
plain_std, plain_grad = results["no normalization"]
assert plain_std[-1] > 1e4 * plain_std[0]  # activations grow > 10^4-fold
assert plain_grad[0] > 1e4 * plain_grad[-1]  # and gradients, towards the input
assert 1.4 < (plain_std[-1] / plain_std[0]) ** (1 / (DEPTH - 1)) < 1.9  # per layer
# Normalization inside the network keeps the activations near 1 in every layer ...
for name in ("BatchNorm, train mode", "LayerNorm"):
    assert all(0.4 < std < 1.5 for std in activation_std_per_layer[name]), name
# ... and gradients in range: LayerNorm's within 20x of each other; BatchNorm's still grow
# towards the input, by far less (Yang et al. 2019 show this growth is BatchNorm's own).
batch_norm_grad = grad_norm_per_layer["BatchNorm, train mode"]
layer_norm_grad = grad_norm_per_layer["LayerNorm"]
assert plain_grad[0] > 1e8 * batch_norm_grad[0]
assert plain_grad[0] > 1e8 * layer_norm_grad[0]
assert 1.1 < (batch_norm_grad[0] / batch_norm_grad[-1]) ** (1 / (DEPTH - 1)) < 1.3
assert spread(layer_norm_grad) < 20
# In eval mode, untrained running statistics make BatchNorm a no-op: the network
# explodes exactly as without normalization.
eval_grad = grad_norm_per_layer["BatchNorm, eval mode, fresh statistics"]
assert all(0.9 < value / no_norm_value < 1.1
           for value, no_norm_value in zip(eval_grad, plain_grad))
# LayerNorm has no running statistics: eval mode computes what train mode does.
probe = torch.randn(BATCH, WIDTH) * 5 + 3
train_mode_output = layer_norms[0](probe)
layer_norms.eval()
assert torch.equal(layer_norms[0](probe), train_mode_output)
