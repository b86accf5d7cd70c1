import math

import torch
from torch import nn

D_MODEL, HEADS, SEQUENCE, BATCH = 64, 4, 16, 8
HEAD_DIM = D_MODEL // HEADS
# Multiply W_Q and W_K each by sqrt(scale): ||W_Q|| ||W_K||, and so every logit, grows by `scale`.
LOGIT_SCALES = [1, 2, 4, 8, 16, 32, 64]

torch.manual_seed(0)
tokens = torch.randn(BATCH, SEQUENCE, D_MODEL)
targets = torch.randn(BATCH, SEQUENCE, D_MODEL)
w_query, w_key, w_value, w_out = (nn.Linear(D_MODEL, D_MODEL, bias=False) for _ in range(4))
for projection in (w_query, w_key, w_value, w_out):
    nn.init.xavier_uniform_(projection.weight)
# QK-norm (Dehghani et al. 2023): LayerNorm on each head's queries and keys.
query_norm = nn.LayerNorm(HEAD_DIM, eps=1e-6)
key_norm = nn.LayerNorm(HEAD_DIM, eps=1e-6)


def split_heads(x):
    return x.view(BATCH, SEQUENCE, HEADS, HEAD_DIM).transpose(1, 2)


def measure(scale, qk_norm):
    """Attention entropy, and the gradient that reaches the logits, per query."""
    queries = split_heads(w_query(tokens) * math.sqrt(scale))
    keys = split_heads(w_key(tokens) * math.sqrt(scale))
    if qk_norm:
        queries, keys = query_norm(queries), key_norm(keys)
    logits = queries @ keys.transpose(-1, -2) / math.sqrt(HEAD_DIM)
    logits.retain_grad()
    attention = logits.softmax(dim=-1)
    mixed = (attention @ split_heads(w_value(tokens))).transpose(1, 2)
    output = w_out(mixed.reshape(BATCH, SEQUENCE, D_MODEL))
    nn.functional.mse_loss(output, targets).backward()

    entropy = -(attention * torch.log(attention.clamp_min(1e-30))).sum(-1).mean()
    # One gradient vector per query row: the softmax Jacobian diag(p) - pp^T times dL/dp.
    grad_per_query = logits.grad.norm(dim=-1).flatten()
    squared = grad_per_query.square().sort(descending=True).values
    rows_for_90_percent = int((squared.cumsum(0) < 0.9 * squared.sum()).sum()) + 1
    return (entropy.item(), torch.quantile(grad_per_query, 0.5).item(),
            rows_for_90_percent / grad_per_query.numel())


entropy, median_query_grad, share_carrying_90 = {}, {}, {}
for name, qk_norm in (("plain", False), ("QK-norm", True)):
    results = [measure(scale, qk_norm) for scale in LOGIT_SCALES]
    entropy[name], median_query_grad[name], share_carrying_90[name] = map(list, zip(*results))
max_entropy = math.log(SEQUENCE)

print(f"entropy of uniform attention: {max_entropy:.2f} nats")
print(f"{'':>5}{'entropy (nats)':>18}{'median dL/dlogits':>24}{'queries with 90 %':>20}")
print(f"{'scale':>5}" + f"{'plain':>9}{'QK-norm':>9}" * 3)
for index, scale in enumerate(LOGIT_SCALES):
    print(f"{scale:>5}"
          + "".join(f"{entropy[name][index]:>9.3f}" for name in entropy)
          + "".join(f"{median_query_grad[name][index]:>12.2e}" for name in entropy)
          + "".join(f"{share_carrying_90[name][index]:>10.1%}" for name in entropy))

plain, normed = "plain", "QK-norm"
at_16, at_32, at_64 = (LOGIT_SCALES.index(scale) for scale in (16, 32, 64))
# Without QK-norm: entropy collapses from near-uniform towards one-hot ...
assert entropy[plain][0] > 0.8 * max_entropy
assert entropy[plain][at_16] < 0.1 * max_entropy and entropy[plain][at_64] < 0.03 * max_entropy
# ... the typical query's gradient vanishes, and what is left comes from a few queries.
assert median_query_grad[plain][at_32] < 1e-2 * median_query_grad[plain][0]
# Below 1e-4 the size is float32 rounding, which can differ between CPUs by orders of magnitude.
assert median_query_grad[plain][at_64] < 1e-4 * median_query_grad[plain][0]
assert share_carrying_90[plain][0] > 0.4 and share_carrying_90[plain][at_64] < 0.1
# With QK-norm the logits no longer depend on the weights' scale: nothing changes.
for measured in (entropy[normed], median_query_grad[normed], share_carrying_90[normed]):
    assert max(measured) < 1.01 * min(measured)
