import torch

# Autograd over a dense grid: 20001 points from -10 to 10 in steps of 0.001, z = 0 included.
z = (torch.arange(-10_000, 10_001, dtype=torch.float64) / 1000).requires_grad_()
sigmoid_derivative = torch.autograd.grad(torch.sigmoid(z).sum(), z)[0]
tanh_derivative = torch.autograd.grad(torch.tanh(z).sum(), z)[0]
z = z.detach()

for name, derivative in (("sigmoid'", sigmoid_derivative), ("tanh'", tanh_derivative)):
    peak = derivative.argmax()
    print(f"{name:<9} max {derivative[peak].item():.6f} at z = {z[peak].item():.3f}, "
          f"at z = 10: {derivative[-1].item():.2e}")

# The closed forms: sigma' = sigma (1 - sigma) and tanh' = 1 - tanh^2.
assert torch.allclose(sigmoid_derivative, torch.sigmoid(z) * (1 - torch.sigmoid(z)))
assert torch.allclose(tanh_derivative, 1 - torch.tanh(z) ** 2)
# The bounds sigma' <= 1/4 and tanh' <= 1, reached at z = 0 and nowhere else on the grid.
for derivative, bound in ((sigmoid_derivative, 0.25), (tanh_derivative, 1.0)):
    assert derivative.max().item() == bound
    assert z[derivative == bound].tolist() == [0.0]
# Saturation: both derivatives are almost 0 far from the origin.
assert sigmoid_derivative[-1] < 1e-4 and tanh_derivative[-1] < 1e-8
