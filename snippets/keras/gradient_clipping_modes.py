import math

import keras

# Two variables whose gradients differ tenfold: norms 5 and 0.5.
BIG_GRAD, SMALL_GRAD = [3.0, 4.0], [0.3, 0.4]
big, small = keras.Variable([0.0, 0.0]), keras.Variable([0.0, 0.0])

CLIPS = {  # optimizer arguments; only one of the three may be set
    "global norm": {"global_clipnorm": 1.0},
    "per-variable norm": {"clipnorm": 1.0},  # each variable by its own norm
    "value": {"clipvalue": 1.0},
}


def clip_and_read(clip, big_grad=BIG_GRAD):
    """One SGD step with learning rate 1 from zero: the weights become -(clipped gradient)."""
    big.assign([0.0, 0.0])
    small.assign([0.0, 0.0])
    optimizer = keras.optimizers.SGD(learning_rate=1.0, **clip)
    grads = [keras.ops.convert_to_tensor(big_grad), keras.ops.convert_to_tensor(SMALL_GRAD)]
    optimizer.apply(grads, [big, small])
    return (-big).numpy().tolist(), (-small).numpy().tolist()


def norm(vector):
    return math.hypot(*vector)


def same(vector, expected):
    return all(math.isclose(a, b, rel_tol=1e-6) for a, b in zip(vector, expected))


clipped = {name: clip_and_read(clip) for name, clip in CLIPS.items()}
for name, (big_grad, small_grad) in clipped.items():
    print(f"{name:<18} big {[round(v, 4) for v in big_grad]}"
          f"  small {[round(v, 4) for v in small_grad]}")

# global_clipnorm: one factor 1/5.025 for both; direction and the 10:1 ratio are kept.
big_grad, small_grad = clipped["global norm"]
assert math.isclose(norm(big_grad), 1 / 1.005, rel_tol=1e-4)
assert math.isclose(norm(big_grad) / norm(small_grad), 10, rel_tol=1e-4)
# clipnorm: big is cut to norm 1, small (0.5) is left alone; the ratio becomes 2.
big_grad, small_grad = clipped["per-variable norm"]
assert math.isclose(norm(big_grad), 1.0, rel_tol=1e-6) and same(small_grad, SMALL_GRAD)
# clipvalue: [3, 4] becomes [1, 1]; the direction changes.
assert clipped["value"][0] == [1.0, 1.0]
# Only one of the three may be set.
try:
    keras.optimizers.SGD(clipnorm=1.0, global_clipnorm=1.0)
    refused = False
except ValueError:
    refused = True
assert refused

# A single inf in one variable's gradient.
with_inf = {name: clip_and_read(clip, big_grad=[math.inf, 4.0]) for name, clip in CLIPS.items()}
for name, (big_grad, small_grad) in with_inf.items():
    print(f"with an inf, {name:<18} big {[round(v, 4) for v in big_grad]}"
          f"  small {[round(v, 4) for v in small_grad]}")
# global_clipnorm: the factor becomes NaN, so EVERY variable becomes NaN.
assert all(math.isnan(value) for grad in with_inf["global norm"] for value in grad)
# clipnorm: only that variable is hit (its inf becomes NaN, the rest 0).
big_grad, small_grad = with_inf["per-variable norm"]
assert math.isnan(big_grad[0]) and big_grad[1] == 0 and same(small_grad, SMALL_GRAD)
# clipvalue turns the inf into 1.0 and hides it.
assert with_inf["value"][0] == [1.0, 1.0]
