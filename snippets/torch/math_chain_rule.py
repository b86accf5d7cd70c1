import torch
from torch import nn

torch.manual_seed(0)

# 1. Backpropagation multiplies one Jacobian per layer.
# A small tanh network: h_l = tanh(W_l h_{l-1} + b_l), five layers of width 8.
DEPTH, WIDTH = 5, 8
linears = [nn.Linear(WIDTH, WIDTH) for _ in range(DEPTH)]
inputs = torch.randn(WIDTH, requires_grad=True)
upstream = torch.randn(WIDTH)  # dL/dh_L, the gradient arriving from the loss

hidden, jacobians = inputs, []
for linear in linears:
    pre_activation = linear(hidden)
    hidden = torch.tanh(pre_activation)
    tanh_derivative = 1 - torch.tanh(pre_activation.detach()) ** 2
    jacobians.append(torch.diag(tanh_derivative) @ linear.weight.detach())  # dh_l/dh_{l-1}
(hidden * upstream).sum().backward()  # L = <upstream, h_L>

jacobian_product = torch.eye(WIDTH)
for jacobian in jacobians:
    jacobian_product = jacobian @ jacobian_product  # J_L ... J_2 J_1
by_hand = jacobian_product.T @ upstream
print("autograd        :", inputs.grad[:4].numpy().round(decimals=6))
print("Jacobian product:", by_hand[:4].numpy().round(decimals=6))
assert torch.allclose(inputs.grad, by_hand, rtol=1e-4, atol=1e-6)

# The norm of a product is at most the product of the norms, and |J_l| <= |W_l| max tanh'.
jacobian_norms = [torch.linalg.matrix_norm(j, ord=2).item() for j in jacobians]
weight_norms = [torch.linalg.matrix_norm(linear.weight, ord=2).item() for linear in linears]
assert all(j <= w * (1 + 1e-5) for j, w in zip(jacobian_norms, weight_norms))
bound = torch.tensor(jacobian_norms).prod().item() * upstream.norm().item()
input_grad_norm = inputs.grad.norm().item()
print(f"|dL/dh_0| = {input_grad_norm:.3f} <= product of Jacobian norms = {bound:.3f}")
assert input_grad_norm <= bound * (1 + 1e-5)

# 2. The deep linear chain: 30 layers, each multiplying its input by the same weight w.
# y = w^30 x, so dy/dx = w^30: about 1.9e5 for w = 1.5 and 9.3e-10 for w = 0.5.
LAYERS = 30
for weight in (1.5, 0.5):
    chain = nn.Sequential(*[nn.Linear(1, 1, bias=False) for _ in range(LAYERS)])
    for layer in chain:
        nn.init.constant_(layer.weight, weight)
    x = torch.ones(1, 1, requires_grad=True)
    chain(x).sum().backward()
    print(f"w = {weight}: autograd dy/dx = {x.grad.item():.6e}, w^30 = {weight**LAYERS:.6e}")
    assert abs(x.grad.item() - weight**LAYERS) <= 1e-5 * weight**LAYERS
