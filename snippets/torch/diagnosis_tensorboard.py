import os
import tempfile

import torch
from torch import nn
from torch.utils.tensorboard import SummaryWriter  # needs: pip install tensorboard

torch.manual_seed(0)
inputs, targets = torch.randn(256, 16), torch.randn(256, 1)
model = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

with tempfile.TemporaryDirectory() as log_dir:  # in your project: a lasting folder, e.g. "runs/exp1"
    with SummaryWriter(log_dir) as writer:
        for step in range(10):
            optimizer.zero_grad()
            loss = nn.functional.mse_loss(model(inputs), targets)
            loss.backward()
            writer.add_scalar("loss", loss.item(), step)
            for name, parameter in model.named_parameters():
                writer.add_histogram(f"grad/{name}", parameter.grad, step)
                writer.add_histogram(f"weight/{name}", parameter, step)
            optimizer.step()
    event_files = os.listdir(log_dir)

print(event_files)
assert len(event_files) == 1 and event_files[0].startswith("events.out.tfevents")
