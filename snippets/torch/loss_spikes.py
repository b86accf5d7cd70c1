import copy
import math

import torch
from torch import nn

WIDTH, BATCH, STEPS, BAD_STEP, LEARNING_RATE = 32, 64, 150, 100, 1e-2

torch.manual_seed(0)
teacher = torch.randn(WIDTH, 1) / math.sqrt(WIDTH)
inputs = torch.randn(STEPS, BATCH, WIDTH)
targets = inputs @ teacher
inputs[BAD_STEP] *= 100  # one corrupted batch: inputs on the wrong scale

initial_network = nn.Sequential(nn.Linear(WIDTH, WIDTH), nn.ReLU(), nn.Linear(WIDTH, WIDTH),
                                nn.ReLU(), nn.Linear(WIDTH, 1))


class SpikeMonitor:
    """Running mean and variance (exponential) of a value; flags a value more than
    `threshold` standard deviations above the mean, after `warmup` steps of history."""

    def __init__(self, decay=0.95, threshold=6.0, warmup=20):
        self.decay, self.threshold, self.warmup = decay, threshold, warmup
        self.mean, self.variance, self.count = 0.0, 0.0, 0

    def is_spike(self, value):
        if self.count >= self.warmup and value > self.mean + self.threshold * math.sqrt(self.variance):
            return True  # a flagged value does not enter the statistics
        difference = value - self.mean
        self.mean += (1 - self.decay) * difference if self.count else difference
        self.variance = self.decay * (self.variance + (1 - self.decay) * difference ** 2)
        self.count += 1
        return False


def train(guard, max_norm=math.inf):
    """guard: None, "skip" (drop the flagged step) or "rollback" (also restore the last
    good state, saved every 25 steps); with None the monitor watches but does nothing.
    max_norm: clip the global gradient norm to it."""
    network = copy.deepcopy(initial_network)
    optimizer = torch.optim.Adam(network.parameters(), lr=LEARNING_RATE)
    loss_monitor, grad_monitor = SpikeMonitor(), SpikeMonitor()
    good_state = copy.deepcopy((network.state_dict(), optimizer.state_dict()))
    losses, flagged, grad_norms, grad_norm_per_layer = [], [], [], {}
    for step in range(STEPS):
        loss = nn.functional.mse_loss(network(inputs[step]), targets[step])
        optimizer.zero_grad()
        loss.backward()
        grad_norm_per_layer[step] = {name: parameter.grad.norm().item()  # before clipping
                                     for name, parameter in network.named_parameters()}
        # Returns the global norm before clipping; max_norm=inf clips nothing.
        grad_norm = nn.utils.clip_grad_norm_(network.parameters(), max_norm).item()
        losses.append(loss.item())
        grad_norms.append(grad_norm)
        spike = (loss_monitor.is_spike(math.log(loss.item()))
                 | grad_monitor.is_spike(math.log(grad_norm)))
        if guard and spike:
            flagged.append(step)
            if guard == "rollback":
                network.load_state_dict(good_state[0])
                optimizer.load_state_dict(good_state[1])
            continue  # skip optimizer.step(): this batch never reaches the weights
        optimizer.step()
        if step % 25 == 0:
            good_state = copy.deepcopy((network.state_dict(), optimizer.state_dict()))
    return losses, flagged, grad_norms, grad_norm_per_layer


RUNS = {"unguarded": (None, math.inf), "skip": ("skip", math.inf),
        "rollback": ("rollback", math.inf),
        "clip at 1": (None, 1.0), "clip at 10": (None, 10.0)}  # clipping alone, no monitor
losses, flagged, clipped_steps, final_loss = {}, {}, {}, {}
for name, (guard, max_norm) in RUNS.items():
    losses[name], flagged[name], grad_norms, per_layer = train(guard, max_norm)
    clipped_steps[name] = [step for step, norm in enumerate(grad_norms) if norm > max_norm]
    final_loss[name] = sum(losses[name][-20:]) / 20
    if name == "unguarded":
        bad_step_grad_per_layer = per_layer[BAD_STEP]
        usual_grad_per_layer = per_layer[BAD_STEP - 1]

print("gradient norm per parameter at the bad step (and the step before):")
for parameter, norm in bad_step_grad_per_layer.items():
    print(f"  {parameter:>9}: {norm:10.3g}  ({usual_grad_per_layer[parameter]:.3g})")
for name in losses:
    print(f"{name:>10}: flagged steps {flagged[name]}, steps clipped {len(clipped_steps[name])}, "
          f"mean loss of the last 20 steps {final_loss[name]:.4f}")

# The monitor flags the corrupted batch and nothing else ...
assert flagged["skip"] == [BAD_STEP] and flagged["rollback"] == [BAD_STEP]
# ... whose gradient is more than 10x the step before it, in every layer.
assert all(bad_step_grad_per_layer[name] > 10 * usual_grad_per_layer[name]
           for name in bad_step_grad_per_layer)
# Applied, that one batch costs the rest of the run: it ends over 3x worse than with the
# batch skipped; rolling back ends within 2x of skipping.
assert final_loss["unguarded"] > 3 * final_loss["skip"]
assert final_loss["rollback"] < 2 * final_loss["skip"]
# Clipping alone at 1 removes most of the damage;
# at 10, where it clips the corrupted step and no other, less.
assert final_loss["clip at 1"] < 2 * final_loss["skip"]
assert clipped_steps["clip at 10"] == [BAD_STEP]
assert 2 * final_loss["clip at 1"] < final_loss["clip at 10"] < final_loss["unguarded"] / 10
