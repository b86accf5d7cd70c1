import math

import torch
from torch import nn

DEPTH, WIDTH, BATCH = 50, 128, 256


def naive_normal_(weight):
    return nn.init.normal_(weight, mean=0.0, std=1.0)


def lecun_normal_(weight):
    # Gain 1 gives variance 1/fan_in.
    return nn.init.kaiming_normal_(weight, nonlinearity="linear")


def he_normal_(weight):
    # Gain sqrt(2) gives variance 2/fan_in.
    return nn.init.kaiming_normal_(weight, nonlinearity="relu")


def orthogonal_relu_(weight):
    return nn.init.orthogonal_(weight, gain=nn.init.calculate_gain("relu"))


INITIALIZERS = {
    "N(0, 1)": naive_normal_,
    "LeCun": lecun_normal_,
    "Xavier": nn.init.xavier_normal_,
    "He": he_normal_,
    "orthogonal × √2": orthogonal_relu_,
    "framework default": None,  # nn.Linear exactly as constructed, bias included
}


def measure(init_weight):
    """Per layer: std of the ReLU output, and its spread across the batch."""
    torch.manual_seed(0)
    hidden, layer_outputs = torch.randn(BATCH, WIDTH), []
    with torch.no_grad():
        for _ in range(DEPTH):
            if init_weight is None:
                hidden = torch.relu(nn.Linear(WIDTH, WIDTH)(hidden))
            else:  # zero bias: the weights alone
                weight = init_weight(torch.empty(WIDTH, WIDTH))
                hidden = torch.relu(hidden @ weight.T)  # float32, as in training
            layer_outputs.append(hidden)
    outputs = torch.stack(layer_outputs).double()  # so that the statistics cannot overflow
    activation_std = outputs.std(dim=(1, 2))
    # How much a unit varies from input to input: 0 means the input is forgotten.
    batch_spread = outputs.std(dim=1).mean(dim=1)
    return activation_std.tolist(), batch_spread.tolist()


activation_std_per_layer, batch_spread_per_layer = {}, {}
print(f"{'initialization':<20}{'std layer 1':>13}{'std layer 25':>14}{'std layer 50':>14}")
for name, init_weight in INITIALIZERS.items():
    activation_std, batch_spread = measure(init_weight)
    activation_std_per_layer[name], batch_spread_per_layer[name] = activation_std, batch_spread
    print(f"{name:<20}{activation_std[0]:>13.3g}{activation_std[24]:>14.3g}"
          f"{activation_std[-1]:>14.3g}")


def factor_per_layer(values, first, last):
    """Geometric-mean growth of values per layer, from layer `first` to `last` (1-based)."""
    return (values[last - 1] / values[first - 1]) ** (1 / (last - first))


naive = activation_std_per_layer["N(0, 1)"]
first_non_finite_layer = next(layer for layer, std in enumerate(naive, 1)
                              if not math.isfinite(std))
print(f"N(0, 1): x{factor_per_layer(naive, 1, 30):.2f} per layer, "
      f"inf/NaN in float32 from layer {first_non_finite_layer}")
assert 7 < factor_per_layer(naive, 1, 30) < 9  # sqrt(128 / 2) = 8 per layer
assert naive[34] > 1e30  # layer 35: astronomically large, still finite
assert 38 <= first_non_finite_layer <= 46  # then float32 overflows (max 3.4e38)
assert math.isnan(naive[-1])  # inf - inf = NaN: by layer 50 the output is NaN

lecun, xavier = activation_std_per_layer["LeCun"], activation_std_per_layer["Xavier"]
lecun_shrink = lecun[-1] / lecun[0]
print(f"LeCun and Xavier: x{factor_per_layer(lecun, 1, 50):.3f} per layer, "
      f"x{lecun_shrink:.2g} from layer 1 to 50")
assert lecun == xavier  # square layers: 2 / (fan_in + fan_out) = 1 / fan_in
assert 0.66 < factor_per_layer(lecun, 1, 50) < 0.76  # 1/sqrt(2) = 0.707 per layer
assert 3e-9 < lecun_shrink < 3e-7  # 2**-24.5 = 4e-8

for name in ("He", "orthogonal × √2"):
    # No trend, but a random walk that widens with depth / width: hence the wide range
    assert all(0.05 < std < 20 for std in activation_std_per_layer[name]), name

default_std = activation_std_per_layer["framework default"]
default_spread = batch_spread_per_layer["framework default"]
print(f"default: std x{factor_per_layer(default_std, 1, 3):.2f} per layer over layers 1-3, "
      f"std {default_std[-1]:.3g} but spread {default_spread[-1]:.2g} at layer 50")
assert 0.35 < factor_per_layer(default_std, 1, 3) < 0.5  # weights alone: 1/sqrt(6) = 0.41
assert default_std[-1] > 0.01  # the random bias keeps the output from reaching 0 ...
assert default_spread[-1] < 1e-6  # ... but the output no longer depends on the input
