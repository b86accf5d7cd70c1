import torch
from torch import nn

# Noise of standard deviation 2: with 1 the task did not separate the cells for every seed.
STEPS, HIDDEN, BATCH, TRAINING_STEPS, NOISE = 30, 16, 64, 300, 2.0
torch.manual_seed(0)
torch.set_num_threads(1)  # tiny recurrent steps: a second thread costs more than it saves


def sequences(count, delays):
    """Noise, except one marked step that holds ±1; the target is that sign, read at the end.

    A delay d puts the marked step d steps before the last one."""
    labels = torch.randint(0, 2, (count,)).float()
    inputs = torch.zeros(count, STEPS, 2)
    inputs[:, :, 0] = NOISE * torch.randn(count, STEPS)
    marked = STEPS - 1 - delays
    inputs[torch.arange(count), marked, 0] = 2 * labels - 1
    inputs[torch.arange(count), marked, 1] = 1.0  # second channel: "this is the step to keep"
    return inputs, labels


class Classifier(nn.Module):
    def __init__(self, recurrent_layer):
        super().__init__()
        self.recurrent, self.readout = recurrent_layer, nn.Linear(HIDDEN, 1)

    def forward(self, inputs):
        outputs, _ = self.recurrent(inputs)
        return self.readout(outputs[:, -1]).squeeze(-1)  # the last step only


def zero_biases(layer):
    """All gate biases 0, as in Keras (unit_forget_bias=False): no gate starts open."""
    with torch.no_grad():
        layer.bias_ih_l0.zero_()
        layer.bias_hh_l0.zero_()
    return layer


CELLS = {
    "tanh RNN": lambda: zero_biases(nn.RNN(2, HIDDEN, batch_first=True)),
    "GRU": lambda: zero_biases(nn.GRU(2, HIDDEN, batch_first=True)),
    "LSTM": lambda: zero_biases(nn.LSTM(2, HIDDEN, batch_first=True)),
}

# Training: delays drawn uniformly from 0..29, so short ones teach the gates to keep a value.
train_inputs, train_labels = sequences(TRAINING_STEPS * BATCH,
                                       torch.randint(0, STEPS, (TRAINING_STEPS * BATCH,)))
# Test: 100 fresh sequences for every delay.
test_delays = torch.arange(STEPS).repeat_interleave(100)
test_inputs, test_labels = sequences(len(test_delays), test_delays)

accuracy_per_delay = {}
for name, make_layer in CELLS.items():
    model = Classifier(make_layer())
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for batch in range(TRAINING_STEPS):
        rows = slice(batch * BATCH, (batch + 1) * BATCH)
        loss = nn.functional.binary_cross_entropy_with_logits(
            model(train_inputs[rows]), train_labels[rows])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        correct = ((model(test_inputs) > 0).float() == test_labels).float()
    accuracy_per_delay[name] = correct.reshape(STEPS, 100).mean(dim=1).tolist()

print(f"{'cell':<10}" + "".join(f"{'delay ' + str(d):>10}" for d in (1, 10, 20, 25, 29)))
for name, accuracy in accuracy_per_delay.items():
    print(f"{name:<10}" + "".join(f"{accuracy[d]:>10.2f}" for d in (1, 10, 20, 25, 29)))

longest = {name: sum(accuracy[20:]) / 10 for name, accuracy in accuracy_per_delay.items()}
print("mean accuracy at delays 20-29:", {name: round(value, 2) for name, value in longest.items()})
assert longest["tanh RNN"] < 0.65  # chance is 0.5
assert longest["GRU"] > 0.85 and longest["LSTM"] > 0.85
