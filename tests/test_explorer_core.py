"""The explorer's numeric core, run under Node, agrees with PyTorch in float64 and float32.

docs/javascripts/explorer/network.mjs is the code the page runs. tests/explorer_export.mjs
runs it under Node and exports, as JSON, the weights, inputs and targets it drew and the
numbers it computed. PyTorch then redoes the same forward and backward pass with those
weights and inputs (in the same precision, its own Linear, BatchNorm, LayerNorm,
activations and autograd) and the two must agree:

- loss, per-layer weight-gradient norm and output std, and every entry of the first and
  last layers' weight gradients (relative to that gradient's largest entry), within a
  relative 1e-6 on the grid below in float64 (measured worst: about 1e-9), 3e-4 in float32
  (measured worst: about 6e-5; PyTorch's float32 BLAS adds in another order);
- within 1e-5 for the page's float64 presets, some of which are 100 layers deep with
  gradients that grow a billion-fold: rounding differences of 1e-16 grow with them;
- inf and NaN in exactly the same places, in float32 too (where the 100-layer ReLU network
  with N(0, 1) weights overflows in its forward pass).
"""
import itertools
import json
import math
import re
import shutil
import subprocess

import pytest
import torch
import torch.nn.functional as F

from clinic.pages import DOCS, ROOT

NODE = shutil.which("node")
EXPORT = ROOT / "tests" / "explorer_export.mjs"
MODULES = DOCS / "javascripts" / "explorer"
PAGE = DOCS / "explorer.md"

ACTIVATIONS = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": F.relu,
               "gelu": F.gelu, "selu": F.selu}
INITIALIZATIONS = ["normal", "small", "lecun", "xavier", "he", "orthogonal"]
NORMALIZATIONS = ["none", "batch", "layer"]
SHAPES = [(4, 9), (24, 32)]  # (depth, width), an odd width included: 2 × 5 × 6 × 3 × 2 = 360
GRID_TOLERANCE = 1e-6
PRESET_TOLERANCE = 1e-5
FLOAT32_TOLERANCE = 3e-4
# Chaotic in float32 at 24 layers: nearby inputs drift apart exponentially, so float32's
# rounding differences (1e-7) grow into different digits (the page says so).
FLOAT32_CHAOTIC = {"initialization": "normal", "activation": "tanh"}
NORM_EPSILON = 1e-5  # the core's; PyTorch's default too
# float32 keeps fewer digits below its smallest normal number (subnormals, down to 1.4e-45):
# there a difference counts relative to that number, so 0 and 1e-44 agree, 0 and 1e-30 do not.
FLOORS = {"float64": 0.0, "float32": torch.finfo(torch.float32).tiny}


def run_node(script_or_path, payload):
    assert NODE, "Node.js is needed to run the explorer's JavaScript (make test installs it)"
    command = ([NODE, str(script_or_path)] if not isinstance(script_or_path, str)
               else [NODE, "--input-type=module", "-e", script_or_path])
    done = subprocess.run(command, input=json.dumps(payload), capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def module_url(name):
    return (MODULES / name).as_uri()


# --- PyTorch's side -------------------------------------------------------------------

def norm(tensor):
    """Euclidean norm, scaled so that 1e200 squared does not overflow; inf/NaN propagate."""
    largest = tensor.abs().max()
    if not torch.isfinite(tensor).all() or largest == 0:
        return torch.linalg.vector_norm(tensor).item()
    return (largest * torch.linalg.vector_norm(tensor / largest)).item()


def std(tensor):
    """torch.std (Bessel-corrected), scaled likewise; NaN if any NaN, else inf if any inf."""
    if torch.isnan(tensor).any():
        return math.nan
    if torch.isinf(tensor).any():
        return math.inf
    largest = tensor.abs().max()
    return 0.0 if largest == 0 else (largest * torch.std(tensor / largest)).item()


DTYPES = {"float64": torch.float64, "float32": torch.float32}


def pytorch_pass(exported, config, width, precision="float64"):
    """PyTorch's pass in `precision`; norms and stds of its numbers are taken in float64
    (as the core takes them), so inf means an entry itself overflowed."""
    dtype = DTYPES[precision]
    weights = [torch.tensor(layer, dtype=dtype).reshape(width, width).requires_grad_()
               for layer in exported["weights"]]
    hidden = torch.tensor(exported["inputs"], dtype=dtype).reshape(-1, width)
    targets = torch.tensor(exported["targets"], dtype=dtype).reshape(-1, width)
    output_stds = []
    for weight in weights:
        pre_activation = F.linear(hidden, weight)
        if config["normalization"] == "batch":
            pre_activation = F.batch_norm(pre_activation, None, None, training=True,
                                          eps=NORM_EPSILON)
        elif config["normalization"] == "layer":
            pre_activation = F.layer_norm(pre_activation, (width,), eps=NORM_EPSILON)
        activated = ACTIVATIONS[config["activation"]](pre_activation)
        hidden = hidden + activated if config["residual"] else activated
        output_stds.append(std(hidden.detach().double()))
    loss = F.mse_loss(hidden, targets)
    loss.backward()
    return {
        "loss": loss.item(),
        "gradientNorms": [norm(weight.grad.double()) for weight in weights],
        "activationStds": output_stds,
        "firstLayerGradient": weights[0].grad.flatten().tolist(),
        "lastLayerGradient": weights[-1].grad.flatten().tolist(),
    }


# --- comparing ------------------------------------------------------------------------

def relative_error(ours, reference, scale=None, floor=0.0):
    """Largest |ours - reference| / max(|reference| (or scale), floor); inf if inf/NaN differ."""
    ours = torch.tensor(ours, dtype=torch.float64)
    reference = torch.tensor(reference, dtype=torch.float64)
    if not (torch.equal(ours.isnan(), reference.isnan())
            and torch.equal(ours == math.inf, reference == math.inf)
            and torch.equal(ours == -math.inf, reference == -math.inf)):
        return math.inf
    finite = torch.isfinite(reference)
    if not finite.any():
        return 0.0
    denominator = (reference[finite].abs() if scale is None
                   else torch.tensor(scale, dtype=torch.float64)).clamp(min=floor)
    difference = (ours[finite] - reference[finite]).abs()
    return (difference / denominator).nan_to_num(nan=0.0).max().item()  # 0/0: both zero


def largest_finite(values):
    finite = [abs(value) for value in values if math.isfinite(value)]
    return max(finite, default=0.0) or 1.0


def errors(ours, reference, floor=0.0):
    """Relative error of each exported quantity; whole gradients relative to their largest
    entry; differences below `floor` count as relative to `floor`."""
    found = {key: relative_error(ours[key], reference[key], floor=floor)
             for key in ("gradientNorms", "activationStds")}
    found["loss"] = relative_error([ours["loss"]], [reference["loss"]], floor=floor)
    for key in ("firstLayerGradient", "lastLayerGradient"):
        found[key] = relative_error(ours[key], reference[key], largest_finite(reference[key]),
                                    floor=floor)
    return found


def compare_groups(groups, exported):
    """[(worst error, where, errors)] for every configuration, worst first."""
    compared = []
    for group, output in zip(groups, exported, strict=True):
        precision = group.get("precision", "float64")
        for result in output["results"]:
            reference = pytorch_pass(output, result["config"], group["width"], precision)
            found = errors(result, reference, floor=FLOORS[precision])
            where = {key: group[key] for key in ("depth", "width", "initialization")}
            where["precision"] = precision
            compared.append((max(found.values()), {**where, **result["config"]}, found))
    return sorted(compared, key=lambda item: -item[0])


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    """Small matrices: threads only contend (and the suite shares a machine)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def grid_groups(precision="float64"):
    configs = [{"activation": activation, "normalization": normalization, "residual": residual}
               for activation, normalization, residual
               in itertools.product(ACTIVATIONS, NORMALIZATIONS, [False, True])]
    return [{"depth": depth, "width": width, "initialization": initialization,
             "precision": precision, "configs": configs}
            for (depth, width), initialization in itertools.product(SHAPES, INITIALIZATIONS)]


def test_every_configuration_of_the_grid_agrees_with_pytorch_in_float32():
    groups = grid_groups("float32")
    compared = compare_groups(groups, run_node(EXPORT, groups))
    assert len(compared) == 360
    checked = [item for item in compared
               if not (item[1]["depth"] > 4 and FLOAT32_CHAOTIC.items() <= item[1].items())]
    assert len(checked) == 360 - 6  # the chaotic ones at 4 layers are checked
    worst_error, where, found = checked[0]
    print(f"worst relative error {worst_error:.1e} at {where}")
    failures = [item for item in checked if item[0] > FLOAT32_TOLERANCE]
    assert failures == [], "\n".join(f"{error:.1e} {where} {found}"
                                     for error, where, found in failures[:10])


def test_every_configuration_of_the_grid_agrees_with_pytorch():
    groups = grid_groups()
    compared = compare_groups(groups, run_node(EXPORT, groups))
    assert len(compared) == 360
    worst_error, where, found = compared[0]
    print(f"worst relative error {worst_error:.1e} at {where}")
    failures = [item for item in compared if item[0] > GRID_TOLERANCE]
    assert failures == [], "\n".join(f"{error:.1e} {where} {found}"
                                     for error, where, found in failures[:10])


# The one regime the page says cannot be cross-checked (docs/explorer.md, "One regime
# cannot be cross-checked"): with N(0, 1) weights and tanh, nearby inputs drift apart
# exponentially with depth, so each precision's rounding differences grow into different
# digits: at 100 layers in float64 (the grid checks 24 layers, which agree), already at 24
# in float32 (the grid leaves those out). Measured: relative differences of order 1.
@pytest.mark.parametrize("depth, precision", [(100, "float64"), (24, "float32")])
def test_the_chaotic_regime_differs_from_pytorch_where_the_page_says(depth, precision):
    groups = [{"depth": depth, "width": 64, "initialization": FLOAT32_CHAOTIC["initialization"],
               "precision": precision,
               "configs": [{"activation": FLOAT32_CHAOTIC["activation"],
                            "normalization": "none", "residual": False}]}]
    [(worst_error, where, found)] = compare_groups(groups, run_node(EXPORT, groups))
    assert worst_error > 0.1, f"{where} agrees with PyTorch ({found}): update the page"


# --- overflow: inf and NaN where PyTorch has them -------------------------------------
# Only where the float64 semantics are the same: PyTorch's matrix products use fused
# multiply-adds, so when a single product of two finite numbers overflows, BLAS can give
# ±inf where JavaScript (no FMA: the product rounds to ±inf first, and +inf + -inf is
# NaN) gives NaN. Both are valid float64 results; neither case is tested here.

def overflow_groups():
    saturated = [{"activation": activation, "normalization": "none", "residual": True}
                 for activation in ("sigmoid", "tanh")]
    unbounded = [{"activation": activation, "normalization": "none", "residual": False}
                 for activation in ("relu", "gelu", "selu")]
    return [
        # Inputs of 1e200: the squared error overflows (loss inf), the saturated units
        # pass no gradient (weight gradients exactly 0), the skip carries the inputs.
        {"depth": 3, "width": 8, "initialization": "xavier", "inputScale": 1e200,
         "configs": saturated},
        # Infinite inputs: inf - inf in the first product, NaN from there on.
        {"depth": 3, "width": 8, "initialization": "he", "inputScale": "Infinity",
         "configs": unbounded},
    ]


def test_overflow_gives_inf_and_nan_exactly_where_pytorch_does():
    groups = overflow_groups()
    exported = run_node(EXPORT, groups)
    compared = compare_groups(groups, exported)
    assert [item for item in compared if item[0] > GRID_TOLERANCE] == [], compared[:3]
    saturated, unbounded = ([result for result in group["results"]] for group in exported)
    assert all(result["loss"] == math.inf and result["gradientNorms"] == [0, 0, 0]
               for result in saturated)
    assert all(math.isnan(result["loss"]) and all(map(math.isnan, result["gradientNorms"]))
               for result in unbounded)


# --- the building blocks --------------------------------------------------------------

def test_erfc_behind_gelu_is_accurate_to_1e_13():
    points = [round(-6 + 0.01 * step, 2) for step in range(3201)]  # -6 … 26
    values = run_node(f"""
        import {{ erfc }} from "{module_url('network.mjs')}";
        import {{ readFileSync }} from "node:fs";
        const points = JSON.parse(readFileSync(0, "utf8"));
        console.log(JSON.stringify(points.map(erfc)));""", points)
    worst = max(abs(value - math.erfc(x)) / math.erfc(x) for x, value in zip(points, values))
    assert worst < 1e-13


def test_orthogonal_weights_are_orthogonal():
    groups = [{"depth": 2, "width": 128, "initialization": "orthogonal",
               "configs": [{"activation": "tanh", "normalization": "none", "residual": False}]}]
    [exported] = run_node(EXPORT, groups)
    for layer in exported["weights"]:
        weight = torch.tensor(layer, dtype=torch.float64).reshape(128, 128)
        deviation = (weight.T @ weight - torch.eye(128, dtype=torch.float64)).abs().max()
        assert deviation < 1e-12


def test_depth_keeps_the_first_layers_and_initializations_rescale_the_same_draws():
    config = {"activation": "relu", "normalization": "none", "residual": False}
    groups = [{"depth": depth, "width": 8, "initialization": initialization, "configs": [config]}
              for depth, initialization in [(3, "lecun"), (5, "lecun"), (3, "he")]]
    shallow, deep, he = run_node(EXPORT, groups)
    assert deep["weights"][:3] == shallow["weights"]
    assert deep["inputs"] == shallow["inputs"] == he["inputs"]
    for he_layer, lecun_layer in zip(he["weights"], shallow["weights"]):
        assert he_layer == pytest.approx([math.sqrt(2) * value for value in lecun_layer],
                                         rel=1e-15)


def test_the_float32_lines_on_the_chart_are_float32s_limits():
    limits = run_node(f"""
        import {{ FLOAT32_LIMITS }} from "{module_url('chart.mjs')}";
        console.log(JSON.stringify(FLOAT32_LIMITS.map((limit) => limit.value)));""", None)
    float32 = torch.finfo(torch.float32)
    assert limits == [float32.max, float32.tiny]
    assert float32.max == pytest.approx(3.4e38, rel=0.01)  # as the page rounds it


def test_a_query_string_is_parsed_clamped_and_written_back():
    cases = ["?depth=300&width=13&activation=gelu&init=he&norm=batch&residual=on",
             "?depth=-3&width=x&activation=toString&init=__proto__&residual=maybe"
             "&precision=float16&axis=log", ""]
    parsed = run_node(f"""
        import {{ configFromQuery, queryFromConfig }} from "{module_url('state.mjs')}";
        import {{ readFileSync }} from "node:fs";
        const cases = JSON.parse(readFileSync(0, "utf8"));
        console.log(JSON.stringify(cases.map((query) => {{
          const config = configFromQuery(query);
          return {{ config, query: queryFromConfig(config) }};
        }})));""", cases)
    clamped, invalid, empty = parsed
    assert clamped["config"] == {"depth": 100, "width": 16, "activation": "gelu",
                                 "initialization": "he", "normalization": "batch",
                                 "residual": True, "precision": "float32", "axis": "auto"}
    assert clamped["query"] == ("?depth=100&width=16&activation=gelu&init=he&norm=batch"
                                "&residual=on&precision=float32&axis=auto")
    assert invalid["config"] == empty["config"]  # every invalid value falls back to the default
    assert empty["query"] == ("?depth=20&width=64&activation=sigmoid&init=xavier&norm=none"
                              "&residual=off&precision=float32&axis=auto")


# --- the presets on the page ----------------------------------------------------------

def spread(values):
    return max(values) / min(values)


def overflow_layer(stds):
    """The first layer (counting from 1) whose output is not finite."""
    return next(index + 1 for index, value in enumerate(stds) if not math.isfinite(value))


# Each preset link on docs/explorer.md and the sentence the page says about it.
PRESETS = {
    "?depth=30&width=64&activation=sigmoid&init=xavier&norm=none&residual=off":
        lambda grad, std: grad[0] < 1e-15 * grad[-1],
    "?depth=50&width=64&activation=relu&init=he&norm=none&residual=off":
        lambda grad, std: spread(grad) < 10,
    "?depth=30&width=64&activation=relu&init=xavier&norm=none&residual=off":
        lambda grad, std: spread(grad) < 10 and std[-1] < std[0] / 1e4,
    "?depth=50&width=64&activation=selu&init=lecun&norm=none&residual=off":
        lambda grad, std: all(0.8 < value < 1.2 for value in std),
    "?depth=30&width=64&activation=relu&init=normal&norm=none&residual=off":
        lambda grad, std: (not any(map(math.isfinite, grad)) and math.isnan(grad[0])
                           and grad[-1] == math.inf and all(map(math.isfinite, std))),
    "?depth=30&width=64&activation=relu&init=normal&norm=none&residual=off&precision=float64":
        lambda grad, std: min(grad) > 1e40,
    "?depth=100&width=64&activation=relu&init=normal&norm=none&residual=off":
        lambda grad, std: (all(map(math.isnan, grad))
                           and overflow_layer(std) in range(40, 61)
                           and std[overflow_layer(std) - 1] == math.inf
                           and all(map(math.isnan, std[overflow_layer(std):]))),
    "?depth=30&width=64&activation=relu&init=small&norm=none&residual=off":
        lambda grad, std: 0 < min(grad) and max(grad) < 1e-35,
    "?depth=30&width=64&activation=relu&init=small&norm=batch&residual=off":
        lambda grad, std: (all(0.5 < value < 0.7 for value in std) and min(grad) > 1
                           and grad[0] > 100 * grad[-1]),
    "?depth=30&width=64&activation=relu&init=normal&norm=layer&residual=off":
        lambda grad, std: (all(0.01 < value < 1 for value in grad)
                           and all(0.4 < value < 0.7 for value in std)),
    "?depth=100&width=64&activation=relu&init=he&norm=batch&residual=off":
        lambda grad, std: grad[0] > 1e8 * grad[-1],
    "?depth=100&width=64&activation=relu&init=he&norm=batch&residual=on":
        lambda grad, std: spread(grad) < 100,
    "?depth=30&width=64&activation=sigmoid&init=xavier&norm=none&residual=on":
        lambda grad, std: grad[0] > 1e-2 * grad[-1],
    "?depth=100&width=64&activation=tanh&init=orthogonal&norm=none&residual=off":
        lambda grad, std: spread(grad) < 1.5,
}


def page_presets():
    return re.findall(r"\]\((\?[^)\s]+)\)\{ \.gfe-preset \}", PAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def presets():
    return run_presets()


def run_presets():
    """Groups of presets that share weights, and each preset's result from the core."""
    configs = run_node(f"""
        import {{ configFromQuery }} from "{module_url('state.mjs')}";
        import {{ readFileSync }} from "node:fs";
        const queries = JSON.parse(readFileSync(0, "utf8"));
        console.log(JSON.stringify(queries.map(configFromQuery)));""", list(PRESETS))
    groups, where = {}, {}
    for query, config in zip(PRESETS, configs, strict=True):
        shared = (config["depth"], config["width"], config["initialization"],
                  config["precision"])
        group = groups.setdefault(shared, {"depth": shared[0], "width": shared[1],
                                           "initialization": shared[2],
                                           "precision": shared[3], "configs": []})
        where[query] = (list(groups).index(shared), len(group["configs"]))
        group["configs"].append({key: config[key]
                                 for key in ("activation", "normalization", "residual")})
    groups = list(groups.values())
    exported = run_node(EXPORT, groups)
    results = {query: exported[group]["results"][index]
               for query, (group, index) in where.items()}
    return groups, exported, results


def test_the_page_links_exactly_the_presets_checked_here():
    assert sorted(page_presets()) == sorted(PRESETS)


def test_each_preset_shows_what_the_page_says(presets):
    _, _, results = presets
    for query, claim in PRESETS.items():
        assert claim(results[query]["gradientNorms"], results[query]["activationStds"]), query


def sensitive_to_rounding(where):
    """BatchNorm without residual connections: the gradient grows with depth because the
    pass amplifies small differences (Yang et al. 2019), float32's rounding ones included."""
    return where["normalization"] == "batch" and not where["residual"]


def test_each_preset_agrees_with_pytorch(presets):
    groups, exported, _ = presets
    compared = compare_groups(groups, exported)
    print(f"worst relative error {compared[0][0]:.1e} at {compared[0][1]}")
    assert {group["precision"] for group in groups} == {"float32", "float64"}
    failures = []
    for error, where, found in compared:
        if where["precision"] == "float64":
            failures += [(error, where)] if error > PRESET_TOLERANCE else []
        elif sensitive_to_rounding(where):  # per-layer numbers within 50%, inf/NaN alike
            per_layer = max(found[key] for key in ("gradientNorms", "activationStds", "loss"))
            failures += [(per_layer, where)] if per_layer > 0.5 else []
        else:
            failures += [(error, where)] if error > FLOAT32_TOLERANCE else []
    assert failures == []


def test_each_preset_agrees_with_pytorch_in_float64_too(presets):
    groups, _, _ = presets
    float64 = [{**group, "precision": "float64"} for group in groups
               if group["precision"] == "float32"]
    compared = compare_groups(float64, run_node(EXPORT, float64))
    assert [item for item in compared if item[0] > PRESET_TOLERANCE] == [], compared[:3]


def test_relu_with_normal_weights_at_100_layers_overflows_in_float32_as_in_pytorch():
    """The issue's case: float64 shows gradients of about 1e148; float32, PyTorch's default,
    overflows to inf in the forward pass and every gradient is NaN, in both."""
    groups = [{"depth": 100, "width": 64, "initialization": "normal", "precision": precision,
               "configs": [{"activation": "relu", "normalization": "none", "residual": False}]}
              for precision in ("float32", "float64")]
    float32, float64 = (output["results"][0] for output in run_node(EXPORT, groups))
    overflow = next(index for index, value in enumerate(float32["activationStds"])
                    if not math.isfinite(value))
    assert float32["activationStds"][overflow] == math.inf
    assert 40 <= overflow < 60
    assert all(map(math.isnan, float32["activationStds"][overflow + 1:]))
    assert all(map(math.isnan, float32["gradientNorms"])) and math.isnan(float32["loss"])
    assert min(float64["gradientNorms"]) > 1e100 and all(map(math.isfinite,
                                                              float64["activationStds"]))
    compared = compare_groups(groups[:1], run_node(EXPORT, groups[:1]))
    assert compared[0][0] <= FLOAT32_TOLERANCE, compared  # finite layers agree, inf/NaN alike


def test_what_the_page_says_about_pytorchs_own_float32_norm_and_bias():
    entries = torch.full((4,), 1.5e19, dtype=torch.float32)
    assert torch.linalg.vector_norm(entries).item() == math.inf
    assert torch.linalg.vector_norm(entries.double()).item() == pytest.approx(3e19, rel=1e-6)
    torch.manual_seed(0)
    bias = torch.nn.Linear(64, 64).bias
    assert bias.abs().max() <= 1 / math.sqrt(64) and bias.abs().min() > 0


# --- the Chinese page (docs/explorer.zh.md): the same presets, the summary in Chinese ------

ZH_PAGE = DOCS / "explorer.zh.md"
OVERFLOW_100 = "?depth=100&width=64&activation=relu&init=normal&norm=none&residual=off"
HEALTHY = "?depth=50&width=64&activation=relu&init=he&norm=none&residual=off"
# Latin words a Chinese summary may hold: names, number formats and values.
KEPT_IN_ENGLISH = {"ReLU", "He", "Kaiming", "float32", "float64", "inf", "NaN"}


def latin_words(text):
    """Words in Latin letters, two or more (float32 one word; N, the e of 1.5e+44 none)."""
    return [word for word in re.findall(r"(?<![A-Za-z0-9.])[A-Za-z][A-Za-z0-9]*", text)
            if len(word) > 1]


def summaries(queries, language):
    """describeResult for each query, as the page computes it (float64 when float32 fails)."""
    return run_node(f"""
        import {{ simulate }} from "{module_url('network.mjs')}";
        import {{ configFromQuery }} from "{module_url('state.mjs')}";
        import {{ describeResult, describeSpecialValues }} from "{module_url('describe.mjs')}";
        import {{ readFileSync }} from "node:fs";
        const {{ queries, language }} = JSON.parse(readFileSync(0, "utf8"));
        console.log(JSON.stringify(queries.map((query) => {{
          const config = configFromQuery(query);
          const result = simulate(config);
          const float64 = simulate({{ ...config, precision: "float64" }});
          return {{ summary: describeResult(config, result, float64, language),
                    note: describeSpecialValues(result, language) }};
        }})));""", {"queries": queries, "language": language})


def test_the_chinese_page_links_the_same_presets_in_the_same_order():
    english = page_presets()
    chinese = re.findall(r"\]\((\?[^)\s]+)\)\{ \.gfe-preset \}", ZH_PAGE.read_text("utf-8"))
    assert chinese == english


def test_the_summary_in_chinese_when_float32_overflows_forward():
    [overflow] = summaries([OVERFLOW_100], "zh")
    summary = overflow["summary"]
    assert summary.startswith("100层网络，宽度64，激活函数ReLU，N(0, 1)初始化，无规范化，"
                              "无残差连接，以float32计算。")
    assert re.search(r"前向传播在float32中于第(4\d|5\d|60)层上溢：该层输出含inf，"
                     r"之后每一层的输出都是inf或NaN；因此每个权重梯度都是NaN。", summary)
    assert re.search(r"在float64中，第一层的权重梯度将是\d\.\de\+1\d\d，"
                     r"最后一层的将是\d\.\de\+1\d\d。$", summary)
    assert "倍" not in summary  # no ratio of infinities
    assert re.fullmatch(r"并非每个数都能画在对数坐标上：梯度范数：100层中有100层为NaN；"
                        r"输出标准差：100层中有1层为inf；输出标准差：100层中有\d\d层为NaN。"
                        r"它们改为标在图表上方：.*（下溢）。", overflow["note"])


def test_the_summary_in_chinese_for_a_healthy_network():
    [healthy] = summaries([HEALTHY], "zh")
    assert re.fullmatch(r"50层网络，宽度64，激活函数ReLU，He（Kaiming）正态初始化，无规范化，"
                        r"无残差连接，以float32计算。第一层的权重梯度（\d\.\d+(e[-+]\d+)?）"
                        r"是最后一层（\d\.\d+(e[-+]\d+)?）的\d\.\d+倍。"
                        r"最后一层输出的标准差为\d\.\d+。", healthy["summary"])
    assert healthy["note"] is None


def test_every_chinese_summary_is_chinese_and_the_english_one_unchanged():
    """The presets' summaries: no English word in Chinese; English as it always was."""
    queries = page_presets()
    chinese, english = summaries(queries, "zh"), summaries(queries, "en")
    for query, zh, en in zip(queries, chinese, english, strict=True):
        for text in (zh["summary"], zh["note"] or ""):
            assert set(latin_words(text)) <= KEPT_IN_ENGLISH | {
                "sigmoid", "tanh", "SELU", "LeCun", "Xavier", "Glorot", "BatchNorm",
                "LayerNorm"}, (query, text)
        assert re.match(r"\d+ layers of width 64, ", en["summary"]), query
    [overflow] = [en for query, en in zip(queries, english) if query == OVERFLOW_100]
    assert re.search(r"The forward pass overflows in float32 at layer \d+: its output holds inf, "
                     r"and every later layer's is inf or NaN; so every weight gradient is NaN\. "
                     r"In float64 the first layer's weight gradient would be", overflow["summary"])


def test_every_word_of_the_widget_is_translated():
    """text.mjs: the Chinese words have the English ones' shape, and say them in Chinese."""
    shapes = run_node(f"""
        import {{ WORDS }} from "{module_url('text.mjs')}";
        const shape = (words) => Object.fromEntries(Object.entries(words).map(([key, value]) =>
          [key, typeof value === "function" ? `function/${{value.length}}`
            : Array.isArray(value) ? `array/${{value.length}}`
            : typeof value === "object" ? Object.keys(value).sort().join(",") : typeof value]));
        const config = {{ depth: 3, width: 8, activation: "ReLU", initialization: "He",
                          normalization: "LayerNorm", residual: true, precision: "float32" }};
        const forward = {{ precision: "float32", layer: 3, value: "inf", laterLayers: true,
                           everyGradientNaN: true }};
        const samples = {{ config: [config], forward: [forward], specialNote: [["1"]] }};
        const texts = (value, key) => typeof value === "function"
          ? texts(value(...(samples[key] ?? ["【1】", "【2】", "【3】", "【4】"])))
          : typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => texts(v, k))
          : [value];
        const sample = (words) => JSON.stringify(texts(words));
        console.log(JSON.stringify({{ en: shape(WORDS.en), zh: shape(WORDS.zh),
                                      zhText: sample(WORDS.zh) }}));""", None)
    english, chinese = shapes["en"], shapes["zh"]
    assert english.keys() == chinese.keys()
    assert {key: value for key, value in english.items() if key != "options"} == \
        {key: value for key, value in chinese.items() if key != "options"}
    words = set(latin_words(shapes["zhText"]))
    assert words <= KEPT_IN_ENGLISH | {"ReLU", "LayerNorm", "BatchNorm", "LeCun", "Xavier",
                                       "Glorot", "PyTorch", "ms"}, words
