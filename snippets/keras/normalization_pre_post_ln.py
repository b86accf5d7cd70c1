import math

import keras
import tensorflow as tf

D_MODEL, HEADS, FFN_WIDTH, SEQUENCE, BATCH = 32, 4, 64, 8, 4
DEPTHS = (2, 4, 8)

keras.utils.set_random_seed(0)
tokens = keras.random.normal((BATCH, SEQUENCE, D_MODEL))
targets = keras.random.normal((BATCH, SEQUENCE, D_MODEL))


class EncoderBlock:
    """Self-attention and a ReLU feed-forward network, each inside a residual connection."""

    def __init__(self, norm_first):
        self.norm_first = norm_first
        self.attention = keras.layers.MultiHeadAttention(HEADS, key_dim=D_MODEL // HEADS)
        self.ffn_in = keras.layers.Dense(FFN_WIDTH, activation="relu")
        self.ffn_out = keras.layers.Dense(D_MODEL)
        # epsilon=1e-5 as in PyTorch (Keras' default is 1e-3); weights and zero biases are
        # Keras' defaults, which the PyTorch snippet copies.
        self.norm1 = keras.layers.LayerNormalization(epsilon=1e-5)
        self.norm2 = keras.layers.LayerNormalization(epsilon=1e-5)

    def __call__(self, x):
        if self.norm_first:  # Pre-LN: normalize what enters each branch
            normed = self.norm1(x)
            x = x + self.attention(normed, normed)
            return x + self.ffn_out(self.ffn_in(self.norm2(x)))
        # Post-LN (Vaswani et al. 2017): normalize after each residual addition
        x = self.norm1(x + self.attention(x, x))
        return self.norm2(x + self.ffn_out(self.ffn_in(x)))


def ffn_grad_norms(tape, loss, blocks):
    """Per block: norm of dLoss/d(feed-forward weights), the matrices Xiong et al. analyse."""
    weights = [w for block in blocks for w in (block.ffn_in.kernel, block.ffn_out.kernel)]
    grads = tape.gradient(loss, weights)
    return [math.hypot(float(keras.ops.norm(g1)), float(keras.ops.norm(g2)))
            for g1, g2 in zip(grads[0::2], grads[1::2])]


first_layer_grad, last_layer_grad, grad_per_layer = {}, {}, {}
for arrangement, norm_first in (("Post-LN", False), ("Pre-LN", True)):
    blocks = [EncoderBlock(norm_first) for _ in range(max(DEPTHS))]
    # Post-LN blocks end in a LayerNormalization; Pre-LN needs one after the last block.
    final_norm = (keras.layers.LayerNormalization(epsilon=1e-5) if norm_first
                  else keras.layers.Identity())

    # The network of depth L is the first L blocks of this stack.
    with tf.GradientTape(persistent=True) as tape:
        hidden, loss_at_depth = tokens, {}
        for depth, block in enumerate(blocks, start=1):
            hidden = block(hidden)
            if depth in DEPTHS:
                loss_at_depth[depth] = keras.ops.mean((final_norm(hidden) - targets) ** 2)
    first_layer_grad[arrangement], last_layer_grad[arrangement] = [], []
    for depth, loss in loss_at_depth.items():
        grad_norms = ffn_grad_norms(tape, loss, blocks[:depth])
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
