import copy

import torch
from torch import nn

SEQUENCES, MAX_LENGTH, VOCAB, PAD = 16, 32, 50, -100  # -100: cross_entropy's ignore_index
ACCUMULATION_STEPS, LEARNING_RATE = 4, 0.5

torch.manual_seed(0)
# Sequences of random length, padded to MAX_LENGTH. Sorting by length (length bucketing,
# which saves padding) puts the short sequences in one micro-batch and the long in another.
lengths = torch.randint(1, MAX_LENGTH + 1, (SEQUENCES,)).sort().values
is_token = torch.arange(MAX_LENGTH) < lengths[:, None]
inputs = torch.randint(0, VOCAB, (SEQUENCES, MAX_LENGTH)) * is_token
targets = torch.randint(0, VOCAB, (SEQUENCES, MAX_LENGTH)).masked_fill(~is_token, PAD)
model = nn.Sequential(nn.Embedding(VOCAB, 16), nn.Linear(16, VOCAB))
micro_batches = list(zip(inputs.chunk(ACCUMULATION_STEPS), targets.chunk(ACCUMULATION_STEPS)))
tokens_per_micro_batch = [int((micro_targets != PAD).sum()) for _, micro_targets in micro_batches]
total_tokens = sum(tokens_per_micro_batch)


def token_loss(model, inputs, targets, reduction):
    """Cross-entropy over the real tokens; padding positions are ignored."""
    logits = model(inputs).flatten(0, 1)
    return nn.functional.cross_entropy(logits, targets.flatten(), ignore_index=PAD,
                                       reduction=reduction)


def flat_grad(model):
    return torch.cat([parameter.grad.flatten() for parameter in model.parameters()])


def accumulated_grad(micro_batch_loss):
    """Backward on each micro-batch in turn; .grad adds them up."""
    copy_of_model = copy.deepcopy(model)
    for micro_inputs, micro_targets in micro_batches:
        micro_batch_loss(copy_of_model, micro_inputs, micro_targets).backward()
    return flat_grad(copy_of_model)


# The reference: the whole batch at once, the mean over all its real tokens.
full_batch_model = copy.deepcopy(model)
token_loss(full_batch_model, inputs, targets, "mean").backward()
full_batch_grad = flat_grad(full_batch_model)
full_batch_norm = full_batch_grad.norm().item()
max_norm = full_batch_norm / 2  # so that clipping changes the step

# Common and wrong: each micro-batch's mean loss, divided by the number of micro-batches.
mean_of_means_grad = accumulated_grad(
    lambda model, x, y: token_loss(model, x, y, "mean") / ACCUMULATION_STEPS)
# Right: the summed loss, divided by the token count of the whole accumulated batch.
sum_over_tokens_grad = accumulated_grad(
    lambda model, x, y: token_loss(model, x, y, "sum") / total_tokens)

mean_of_means_error = ((mean_of_means_grad - full_batch_grad).norm() / full_batch_norm).item()
sum_over_tokens_error = ((sum_over_tokens_grad - full_batch_grad).norm() / full_batch_norm).item()
# In the mean of means a token of micro-batch i weighs 1/(k n_i) instead of 1/N.
token_weight_ratio = [total_tokens / (ACCUMULATION_STEPS * n) for n in tokens_per_micro_batch]
print(f"tokens per micro-batch {tokens_per_micro_batch}; weight of each token relative to "
      f"the full batch {[round(ratio, 2) for ratio in token_weight_ratio]}")
print(f"relative gradient error: mean of means {mean_of_means_error:.3f}, "
      f"sum / total tokens {sum_over_tokens_error:.1e}")
assert mean_of_means_error > 0.2
assert sum_over_tokens_error < 1e-4

# The whole step with float16 autocast and a GradScaler: accumulate, then, once,
# unscale, clip and step.
amp_model = copy.deepcopy(model)
optimizer = torch.optim.SGD(amp_model.parameters(), lr=LEARNING_RATE)
scaler = torch.amp.GradScaler("cpu")
for micro_inputs, micro_targets in micro_batches:
    with torch.autocast("cpu", dtype=torch.float16):
        loss = token_loss(amp_model, micro_inputs, micro_targets, "sum") / total_tokens
    scaler.scale(loss).backward()
scaler.unscale_(optimizer)  # .grad was multiplied by the scale (2**16)
clipped_norm = nn.utils.clip_grad_norm_(amp_model.parameters(), max_norm).item()
scaler.step(optimizer)
scaler.update()
step_taken = torch.cat([(after - before).flatten() for after, before
                        in zip(amp_model.parameters(), model.parameters())])
expected_step = -LEARNING_RATE * full_batch_grad * min(1.0, max_norm / full_batch_norm)
step_error = ((step_taken - expected_step).norm() / expected_step.norm()).item()
print(f"norm clipped once: {clipped_norm:.4f} (full batch {full_batch_norm:.4f}); "
      f"step's relative error {step_error:.1e}")
assert abs(clipped_norm - full_batch_norm) < 0.01 * full_batch_norm  # float16 rounding only
assert step_error < 0.01
