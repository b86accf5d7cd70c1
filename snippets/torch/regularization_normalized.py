import torch
from torch import nn

DEPTH, WIDTH, BATCH = 20, 64, 256
WEIGHT_SCALES = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5]
LEARNING_RATE = 0.01


def build_model(normalized):
    """20 tanh layers; with normalized=True, a LayerNorm between each linear layer and tanh."""
    torch.manual_seed(0)
    layers = []
    for _ in range(DEPTH):
        # No bias before a normalization layer: its mean subtraction would cancel it.
        linear = nn.Linear(WIDTH, WIDTH, bias=not normalized)
        nn.init.xavier_normal_(linear.weight)
        if linear.bias is not None:
            nn.init.zeros_(linear.bias)
        layers += [linear, nn.LayerNorm(WIDTH), nn.Tanh()] if normalized else [linear, nn.Tanh()]
    head = nn.Linear(WIDTH, 1)
    nn.init.xavier_normal_(head.weight)
    nn.init.zeros_(head.bias)
    return nn.Sequential(*layers, head)


torch.manual_seed(1)
inputs, targets = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)


def measure(model):
    """Output, gradient reaching layer 1 relative to layer 20, and the hidden weights'
    gradient norm and relative SGD step ||lr * dL/dW|| / ||W||, averaged over the layers."""
    hidden, hidden_outputs = inputs, []
    for layer in model:
        hidden = layer(hidden)
        if isinstance(layer, nn.Tanh):
            hidden_outputs.append(hidden)
    loss = nn.functional.mse_loss(hidden, targets)
    weights = [layer.weight for layer in model if isinstance(layer, nn.Linear)][:DEPTH]
    grads = torch.autograd.grad(loss, hidden_outputs + weights)
    signal, weight_grads = grads[:DEPTH], grads[DEPTH:]
    grad_norms = [grad.norm().item() for grad in weight_grads]
    relative_steps = [LEARNING_RATE * norm / weight.norm().item()
                      for norm, weight in zip(grad_norms, weights)]
    return {"output": hidden.detach(),
            "first_layer_signal": (signal[0].norm() / signal[-1].norm()).item(),
            "weight_grad": sum(grad_norms) / DEPTH,
            "relative_step": sum(relative_steps) / DEPTH}


# Shrink every hidden weight matrix by the same factor, as L2 does, with and without
# normalization, and measure again; everything relative to the unscaled network.
first_layer_signal, weight_grad, relative_step, output_change = {}, {}, {}, {}
for name, normalized in (("plain", False), ("LayerNorm", True)):
    results = []
    for scale in WEIGHT_SCALES:
        model = build_model(normalized)
        with torch.no_grad():
            for layer in list(model)[:-1]:
                if isinstance(layer, nn.Linear):
                    layer.weight.mul_(scale)
        results.append(measure(model))
    first_layer_signal[name] = [r["first_layer_signal"] / results[0]["first_layer_signal"]
                                for r in results]
    weight_grad[name] = [r["weight_grad"] / results[0]["weight_grad"] for r in results]
    relative_step[name] = [r["relative_step"] / results[0]["relative_step"] for r in results]
    output_change[name] = [(r["output"] - results[0]["output"]).abs().max().item()
                           for r in results]

print(f"{'weights x':>10}{'layer-1 gradient, plain':>25}{'with LayerNorm':>16}"
      f"{'|dL/dW|, LN':>13}{'step/|W|, LN':>14}")
for index, scale in enumerate(WEIGHT_SCALES):
    print(f"{scale:>10}{first_layer_signal['plain'][index]:>25.2e}"
          f"{first_layer_signal['LayerNorm'][index]:>16.3f}"
          f"{weight_grad['LayerNorm'][index]:>13.3f}{relative_step['LayerNorm'][index]:>14.3f}")

# Without normalization, smaller weights let less gradient through (weights x0.5: >10^4x less).
assert first_layer_signal["plain"][-1] < 1e-4
# With LayerNorm after every linear layer the network is scale-invariant in its weights:
# the same function (up to LayerNorm's epsilon), the same gradient reaching layer 1 ...
assert max(output_change["LayerNorm"]) < 0.01 < min(output_change["plain"][1:])
assert all(abs(ratio - 1) < 0.01 for ratio in first_layer_signal["LayerNorm"])
# ... a weight gradient that grows as 1 / scale, and a relative step that grows as 1 / scale^2.
for scale, grad, step in zip(WEIGHT_SCALES, weight_grad["LayerNorm"], relative_step["LayerNorm"]):
    assert abs(grad * scale - 1) < 0.01 and abs(step * scale**2 - 1) < 0.01
