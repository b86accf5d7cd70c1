import torch
from torch import nn

EPS = 1e-12

# 1. sqrt at 0: d√x/dx = 1/(2√x) is inf at x = 0, and inf * 0 in the chain rule is NaN.
zero = torch.zeros(1, requires_grad=True)
zero.sqrt().backward()
assert zero.grad.isinf().all()
offset = torch.zeros(3, requires_grad=True)  # e.g. a point minus itself
offset.pow(2).sum().sqrt().backward()
by_hand = offset.grad.clone()
offset.grad = None
offset.pow(2).sum().add(EPS).sqrt().backward()  # fix: eps inside the sqrt
with_eps = offset.grad.clone()
offset.grad = None
torch.linalg.vector_norm(offset).backward()  # PyTorch defines the norm's gradient at 0 as 0
with_norm = offset.grad.clone()
print(f"distance at 0, gradient: by hand {by_hand.tolist()}, +eps {with_eps.tolist()}, "
      f"vector_norm {with_norm.tolist()}")
assert by_hand.isnan().all() and (with_eps == 0).all() and (with_norm == 0).all()

# 2. log of 0: softmax underflows to exactly 0 for a logit 200 below the largest one.
logits = torch.tensor([[0.0, 200.0]], requires_grad=True)
label = torch.tensor([0])
loss_by_hand = -torch.log(torch.softmax(logits, dim=1))[0, label]
loss_by_hand.sum().backward()
grad_by_hand = logits.grad.clone()
logits.grad = None
loss_fixed = nn.functional.cross_entropy(logits, label)  # fix: log-softmax inside the loss
loss_fixed.backward()
print(f"cross-entropy: by hand {loss_by_hand.item()} (gradient {grad_by_hand.tolist()}), "
      f"cross_entropy {loss_fixed.item():.1f} (gradient {logits.grad.tolist()})")
assert torch.isinf(loss_by_hand).all() and grad_by_hand.isnan().all()
assert loss_fixed.item() == 200 and torch.isfinite(logits.grad).all()

# 3. Dividing by a zero std: a constant feature standardized by hand is 0/0 = NaN.
features = torch.tensor([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])  # column 2 is constant
standardized = (features - features.mean(dim=0)) / features.std(dim=0)
fixed = (features - features.mean(dim=0)) / (features.std(dim=0) + 1e-6)  # fix: eps
print(f"standardized constant column: by hand {standardized[:, 1].tolist()}, +eps {fixed[:, 1].tolist()}")
assert standardized[:, 1].isnan().all() and (fixed[:, 1] == 0).all()
