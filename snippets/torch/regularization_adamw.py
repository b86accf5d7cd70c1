import torch

LEARNING_RATE, DECAY, STEPS = 1e-3, 0.01, 100
# Two weights, both 1.0. The data's gradient: 0 for the first ("idle") weight; for the
# second ("busy") one, +10 and -10 in turn: large, but going nowhere, like noise.
data_gradients = [torch.tensor([0.0, 10.0 * (-1) ** step]) for step in range(STEPS)]


def distance_moved_towards_zero(optimizer_class, **settings):
    weights = torch.ones(2, requires_grad=True)
    optimizer = optimizer_class([weights], lr=LEARNING_RATE, **settings)
    for data_gradient in data_gradients:
        optimizer.zero_grad()
        (data_gradient * weights).sum().backward()
        optimizer.step()
    return 1.0 - weights.detach()


no_decay = distance_moved_towards_zero(torch.optim.Adam)
# Adam's weight_decay adds DECAY * w to the gradient: an L2 penalty in the loss.
with_l2 = distance_moved_towards_zero(torch.optim.Adam, weight_decay=DECAY)
# AdamW shrinks each weight by LEARNING_RATE * DECAY * w, apart from the gradient step.
with_adamw = distance_moved_towards_zero(torch.optim.AdamW, weight_decay=DECAY)

# What the decay added over the run, per weight: [idle, busy].
decay_from_l2 = (with_l2 - no_decay).tolist()
decay_from_adamw = (with_adamw - no_decay).tolist()
print(f"{f'decay in {STEPS} steps':<20}{'idle weight':>12}{'busy weight':>12}")
for name, decay in (("Adam + L2 penalty", decay_from_l2), ("AdamW", decay_from_adamw)):
    print(f"{name:<20}{decay[0]:>12.2e}{decay[1]:>12.2e}")

decoupled = STEPS * LEARNING_RATE * DECAY  # AdamW's decay: (1 - lr * decay) ** STEPS ~ this
idle, busy = decay_from_l2
# Through Adam, the idle weight's penalty gradient is its whole gradient, so it is
# normalized into a full step, every step: about 100x the decoupled decay here ...
assert idle > 0.9 * STEPS * LEARNING_RATE
# ... while the busy weight's penalty gradient is divided by the size of its data
# gradient: it decays several times less than the decoupled decay.
assert 0 < busy < decoupled / 5
# AdamW: every weight loses the same fraction, whatever its gradient.
for decay in decay_from_adamw:
    assert abs(decay - decoupled) < 0.05 * decoupled
