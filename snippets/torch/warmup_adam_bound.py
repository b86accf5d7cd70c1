import torch

PARAMETERS, QUIET_STEPS, AFTER_STEPS, LEARNING_RATE = 1000, 2000, 200, 1e-3
QUIET_GRADIENT, SPIKE_GRADIENT, BETA1 = 1e-3, 1.0, 0.9
BETA2S = (0.999, 0.95)

torch.manual_seed(0)
quiet_gradients = QUIET_GRADIENT * torch.randn(QUIET_STEPS + AFTER_STEPS, PARAMETERS)
spike_direction = torch.sign(torch.randn(PARAMETERS))


def run(beta2):
    """Median |update| / learning rate of the last quiet step, the spike's step and the
    last step; and how far the spike and what follows moved the weights along it."""
    weights = torch.zeros(PARAMETERS, requires_grad=True)
    optimizer = torch.optim.Adam([weights], lr=LEARNING_RATE, betas=(BETA1, beta2), eps=1e-8)
    gradients = [*quiet_gradients[:QUIET_STEPS], SPIKE_GRADIENT * spike_direction,
                 *quiet_gradients[QUIET_STEPS:]]
    measured_steps = (QUIET_STEPS - 1, QUIET_STEPS, len(gradients) - 1)
    median_update = []
    for step, gradient in enumerate(gradients):
        weights.grad = gradient
        before = weights.detach().clone()
        if step == QUIET_STEPS:
            before_spike = before
        optimizer.step()
        if step in measured_steps:
            update = (weights.detach() - before).abs() / LEARNING_RATE
            median_update.append(update.median().item())
    moved = ((before_spike - weights.detach()) * spike_direction).mean().item() / LEARNING_RATE
    return median_update, moved


# Keyed by str(beta2), so that the results export as plain data.
spike_step, quiet_after_over_before, moved_by_spike = {}, {}, {}
for beta2 in BETA2S:
    (quiet_before, spike_step[str(beta2)], quiet_after), moved_by_spike[str(beta2)] = run(beta2)
    quiet_after_over_before[str(beta2)] = quiet_after / quiet_before
# Kingma & Ba's bound, and the same with bias correction at the spike's step.
bound = {str(beta2): (1 - BETA1) / (1 - beta2) ** 0.5 for beta2 in BETA2S}
step = QUIET_STEPS + 1
bias_corrected = {str(beta2): bound[str(beta2)] * (1 - beta2 ** step) ** 0.5 / (1 - BETA1 ** step)
                  for beta2 in BETA2S}

for beta2 in BETA2S:
    print(f"beta2={beta2}: spike step {spike_step[str(beta2)]:.3f} lr (bound {bound[str(beta2)]:.3f}, "
          f"{bias_corrected[str(beta2)]:.3f} at step {step}); moved {moved_by_spike[str(beta2)]:.1f} lr "
          f"along the spike; quiet steps {AFTER_STEPS} later at "
          f"{quiet_after_over_before[str(beta2)]:.3f} of their size before")

# The spike's step is the bound (1 - beta1) / sqrt(1 - beta2), bias-corrected:
for beta2 in BETA2S:
    assert abs(spike_step[str(beta2)] / bias_corrected[str(beta2)] - 1) < 0.02
# 3.16 learning rates with the default beta2 = 0.999 (2.94 this early), 0.447 with 0.95,
assert spike_step["0.999"] > 6 * spike_step["0.95"]
# and momentum carries the weights several times further along the spike: 0.999 > 0.95.
assert moved_by_spike["0.999"] > 3 * moved_by_spike["0.95"] > 3 * 3
# With 0.999 the inflated second moment still shrinks the ordinary steps 200 steps later
# (it decays by 0.999 a step); with 0.95 it has forgotten the spike by then.
assert quiet_after_over_before["0.999"] < 0.1 and quiet_after_over_before["0.95"] > 0.5
