import statistics
import time

import torch
from torch import nn

torch.set_num_threads(1)  # a tiny model times more steadily on one thread
torch.manual_seed(0)
DEPTH, WIDTH, BATCH, STEPS_PER_TIMING, REPEATS = 4, 64, 128, 10, 9
inputs, targets = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)
layers = [module for _ in range(DEPTH) for module in (nn.Linear(WIDTH, WIDTH), nn.ReLU())]
model = nn.Sequential(*layers, nn.Linear(WIDTH, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)


def grad_norm_per_layer(model):
    """‖∂loss/∂θ‖ for every parameter tensor; call it right after loss.backward()."""
    named_grads = [(name, p.grad) for name, p in model.named_parameters() if p.grad is not None]
    norms = torch.stack([torch.linalg.vector_norm(grad) for _, grad in named_grads])
    return dict(zip([name for name, _ in named_grads], norms.tolist()))  # one sync, not one per layer


logged = []


def train_step(log_grad_norms):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(inputs), targets)
    loss.backward()
    if log_grad_norms:
        logged.append(grad_norm_per_layer(model))
    optimizer.step()


def milliseconds_per_step(log_grad_norms):
    # CPU time of this process: what the step costs, not what other programs on a busy
    # machine take from it.
    start = time.process_time()
    for _ in range(STEPS_PER_TIMING):
        train_step(log_grad_norms)
    return 1000 * (time.process_time() - start) / STEPS_PER_TIMING


milliseconds_per_step(True)  # warm-up
timings = {"plain": [], "logging every step": []}
for _ in range(REPEATS):  # interleaved, so that a busy moment hits both
    timings["plain"].append(milliseconds_per_step(False))
    timings["logging every step"].append(milliseconds_per_step(True))
median_ms = {name: statistics.median(times) for name, times in timings.items()}
overhead = median_ms["logging every step"] / median_ms["plain"]
print(f"plain step {median_ms['plain']:.2f} ms, with per-layer grad norms "
      f"{median_ms['logging every step']:.2f} ms: {overhead:.2f}x")
print(f"{len(logged[-1])} norms per step, e.g. {list(logged[-1].items())[0]}")
assert len(logged[-1]) == 2 * (DEPTH + 1)  # a weight and a bias per Linear layer
assert overhead < 2  # timing varies by machine and load: only the bound is asserted
