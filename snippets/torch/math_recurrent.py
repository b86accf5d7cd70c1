import torch
from torch import nn

torch.manual_seed(0)
WIDTH, STEPS = 32, 100


def gradient_ratio_through_time(loss, hiddens):
    """|dL/dh_{T-k}| / |dL/dh_T| for k = 0..T."""
    grads = torch.autograd.grad(loss, hiddens)
    grad_norms = [grad.norm().item() for grad in reversed(grads)]  # k = 0, 1, ..., T
    return [norm / grad_norms[0] for norm in grad_norms]


# Linear recurrence h_t = W h_{t-1} with W = s Q, Q orthogonal: every singular value is s,
# so the gradient that travels k steps back is multiplied by exactly s^k.
grad_ratio_per_step = {}
for spectral_norm in (0.9, 1.0, 1.1):
    recurrent_weight = nn.init.orthogonal_(torch.empty(WIDTH, WIDTH), gain=spectral_norm)
    hiddens = [torch.randn(WIDTH, requires_grad=True)]
    for _ in range(STEPS):
        hiddens.append(recurrent_weight @ hiddens[-1])
    ratio = gradient_ratio_through_time(hiddens[-1].sum(), hiddens)
    grad_ratio_per_step[f"linear, s = {spectral_norm}"] = ratio
    print(f"linear, s = {spectral_norm}: 100 steps back {ratio[-1]:.4e} "
          f"(s^100 = {spectral_norm**STEPS:.4e})")
    for k, measured in enumerate(ratio):
        assert abs(measured - spectral_norm**k) <= 1e-3 * spectral_norm**k

# A tanh RNN, h_t = tanh(W h_{t-1} + U x_t), with the same kind of W at s = 1.1. Each step
# multiplies by diag(tanh'(z_t)) W and tanh' <= 1: the gradient never grows faster than 1.1^k.
recurrent_weight = nn.init.orthogonal_(torch.empty(WIDTH, WIDTH), gain=1.1)
input_weight = nn.init.normal_(torch.empty(WIDTH, WIDTH), std=WIDTH**-0.5)
hiddens = [torch.zeros(WIDTH, requires_grad=True)]
for inputs in torch.randn(STEPS, WIDTH):
    hiddens.append(torch.tanh(recurrent_weight @ hiddens[-1] + input_weight @ inputs))
ratio = gradient_ratio_through_time(hiddens[-1].sum(), hiddens)
grad_ratio_per_step["tanh, s = 1.1"] = ratio
print(f"tanh,   s = 1.1: 100 steps back {ratio[-1]:.2e} (bound 1.1^100 = {1.1**STEPS:.2e})")
assert all(measured <= 1.1**k * (1 + 1e-4) for k, measured in enumerate(ratio))
assert ratio[-1] < 1e-6  # saturated units (tanh' near 0) make it vanish instead
