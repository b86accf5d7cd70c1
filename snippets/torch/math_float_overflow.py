import math

import torch
from torch import nn

# 1. Floating-point numbers have a largest finite value; past it, results are inf.
for dtype in (torch.float32, torch.bfloat16, torch.float16):
    print(f"{str(dtype):<15} largest finite {torch.finfo(dtype).max:.5g}")
assert 3.40e38 < torch.finfo(torch.float32).max < 3.41e38
assert 3.38e38 < torch.finfo(torch.bfloat16).max < 3.40e38  # float32's range, fewer digits
assert torch.finfo(torch.float16).max == 65504
assert torch.isinf(torch.tensor(65504.0, dtype=torch.float16) * 2)
# Small numbers run out too: float16's smallest positive value is 2^-24, about 6e-8.
float16_zero = torch.zeros(1, dtype=torch.float16)
assert torch.nextafter(float16_zero, float16_zero + 1).item() == 2.0**-24
assert torch.tensor(2.0**-26, dtype=torch.float16) == 0  # smaller values round to 0

# Once there is an inf, NaN follows: inf - inf and inf * 0 have no value.
inf = torch.tensor(math.inf)
print("inf - inf =", (inf - inf).item(), "  inf * 0 =", (inf * 0).item())
assert torch.isnan(inf - inf) and torch.isnan(inf * 0)


# 2. The deep linear chain of 30 layers, in float32 and in float16.
def chain_of(weight, dtype, layers=30):
    chain = nn.Sequential(*[nn.Linear(1, 1, bias=False) for _ in range(layers)]).to(dtype)
    for layer in chain:
        nn.init.constant_(layer.weight, weight)
    return chain


# Weight 1.5, on a batch of two inputs, 0.001 and 0 (think of a ReLU that is off).
results = {}
for dtype in (torch.float32, torch.float16):
    chain = chain_of(1.5, dtype)
    inputs = torch.tensor([[0.001], [0.0]], dtype=dtype, requires_grad=True)
    output = chain(inputs)
    output.sum().backward()
    torch.optim.SGD(chain.parameters(), lr=0.01).step()  # one step with that gradient
    results[str(dtype)] = {
        "output": output[0, 0].item(),  # 0.001 * 1.5^30 = 192
        "dy/dx": inputs.grad[0, 0].item(),  # 1.5^30 = 1.9e5
        "first-layer weight gradient": chain[0].weight.grad.item(),
        "output after one step": chain(inputs)[0, 0].item(),
    }
    print(dtype, results[str(dtype)])

float32, float16 = results["torch.float32"], results["torch.float16"]
assert all(math.isfinite(value) for value in float32.values())
assert abs(float32["dy/dx"] - 1.5**30) < 1e-4 * 1.5**30
assert abs(float32["first-layer weight gradient"] - 0.001 * 1.5**29) < 1e-3  # 127.8
assert float32["output after one step"] < 1e-20  # finite, but one step wrecked the chain
assert abs(float16["output"] - 192) < 1  # in float16 the forward pass is fine,
assert float16["dy/dx"] == math.inf  # the gradient overflows,
assert math.isnan(float16["first-layer weight gradient"])  # inf * 0 = NaN,
assert math.isnan(float16["output after one step"])  # and after one step, NaN is everywhere.

# Weight 0.5: dy/dx = 0.5^30, about 9.3e-10, which float16 cannot hold: it becomes 0.
vanishing_gradient = {}
for dtype in (torch.float32, torch.float16):
    inputs = torch.ones(1, 1, dtype=dtype, requires_grad=True)
    chain_of(0.5, dtype)(inputs).sum().backward()
    vanishing_gradient[str(dtype)] = inputs.grad.item()
print("w = 0.5, dy/dx:", vanishing_gradient)
assert abs(vanishing_gradient["torch.float32"] - 0.5**30) < 1e-6 * 0.5**30
assert vanishing_gradient["torch.float16"] == 0
