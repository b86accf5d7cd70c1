import torch
from sklearn.datasets import load_digits
from torch import nn

# float16's range; bfloat16 keeps float32's exponent range with fewer mantissa bits.
float16, bfloat16, float32 = (torch.finfo(dtype)
                              for dtype in (torch.float16, torch.bfloat16, torch.float32))
assert float16.max == 65504 and float16.smallest_normal == 2.0**-14  # about 6.1e-5
smallest_subnormal = 2.0**-24  # about 6e-8; at or below half of it, values round to 0
assert torch.tensor(smallest_subnormal).half() > 0
assert torch.tensor(smallest_subnormal / 2).half() == 0
assert bfloat16.max > 3.38e38 and float32.max > 3.40e38  # both about 3.4e38
assert bfloat16.smallest_normal == float32.smallest_normal  # about 1.2e-38
# Precision: float16 keeps 10 mantissa bits, bfloat16 only 7.
assert float16.eps == 2.0**-10 and bfloat16.eps == 2.0**-7 and float32.eps == 2.0**-23

# A realistic gradient: a digits classifier, 50 full-batch Adam steps into training.
torch.set_num_threads(1)  # the matrices are tiny: more threads only add hand-off costs
torch.manual_seed(0)
digits = load_digits()
images = torch.tensor(digits.data, dtype=torch.float32) / 16
labels = torch.tensor(digits.target)
linears = [nn.Linear(64, 64), nn.Linear(64, 64), nn.Linear(64, 64), nn.Linear(64, 10)]
for linear in linears:
    nn.init.xavier_uniform_(linear.weight)
    nn.init.zeros_(linear.bias)
parameters = [p for linear in linears for p in linear.parameters()]


def forward():
    """The loss, and each layer's output z (the gradients that flow backwards)."""
    hidden, outputs = images, []
    for linear in linears:
        outputs.append(linear(hidden))
        hidden = torch.relu(outputs[-1])
    return nn.functional.cross_entropy(outputs[-1], labels), outputs


optimizer = torch.optim.Adam(parameters, lr=0.01)
for step in range(50):
    optimizer.zero_grad()
    forward()[0].backward()
    optimizer.step()

loss, outputs = forward()
activation_grads = torch.autograd.grad(loss, outputs, retain_graph=True)
gradient = torch.cat([grad.flatten() for grad in activation_grads])
gradient = gradient[gradient != 0]  # ReLU's exact zeros are not lost to float16
print(f"loss {loss.item():.3f}; {gradient.numel()} nonzero activation gradients, "
      f"|g| from {gradient.abs().min().item():.1e} to {gradient.abs().max().item():.1e}")

# Multiplying the LOSS by S = 2**k multiplies every gradient by exactly S.
scaled_grads = torch.autograd.grad(loss * 2.0**16, outputs)
assert all(torch.equal(scaled, 2.0**16 * grad)
           for scaled, grad in zip(scaled_grads, activation_grads))

# What float16 keeps of S * gradient, for S = 2**0 ... 2**32.
scale_exponents = list(range(0, 33, 2))
lost_to_zero, lost_to_inf = [], []
for k in scale_exponents:
    in_float16 = (gradient * 2.0**k).half()
    lost_to_zero.append((in_float16 == 0).float().mean().item())
    lost_to_inf.append(in_float16.isinf().float().mean().item())
    print(f"S = 2**{k:<2}  underflow to 0: {lost_to_zero[-1]:7.2%}"
          f"   overflow to inf: {lost_to_inf[-1]:6.2%}")

at = dict(zip(scale_exponents, zip(lost_to_zero, lost_to_inf)))
assert at[0][0] > 0.3  # unscaled: more than 30 % becomes exactly 0
assert at[16][0] < at[0][0] / 5 and at[16][1] == 0  # S = 2**16: mostly kept, and no inf
assert at[24][1] == 0 and at[32][1] > 0.01  # too large a scale overflows
# Unscaling in float32 gives back the gradient to float16 precision (2**-11 relative).
recovered = (gradient * 2.0**16).half().float() / 2.0**16
normal = gradient.abs() * 2.0**16 >= float16.smallest_normal
assert torch.allclose(recovered[normal], gradient[normal], rtol=2.0**-11, atol=0)

# bfloat16 needs no scaling: nothing underflows, at a cost in precision (2**-8 relative).
in_bfloat16 = gradient.bfloat16()
bfloat16_lost = (in_bfloat16 == 0).float().mean().item()
print(f"bfloat16, no scaling: underflow to 0: {bfloat16_lost:.2%}")
assert bfloat16_lost == 0
assert torch.allclose(in_bfloat16.float(), gradient, rtol=2.0**-8, atol=0)
