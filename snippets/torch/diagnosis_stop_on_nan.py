import math

import torch
from torch import nn

DEPTH, WIDTH, BATCH, STEPS, LEARNING_RATE = 8, 64, 256, 30, 0.01
torch.manual_seed(0)
inputs, targets = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)

# The exploding net of the training-log experiment: ReLU, weights 1.5x larger than He's.
torch.manual_seed(1)
layers = []
for _ in range(DEPTH):
    linear = nn.Linear(WIDTH, WIDTH)
    nn.init.normal_(linear.weight, std=1.5 * math.sqrt(2 / WIDTH))
    nn.init.zeros_(linear.bias)
    layers += [linear, nn.ReLU()]
head = nn.Linear(WIDTH, 1)
nn.init.normal_(head.weight, std=math.sqrt(1 / WIDTH))
nn.init.zeros_(head.bias)
model = nn.Sequential(*layers, head)
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

total_grad_norm_log = []
try:
    for step in range(STEPS):
        optimizer.zero_grad()
        nn.functional.mse_loss(model(inputs), targets).backward()
        grads = [p.grad for p in model.parameters()]
        # The norm of all gradients together; raises instead of stepping on inf/NaN.
        total_grad_norm = torch.nn.utils.get_total_norm(grads, error_if_nonfinite=True)
        total_grad_norm_log.append(total_grad_norm.item())
        optimizer.step()
except RuntimeError as error:
    stopped_at, message = step, str(error)

print(f"total gradient norm per step: {[f'{norm:.1e}' for norm in total_grad_norm_log]}")
print(f"stopped at step {stopped_at}: {message}")
# Which step turns non-finite depends on the random draw; that the loop stops there does not.
assert "non-finite" in message and stopped_at == len(total_grad_norm_log) < STEPS
assert all(math.isfinite(norm) for norm in total_grad_norm_log)  # nothing inf was stepped on
# The warning sign, one step before the stop: the norm jumped more than a thousandfold.
assert len(total_grad_norm_log) < 2 or total_grad_norm_log[-1] > 1e3 * total_grad_norm_log[-2]
