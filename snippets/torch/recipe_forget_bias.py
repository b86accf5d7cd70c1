import torch
from torch import nn


def open_forget_gates(lstm, forget_bias=1.0):
    """Start every LSTM forget gate open: total forget-gate bias `forget_bias`.

    PyTorch orders each bias vector's gates input, forget, cell, output, and adds two
    bias vectors (bias_ih and bias_hh) in every gate: the first gets the bias, the
    second 0 in the forget slice."""
    hidden = lstm.hidden_size
    forget = slice(hidden, 2 * hidden)
    with torch.no_grad():
        for name, bias in lstm.named_parameters():
            if name.startswith("bias_ih"):
                bias[forget] = forget_bias
            elif name.startswith("bias_hh"):
                bias[forget] = 0.0
    return lstm


# Demo: by default the forget gate starts near sigmoid(0) = 0.5; opened, near 0.73.
torch.manual_seed(0)
lstm = open_forget_gates(nn.LSTM(input_size=8, hidden_size=16, num_layers=2))
hidden = lstm.hidden_size
for layer in range(lstm.num_layers):
    total = (getattr(lstm, f"bias_ih_l{layer}") + getattr(lstm, f"bias_hh_l{layer}"))
    print(f"layer {layer}: forget-gate bias {total[hidden:2 * hidden].mean().item():.2f}, "
          f"input-gate mean bias {total[:hidden].mean().item():+.3f}")
    assert torch.all(total[hidden:2 * hidden] == 1.0)
