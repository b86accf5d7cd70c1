import torch
from torch import nn

torch.manual_seed(0)
inputs = torch.randn(512, 32)
targets = (inputs[:, :4].sum(dim=1, keepdim=True) > 0).float()

# Inside the model: normalization layers and the activation.
model = nn.Sequential(
    nn.Linear(32, 64), nn.LayerNorm(64), nn.ReLU(),
    nn.Linear(64, 64), nn.LayerNorm(64), nn.ReLU(),
    nn.Linear(64, 1),
)
# Before training: initialization matched to the activation.
for module in model.modules():
    if isinstance(module, nn.Linear):
        nn.init.kaiming_normal_(module.weight, nonlinearity="relu")
        nn.init.zeros_(module.bias)

# In the optimizer: decoupled weight decay (AdamW).
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=1e-2)
# Around the loss: loss scaling (a no-op here in float32; needed with float16 autocast).
scaler = torch.amp.GradScaler("cpu", enabled=False)
loss_fn = nn.BCEWithLogitsLoss()

grad_norms_before_clipping, losses = [], []
for step in range(30):
    optimizer.zero_grad()
    loss = loss_fn(model(inputs), targets)
    scaler.scale(loss).backward()
    # Between backward and step: unscale, then clip the global gradient norm.
    scaler.unscale_(optimizer)
    grad_norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    scaler.step(optimizer)
    scaler.update()
    grad_norms_before_clipping.append(grad_norm.item())
    losses.append(loss.item())

print(f"loss {losses[0]:.3f} -> {losses[-1]:.3f}")
print(f"largest gradient norm before clipping: {max(grad_norms_before_clipping):.2f}")
assert losses[-1] < 0.5 * losses[0]
