import torch
from torch import nn

STEPS, BATCH, FEATURES, HIDDEN = 100, 16, 8, 32
torch.manual_seed(0)
inputs = torch.randn(BATCH, STEPS, FEATURES)
targets = torch.randn(BATCH, 1)


def lstm_with_forget_bias(value):
    lstm = nn.LSTM(FEATURES, HIDDEN, batch_first=True)
    forget_gate = slice(HIDDEN, 2 * HIDDEN)  # gate order: input, forget, cell, output
    with torch.no_grad():
        lstm.bias_ih_l0[forget_gate].fill_(value)
        lstm.bias_hh_l0[forget_gate].zero_()  # the gate sees the sum of both biases
    return lstm


CELLS = {
    "vanilla RNN": lambda: nn.RNN(FEATURES, HIDDEN, batch_first=True),
    "GRU": lambda: nn.GRU(FEATURES, HIDDEN, batch_first=True),
    "LSTM, forget bias ≈ 0": lambda: nn.LSTM(FEATURES, HIDDEN, batch_first=True),
    "LSTM, forget bias 1": lambda: lstm_with_forget_bias(1.0),
}


def input_grad_per_step(make_cell):
    """‖∂loss/∂x_t‖ for every step t, relative to the last step."""
    torch.manual_seed(1)  # the same weights for both LSTMs, except the forget bias
    cell, readout = make_cell(), nn.Linear(HIDDEN, 1)
    steps = inputs.clone().requires_grad_(True)
    outputs, _ = cell(steps)
    loss = nn.functional.mse_loss(readout(outputs[:, -1]), targets)  # last output only
    loss.backward()
    # Square in float64: (1e-29)² underflows float32, and the norm would read 0.
    grad_norm = steps.grad.double().norm(dim=(0, 2))
    return (grad_norm / grad_norm[-1]).tolist()


relative_grad_per_step = {}
print(f"{'cell':<24}{'t=0':>9}{'t=50':>9}{'t=90':>9}   (relative to t=99)")
for name, make_cell in CELLS.items():
    relative_grad = input_grad_per_step(make_cell)
    relative_grad_per_step[name] = relative_grad
    print(f"{name:<24}" + "".join(f"{relative_grad[t]:>9.0e}" for t in (0, 50, 90)))

first_step = {name: grads[0] for name, grads in relative_grad_per_step.items()}
assert first_step["vanilla RNN"] < 1e-10
assert first_step["GRU"] < 1e-15 and first_step["LSTM, forget bias ≈ 0"] < 1e-15
assert 1e-11 < first_step["LSTM, forget bias 1"] < 1e-6
assert first_step["LSTM, forget bias 1"] > 1e10 * first_step["LSTM, forget bias ≈ 0"]

# Why the vanilla RNN fades: PyTorch's uniform init gives W_hh a spectral radius ≈ 0.6.
torch.manual_seed(1)
recurrent_weight = nn.RNN(FEATURES, HIDDEN).weight_hh_l0.detach()
spectral_radius = torch.linalg.eigvals(recurrent_weight).abs().max().item()
print(f"spectral radius of the vanilla RNN's W_hh: {spectral_radius:.2f}")
assert 0.45 < spectral_radius < 0.75
