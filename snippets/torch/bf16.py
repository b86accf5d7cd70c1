import numpy as np
import torch

# bfloat16 keeps float32's 8 exponent bits and only 7 of its 23 mantissa bits.
float16, bfloat16, float32 = (torch.finfo(dtype)
                              for dtype in (torch.float16, torch.bfloat16, torch.float32))
assert bfloat16.smallest_normal == float32.smallest_normal == 2.0**-126  # about 1.2e-38
assert float16.smallest_normal == 2.0**-14  # about 6.1e-5
assert bfloat16.eps == 2.0**-7 and float16.eps == 2.0**-10 and float32.eps == 2.0**-23

# Range. A realistic small gradient: the gradient of a mean cross-entropy over
# 1,024 tokens with respect to the logits of a 4,096-word vocabulary,
# (softmax(z) - onehot(y)) / tokens -- most entries are tiny probabilities / 1,024.
# Random numbers from NumPy, so that the Keras tab uses exactly the same ones.
torch.set_num_threads(1)
rng = np.random.default_rng(0)
tokens, vocabulary = 1024, 4096
logits = torch.tensor(rng.normal(scale=3, size=(tokens, vocabulary)), dtype=torch.float32,
                      requires_grad=True)
next_words = torch.from_numpy(rng.integers(vocabulary, size=tokens))
loss = torch.nn.functional.cross_entropy(logits, next_words)
(logit_grad,) = torch.autograd.grad(loss, logits)
print(f"|gradient| from {logit_grad.abs().min():.1e} to {logit_grad.abs().max():.1e}")

underflow = {name: (logit_grad.to(dtype) == 0).float().mean().item()
             for name, dtype in (("float16", torch.float16), ("bfloat16", torch.bfloat16))}
print(f"logit gradients that become 0: float16 {underflow['float16']:.1%}, "
      f"bfloat16 {underflow['bfloat16']:.1%}")
assert underflow["float16"] > 0.2  # float16 needs loss scaling
assert underflow["bfloat16"] == 0  # bfloat16 needs none

# Precision. w + dw == w once |dw| is below half a unit in the last place of w:
# with 8 significant bits, an update under 2**-9 of the weight is always lost.
torch.manual_seed(0)
weights = torch.nn.init.xavier_uniform_(torch.empty(256, 256))
signs = torch.from_numpy(rng.choice([-1.0, 1.0], size=(256, 256)).astype("float32"))


def fraction_lost(dtype, relative_update):
    """Share of weights that do not move when the update is relative_update * |w|."""
    stored = weights.to(dtype)
    update = (relative_update * stored.float().abs() * signs).to(dtype)
    return ((stored + update) == stored).float().mean().item()


update_exponents = list(range(-26, -4))  # relative update sizes 2**-26 ... 2**-5
lost_updates = {name: [fraction_lost(dtype, 2.0**k) for k in update_exponents]
                for name, dtype in (("bfloat16", torch.bfloat16), ("float16", torch.float16),
                                    ("float32", torch.float32))}
lost_at = {name: dict(zip(update_exponents, lost)) for name, lost in lost_updates.items()}
print("updates lost at |dw| = 2**-10 |w|: " + ", ".join(
    f"{name} {lost[-10]:.0%}" for name, lost in lost_at.items()))
# A thousandth of the weight, about the update ratio CS231n's notes suggest, lies
# between 2**-10 and 2**-9: bfloat16 weights drop every such update, float16 almost none
# (under 0.1 %), float32 none.
thousandth = {name: fraction_lost(dtype, 1e-3)
              for name, dtype in (("bfloat16", torch.bfloat16), ("float16", torch.float16),
                                  ("float32", torch.float32))}
print("updates of 1e-3 |w| lost: " + ", ".join(
    f"{name} {lost:.0%}" for name, lost in thousandth.items()))
# (float16 loses the few subnormal weights, below 6.1e-5, whose spacing is fixed at 2**-24.)
assert thousandth["bfloat16"] == 1 and thousandth["float16"] < 1e-3 and thousandth["float32"] == 0
assert all(lost_at["bfloat16"][k] == 1 for k in range(-26, -8))
assert all(lost_at["bfloat16"][k] == 0 for k in range(-7, -4))
assert all(lost_at["float16"][k] > 0.99 for k in range(-26, -11))
assert all(lost_at["float16"][k] < 1e-3 for k in range(-10, -4))
assert all(lost_at["float32"][k] == 1 for k in range(-26, -24))
assert all(lost_at["float32"][k] == 0 for k in range(-23, -4))
