import torch
from torch import nn

VOCAB, D_MODEL, HIDDEN, BATCH = 64, 32, 64, 64
STEPS, LEARNING_RATE, Z_LOSS_WEIGHT = 300, 3e-2, 1e-4  # 1e-4: PaLM's z-loss weight
torch.set_num_threads(1)  # tensors this small run faster on one thread


def train(z_loss_weight):
    """A next-token head on a task it can learn exactly; log Z after every step."""
    torch.manual_seed(0)
    next_token = torch.randperm(VOCAB)  # each token has one successor
    model = nn.Sequential(nn.Embedding(VOCAB, D_MODEL), nn.Linear(D_MODEL, HIDDEN), nn.GELU(),
                          nn.Linear(HIDDEN, VOCAB))
    for module in model:  # the same initialization as the Keras tab
        if isinstance(module, nn.Linear):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    nn.init.normal_(model[0].weight, std=1.0)
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    mean_log_z = []
    for step in range(STEPS):
        tokens = torch.randint(VOCAB, (BATCH,))
        logits = model(tokens)
        log_z = torch.logsumexp(logits, dim=-1)  # log of the softmax's normalizer Z
        cross_entropy = nn.functional.cross_entropy(logits, next_token[tokens])
        loss = cross_entropy + z_loss_weight * log_z.square().mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        mean_log_z.append(log_z.mean().item())
    return mean_log_z, cross_entropy.item()


log_z_per_step, final_cross_entropy = {}, {}
for name, weight in (("cross-entropy only", 0.0), ("with z-loss 1e-4", Z_LOSS_WEIGHT)):
    log_z_per_step[name], final_cross_entropy[name] = train(weight)
    log_z = log_z_per_step[name]
    print(f"{name:<20} log Z at step 1: {log_z[0]:5.2f}, max: {max(log_z):5.2f}, "
          f"final: {log_z[-1]:5.2f}; final cross-entropy {final_cross_entropy[name]:.1e}")

plain, regularized = log_z_per_step["cross-entropy only"], log_z_per_step["with z-loss 1e-4"]
# At initialization the logits are small, so log Z is about log(VOCAB) = 4.16 either way.
assert abs(plain[0] - regularized[0]) < 1e-6 and 3.5 < plain[0] < 5
# Cross-entropy alone lets log Z drift upwards; z-loss brings it back close to zero ...
assert plain[-1] > 10 and abs(regularized[-1]) < 1
# ... and both models learn the task.
assert all(value < 1e-2 for value in final_cross_entropy.values())
