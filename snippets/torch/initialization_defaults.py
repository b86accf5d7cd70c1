import math

import torch
from torch import nn

torch.manual_seed(0)
FAN_IN = FAN_OUT = 128

# What nn.Linear does when you do not choose: kaiming_uniform_(a=sqrt(5)), which is
# U(-1/sqrt(fan_in), 1/sqrt(fan_in)), variance 1/(3 fan_in), and a bias drawn the same way.
default_layer = nn.Linear(FAN_IN, FAN_OUT)
default_weight_variance_x_fan_in = default_layer.weight.var().item() * FAN_IN
default_weight_bound_x_sqrt_fan_in = default_layer.weight.abs().max().item() * math.sqrt(FAN_IN)
default_bias_variance_x_fan_in = default_layer.bias.var().item() * FAN_IN
print(f"default weight: variance x fan_in = {default_weight_variance_x_fan_in:.3f} "
      f"(1/3 = 0.333), max |w| x sqrt(fan_in) = {default_weight_bound_x_sqrt_fan_in:.3f}")
print(f"default bias: variance x fan_in = {default_bias_variance_x_fan_in:.3f}")
assert 0.31 < default_weight_variance_x_fan_in < 0.36  # not He's 2, not even LeCun's 1
assert 0.99 < default_weight_bound_x_sqrt_fan_in <= 1.0
assert 0.2 < default_bias_variance_x_fan_in < 0.5  # the bias is random, not zero

# The gain that each initializer multiplies in, per nonlinearity.
tanh_gain, relu_gain = nn.init.calculate_gain("tanh"), nn.init.calculate_gain("relu")
print(f"gain: tanh {tanh_gain:.4f} (5/3), relu {relu_gain:.4f} (sqrt 2)")
assert tanh_gain == 5 / 3 and relu_gain == math.sqrt(2)

# kaiming_normal_ draws from an untruncated normal with variance gain**2 / fan_in.
he_weight = nn.init.kaiming_normal_(torch.empty(FAN_OUT, FAN_IN), nonlinearity="relu")
he_std = math.sqrt(2 / FAN_IN)
he_variance_x_fan_in = he_weight.var().item() * FAN_IN
he_largest_in_stds = he_weight.abs().max().item() / he_std
print(f"kaiming_normal_: variance x fan_in = {he_variance_x_fan_in:.3f}, "
      f"largest |w| = {he_largest_in_stds:.2f} std")
assert 1.9 < he_variance_x_fan_in < 2.1
assert he_largest_in_stds > 3  # tails beyond 2 std are kept


# Changing the default: re-initialize every Linear of a model in one pass.
def he_init(module):
    if isinstance(module, nn.Linear):
        nn.init.kaiming_normal_(module.weight, nonlinearity="relu")
        nn.init.zeros_(module.bias)


model = nn.Sequential(
    nn.Linear(FAN_IN, FAN_OUT), nn.ReLU(),
    nn.Linear(FAN_OUT, FAN_OUT), nn.ReLU(),
    nn.Linear(FAN_OUT, 10),
)
model.apply(he_init)  # calls he_init on every submodule, like a loop over model.modules()
model_variance_x_fan_in = [layer.weight.var().item() * layer.in_features
                           for layer in model if isinstance(layer, nn.Linear)]
print("after model.apply(he_init): variance x fan_in =",
      [round(value, 2) for value in model_variance_x_fan_in])
assert all(1.8 < value < 2.2 for value in model_variance_x_fan_in)
assert all(layer.bias.abs().max() == 0 for layer in model if isinstance(layer, nn.Linear))
