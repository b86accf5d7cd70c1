import torch
from torch import nn

# Five training batches of one feature whose mean drifts: 1, 2, 3, 4, 5.
# Each batch is [m - 1, m + 1, m - 1, m + 1]: biased variance 1, unbiased 4/3.
BATCH_MEANS = [1.0, 2.0, 3.0, 4.0, 5.0]
batches = [torch.tensor([[m - 1], [m + 1], [m - 1], [m + 1]]) for m in BATCH_MEANS]


def running_statistics(momentum):
    batch_norm = nn.BatchNorm1d(1, momentum=momentum)
    batch_norm.train()  # running statistics are updated only in train mode
    for batch in batches:
        batch_norm(batch)
    return batch_norm.running_mean.item(), batch_norm.running_var.item()


def documented_rule(momentum, start=0.0):
    """PyTorch: running = (1 - momentum) * running + momentum * batch statistic."""
    running = start
    for mean in BATCH_MEANS:
        running = (1 - momentum) * running + momentum * mean
    return running


running_mean, running_var = {}, {}
for momentum in (0.1, 0.99):  # 0.1 is PyTorch's default; 0.99 is Keras' default copied over
    key = f"momentum={momentum}"
    running_mean[key], running_var[key] = running_statistics(momentum)
    print(f"momentum={momentum}: running_mean={running_mean[key]:.4f}, "
          f"running_var={running_var[key]:.4f}")
default_eps = {"BatchNorm1d": nn.BatchNorm1d(1).eps, "LayerNorm": nn.LayerNorm(1).eps}
print("default eps:", default_eps)

# momentum is the weight of the NEW batch: 0.1 averages over the last ~10 batches.
assert abs(running_mean["momentum=0.1"] - documented_rule(0.1)) < 1e-5
assert abs(running_mean["momentum=0.1"] - 1.3144) < 1e-4  # the same number Keras gives with 0.9
# Keras' default 0.99 in PyTorch: weight 0.99 for the last batch, 0.01 for all the past.
assert abs(running_mean["momentum=0.99"] - documented_rule(0.99)) < 1e-5
assert running_mean["momentum=0.99"] > 0.99 * BATCH_MEANS[-1]
# The running variance stores the unbiased batch variance, 4/3 here, not 1.
assert abs(running_var["momentum=0.1"] - (0.9**5 * 1 + (1 - 0.9**5) * 4 / 3)) < 1e-5
assert default_eps == {"BatchNorm1d": 1e-5, "LayerNorm": 1e-5}
