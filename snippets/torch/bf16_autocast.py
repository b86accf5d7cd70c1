import torch
from torch import nn

# What torch.autocast(device_type="cpu", dtype=torch.bfloat16) runs in which dtype.
torch.manual_seed(0)
inputs = torch.randn(8, 16)
labels = torch.randint(4, (8,))
linear, layer_norm = nn.Linear(16, 4), nn.LayerNorm(4)
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    logits = linear(inputs)
    dtypes = {
        "linear (matmul)": logits.dtype,
        "softmax": torch.softmax(logits, dim=-1).dtype,
        "layer_norm": layer_norm(logits).dtype,
        "vector_norm": torch.linalg.vector_norm(logits).dtype,
        "sum": logits.sum().dtype,
        "cross_entropy (loss)": nn.functional.cross_entropy(logits, labels).dtype,
        "mse_loss": nn.functional.mse_loss(logits, torch.zeros_like(logits)).dtype,
    }
    loss = nn.functional.cross_entropy(logits, labels)
loss.backward()
dtypes["weights"], dtypes["weight gradients"] = linear.weight.dtype, linear.weight.grad.dtype
for operation, dtype in dtypes.items():
    print(f"{operation:>22}: {dtype}")
dtype_names = {operation: str(dtype).removeprefix("torch.") for operation, dtype in dtypes.items()}

# Of the ops tried here, on the CPU only the matmul goes down to bfloat16 and only the losses
# go up to float32 (autocast's CPU op lists name the others); the rest follows its input,
# so softmax and norms of bfloat16 data stay bfloat16.
assert dtypes["linear (matmul)"] == torch.bfloat16
assert dtypes["softmax"] == dtypes["layer_norm"] == dtypes["vector_norm"] == torch.bfloat16
assert dtypes["cross_entropy (loss)"] == dtypes["mse_loss"] == torch.float32
assert dtypes["weights"] == dtypes["weight gradients"] == torch.float32

# Why reductions want float32: a running sum in bfloat16 stops growing at 256, where
# adding 1 is half a unit in the last place. torch.sum and torch.cumsum accumulate in
# float32 inside, so the running sum is written out as a loop.
ones = torch.ones(4096, dtype=torch.bfloat16)
running_sum = torch.tensor(0.0, dtype=torch.bfloat16)
for one in ones:
    running_sum += one
bfloat16_running_sum, builtin_sum = running_sum.item(), ones.sum().item()
builtin_cumsum = ones.cumsum(dim=0)[-1].item()
print(f"4096 ones: running bfloat16 sum {bfloat16_running_sum:.0f}, torch.sum {builtin_sum:.0f}, "
      f"torch.cumsum {builtin_cumsum:.0f}")
assert bfloat16_running_sum == 256 and builtin_sum == builtin_cumsum == 4096
