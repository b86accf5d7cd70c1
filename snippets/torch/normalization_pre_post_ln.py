import math

import torch
from torch import nn

D_MODEL, HEADS, FFN_WIDTH, SEQUENCE, BATCH = 32, 4, 64, 8, 4
DEPTHS = (2, 4, 8)

torch.manual_seed(0)
tokens = torch.randn(BATCH, SEQUENCE, D_MODEL)
targets = torch.randn(BATCH, SEQUENCE, D_MODEL)


def ffn_grad_norms(loss, layers):
    """Per block: norm of dLoss/d(feed-forward weights), the matrices Xiong et al. analyse."""
    weights = [w for layer in layers for w in (layer.linear1.weight, layer.linear2.weight)]
    grads = torch.autograd.grad(loss, weights, retain_graph=True)
    return [math.hypot(g1.norm().item(), g2.norm().item())
            for g1, g2 in zip(grads[0::2], grads[1::2])]


first_layer_grad, last_layer_grad, grad_per_layer = {}, {}, {}
for arrangement, norm_first in (("Post-LN", False), ("Pre-LN", True)):
    layers = nn.ModuleList(
        nn.TransformerEncoderLayer(D_MODEL, HEADS, FFN_WIDTH, dropout=0.0,
                                   batch_first=True, norm_first=norm_first)
        for _ in range(max(DEPTHS)))
    # Initialized as Keras does by default, so that both frameworks run the same network:
    # Xavier-uniform for every d x d projection (PyTorch stores q, k, v as one 3d x d
    # matrix, in_proj_weight, which nn.MultiheadAttention initializes as a whole, with
    # half the variance: 1/64 instead of 1/32), zero biases (nn.Linear would draw them
    # at random).
    for layer in layers:
        for projection in layer.self_attn.in_proj_weight.chunk(3):
            nn.init.xavier_uniform_(projection)
        for linear in (layer.self_attn.out_proj, layer.linear1, layer.linear2):
            nn.init.xavier_uniform_(linear.weight)
            nn.init.zeros_(linear.bias)
    # Post-LN blocks end in a LayerNorm; Pre-LN needs one after the last block.
    final_norm = nn.LayerNorm(D_MODEL) if norm_first else nn.Identity()

    # The network of depth L is the first L blocks of this stack.
    hidden, loss_at_depth = tokens, {}
    for depth, layer in enumerate(layers, start=1):
        hidden = layer(hidden)
        if depth in DEPTHS:
            loss_at_depth[depth] = nn.functional.mse_loss(final_norm(hidden), targets)
    first_layer_grad[arrangement], last_layer_grad[arrangement] = [], []
    for depth, loss in loss_at_depth.items():
        grad_norms = ffn_grad_norms(loss, layers[:depth])
        first_layer_grad[arrangement].append(grad_norms[0])
        last_layer_grad[arrangement].append(grad_norms[-1])
    grad_per_layer[arrangement] = grad_norms  # of the deepest network

print(f"{'depth':>5}{'Post-LN first':>15}{'Post-LN last':>14}{'Pre-LN first':>14}"
      f"{'Pre-LN last':>13}")
for index, depth in enumerate(DEPTHS):
    print(f"{depth:>5}" + "".join(f"{grads[arrangement][index]:>14.3f}"
                                  for arrangement in ("Post-LN", "Pre-LN")
                                  for grads in (first_layer_grad, last_layer_grad)))

post_last, pre_last = last_layer_grad["Post-LN"], last_layer_grad["Pre-LN"]
# Post-LN: the last layer's gradient does not depend on depth (Xiong et al., Theorem 1).
assert max(post_last) / min(post_last) < 1.5
# Pre-LN: it shrinks as depth grows (the theorem's bound falls like 1/sqrt(depth)) ...
assert 0.3 < pre_last[-1] / pre_last[0] < 0.75
# ... and in the deepest network it is smaller than the first layer's gradient.
assert pre_last[-1] < 0.75 * first_layer_grad["Pre-LN"][-1]
# So near the output, Post-LN's gradients are the larger ones, more so the deeper it is.
post_over_pre = [post / pre for post, pre in zip(post_last, pre_last)]
assert post_over_pre[-1] > 1.4
assert post_over_pre[-1] > 1.2 * post_over_pre[0]
