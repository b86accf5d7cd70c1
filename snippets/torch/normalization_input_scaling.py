import torch
from sklearn.preprocessing import StandardScaler
from torch import nn

SAMPLES, FEATURES, UNITS = 512, 16, 64
SATURATED = 0.99  # |tanh(z)| > 0.99 means tanh'(z) = 1 - tanh(z)² < 0.02

torch.manual_seed(0)
# Raw features on their own scales, like prices, counts and sensor readings:
# standard deviations from 1 to 1000, means from 0 to 500.
feature_std = torch.logspace(0, 3, FEATURES)
feature_mean = torch.linspace(0, 500, FEATURES)
raw_inputs = torch.randn(SAMPLES, FEATURES) * feature_std + feature_mean
standardized_inputs = torch.from_numpy(
    StandardScaler().fit_transform(raw_inputs.numpy())).float()

first_layer = nn.Linear(FEATURES, UNITS)
nn.init.xavier_normal_(first_layer.weight)
nn.init.zeros_(first_layer.bias)

saturated_fraction, mean_tanh_derivative = {}, {}
print(f"{'inputs':<14}{'std of z':>10}{'saturated':>11}{'mean tanh′(z)':>15}")
for name, inputs in (("raw", raw_inputs), ("standardized", standardized_inputs)):
    pre_activation = first_layer(inputs)
    activation = torch.tanh(pre_activation)
    saturated_fraction[name] = (activation.abs() > SATURATED).float().mean().item()
    # tanh' is the factor by which each unit passes the gradient back to its weights.
    mean_tanh_derivative[name] = (1 - activation**2).mean().item()
    print(f"{name:<14}{pre_activation.std().item():>10.2f}"
          f"{saturated_fraction[name]:>11.1%}{mean_tanh_derivative[name]:>15.4f}")

assert saturated_fraction["raw"] > 0.95  # almost every unit saturated
assert mean_tanh_derivative["raw"] < 0.02
assert saturated_fraction["standardized"] < 0.01  # almost none
assert mean_tanh_derivative["standardized"] > 0.7
