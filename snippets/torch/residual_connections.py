import math

import torch
from torch import nn

DEPTH, WIDTH, BATCH = 50, 64, 256


def pytorch_default_(weight):
    # What nn.Linear does on its own: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    return nn.init.kaiming_uniform_(weight, a=math.sqrt(5))


def he_normal_(weight):
    return nn.init.kaiming_normal_(weight, nonlinearity="relu")


def lecun_normal_(weight):
    return nn.init.kaiming_normal_(weight, nonlinearity="linear")


# Every block has the same branch, F(h) = W2 relu(W1 h); a config chooses how blocks
# are joined (h + F(h), or F(h) alone) and how the branch is initialized or scaled.
CONFIGS = {
    "plain": dict(skip=False, init=(pytorch_default_, pytorch_default_)),
    "residual": dict(skip=True, init=(pytorch_default_, pytorch_default_)),
    "plain, He": dict(skip=False, init=(he_normal_, lecun_normal_)),
    "residual, He": dict(skip=True, init=(he_normal_, lecun_normal_)),
    "residual, He, pre-norm": dict(skip=True, init=(he_normal_, lecun_normal_),
                                   pre_norm=True),
    "residual, He, branch / √L": dict(skip=True, init=(he_normal_, lecun_normal_),
                                      branch_scale=1 / math.sqrt(DEPTH)),
    "residual, He, zero last layer": dict(skip=True, init=(he_normal_, nn.init.zeros_)),
}


def measure(skip, init, pre_norm=False, branch_scale=1.0):
    """Per block: |dLoss/d(block input)| relative to the last block's, and output std."""
    torch.manual_seed(0)
    # W1 and W2 of every block's branch, zero biases. One draw per layer position:
    # a (DEPTH * WIDTH, WIDTH) weight still has fan_in = WIDTH, and splits into 50 blocks.
    first_weights, second_weights = (
        init_weight(torch.empty(DEPTH * WIDTH, WIDTH)).split(WIDTH) for init_weight in init)
    branches = zip(first_weights, second_weights)
    head = nn.Linear(WIDTH, 1)
    inputs = torch.randn(BATCH, WIDTH, requires_grad=True)
    targets = torch.randn(BATCH, 1)

    hidden, block_inputs, block_outputs = inputs, [], []
    for first, second in branches:
        block_inputs.append(hidden)
        branch_input = nn.functional.layer_norm(hidden, (WIDTH,)) if pre_norm else hidden
        branch = torch.relu(branch_input @ first.T) @ second.T
        if branch_scale != 1.0:
            branch = branch_scale * branch
        hidden = hidden + branch if skip else branch
        block_outputs.append(hidden)
    loss = nn.functional.mse_loss(head(hidden), targets)
    grads = torch.autograd.grad(loss, block_inputs)
    # float64, so that tiny values do not underflow
    grad_norm = torch.stack(grads).double().flatten(1).norm(dim=1)
    activation_std = torch.stack(block_outputs).detach().double().std(dim=(1, 2))
    return (grad_norm / grad_norm[-1]).tolist(), activation_std.tolist()


relative_grad_per_block, activation_std_per_block = {}, {}
print(f"{'config':<31}{'grad 1 / grad 50':>17}{'std block 1':>13}{'std block 50':>14}")
for name, config in CONFIGS.items():
    relative_grad, activation_std = measure(**config)
    relative_grad_per_block[name], activation_std_per_block[name] = relative_grad, activation_std
    print(f"{name:<31}{relative_grad[0]:>17.3g}{activation_std[0]:>13.3g}"
          f"{activation_std[-1]:>14.3g}")

grad, std = relative_grad_per_block, activation_std_per_block
# 1. Without skip connections the gradient vanishes; with them it reaches block 1.
assert grad["plain"][0] < 1e-20 and std["plain"][-1] < 1e-20
assert 0.5 < grad["residual"][0] < 20
assert 2.5 < std["residual"][-1] / std["residual"][0] < 6  # (19/18) ** 24.5 = 3.8
assert 0.01 < grad["plain, He"][0] < 100  # a variance-preserving init also works, at first
# 2. The catch: variance-preserving branches double the stream's variance every block.
growth_per_block = (std["residual, He"][-1] / std["residual, He"][0]) ** (1 / (DEPTH - 1))
print(f"residual, He: std x{growth_per_block:.3f} per block")
assert 1.3 < growth_per_block < 1.5  # sqrt(2) = 1.41
assert std["residual, He"][-1] > 1e6
assert grad["residual, He"][0] > 1e5  # and the backward pass grows with it
# 3. The fixes: pre-norm grows like sqrt(depth); scaling or zeroing the branch stays put.
prenorm = std["residual, He, pre-norm"]
variance_added_per_block = (prenorm[-1] ** 2 - prenorm[0] ** 2) / (DEPTH - 1)
print(f"pre-norm: std {prenorm[-1]:.2f} at block 50, "
      f"variance +{variance_added_per_block:.2f} per block")
assert 5 < prenorm[-1] < 10  # sqrt(1 + 50) = 7.1
assert 0.6 < variance_added_per_block < 1.4  # each normalized branch adds variance 1
for name in ("residual, He, pre-norm", "residual, He, branch / √L"):
    assert all(0.2 < value < 20 for value in grad[name]), name
scaled = std["residual, He, branch / √L"]
assert 1.2 < scaled[-1] / scaled[0] < 2.5  # (1 + 1/50) ** 25 = 1.64
zero_init = std["residual, He, zero last layer"]
assert zero_init[-1] == zero_init[0] and grad["residual, He, zero last layer"][0] == 1.0
