"""FFN weight-gradient norms at initialization in Post-LN and Pre-LN Transformer encoders:
per layer in the deepest stack, and the last layer's as a function of depth."""
from clinic.figures import (ASSERTED_COLUMN, LINESTYLES, framework_legend_handles, round_down,
                            round_up, span)

SNIPPETS = {
    "PyTorch": "snippets/torch/normalization_pre_post_ln.py",
    "Keras": "snippets/keras/normalization_pre_post_ln.py",
}
ARRANGEMENTS = ["Post-LN", "Pre-LN"]
SIZE = (8, 3.8)
ALT_TEXT_SETUP = ("of an 8-layer encoder", "against depth 2, 4 and 8",
                  "a dotted 1 over square-root-of-depth reference")


def collect(exports):
    return {
        framework: {
            "depths": list(variables["DEPTHS"]),
            "grad_per_layer": variables["grad_per_layer"],
            "first_layer_grad": variables["first_layer_grad"],
            "last_layer_grad": variables["last_layer_grad"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    layer_axes, depth_axes = figure.subplots(1, 2)
    for framework, measured in data.items():
        for axes in (layer_axes, depth_axes):
            axes.set_prop_cycle(None)  # same colour for the same arrangement in both frameworks
        for arrangement in ARRANGEMENTS:
            per_layer = measured["grad_per_layer"][arrangement]
            layer_axes.plot(range(1, len(per_layer) + 1), per_layer, LINESTYLES[framework],
                            marker=".", label=arrangement)
            depth_axes.plot(measured["depths"], measured["last_layer_grad"][arrangement],
                            LINESTYLES[framework], marker="o", markersize=4, label=arrangement)
    depths = data["PyTorch"]["depths"]
    # Xiong et al.'s bound for Pre-LN's last layer falls like 1/sqrt(depth).
    start = sum(measured["last_layer_grad"]["Pre-LN"][0] for measured in data.values()) / 2
    depth_axes.plot(depths, [start * (depths[0] / depth) ** 0.5 for depth in depths], ":",
                    color="grey", label="∝ 1/√depth")
    layer_axes.set(xlabel=f"layer (in the {depths[-1]}-layer stack)",
                   ylabel="‖∂L/∂W_FFN‖ at initialization", ylim=(0, None))
    depth_axes.set(xscale="log", xticks=depths, xticklabels=[str(d) for d in depths],
                   xlabel="depth (number of layers)",
                   ylabel="‖∂L/∂W_FFN‖ of the last layer",
                   ylim=(0, None))
    depth_axes.minorticks_off()
    arrangement_handles = layer_axes.get_lines()[: len(ARRANGEMENTS)]
    arrangement_handles.append(depth_axes.get_lines()[-1])
    framework_handles = framework_legend_handles()
    figure.legend(handles=arrangement_handles + framework_handles, loc="outside lower center",
                  ncols=5, fontsize=8)


def check(data):
    for framework, measured in data.items():
        post_last = measured["last_layer_grad"]["Post-LN"]
        pre_last = measured["last_layer_grad"]["Pre-LN"]
        assert max(post_last) / min(post_last) < 1.5, framework
        assert 0.3 < pre_last[-1] / pre_last[0] < 0.75, framework
        assert pre_last[-1] < 0.75 * measured["first_layer_grad"]["Pre-LN"][-1], framework
        post_over_pre = [post / pre for post, pre in zip(post_last, pre_last)]
        assert post_over_pre[-1] > 1.4, framework
        assert post_over_pre[-1] > 1.2 * post_over_pre[0], framework
    # Different random numbers, same measurement: the last layer's gradients agree within
    # 2x; single layers inside the stack, within 2.5x.
    for quantity, factor in (("last_layer_grad", 2), ("first_layer_grad", 2.5),
                             ("grad_per_layer", 2.5)):
        for arrangement in ARRANGEMENTS:
            for torch_value, keras_value in zip(data["PyTorch"][quantity][arrangement],
                                                data["Keras"][quantity][arrangement]):
                assert 1 / factor < torch_value / keras_value < factor, (quantity, arrangement)


ASSERTED = {
    "Post-LN": "max/min over the depths below 1.5",
    "Pre-LN": "depth 8 between 0.3 and 0.75 × depth 2",
    "Post-LN / Pre-LN": "above 1.4 at depth 8, and 1.2× its depth-2 value",
}


def _ratios(measured):
    return [post / pre for post, pre in zip(measured["last_layer_grad"]["Post-LN"],
                                            measured["last_layer_grad"]["Pre-LN"])]


def tables(data):
    depths = " → ".join(str(depth) for depth in data["PyTorch"]["depths"])
    rows = [f"| Last layer's gradient at depth {depths} | PyTorch | Keras | "
            f"{ASSERTED_COLUMN} |", "| --- | --- | --- | --- |"]
    for row in ASSERTED:
        cells = []
        for measured in data.values():
            values = (_ratios(measured) if row == "Post-LN / Pre-LN"
                      else measured["last_layer_grad"][row])
            cells.append(" → ".join(f"{value:#.2g}" for value in values))
        rows.append(f"| {row} | {cells[0]} | {cells[1]} | {ASSERTED[row]} |")
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]

    def last_over_first(measured):
        return measured["grad_per_layer"]["Pre-LN"][-1] / measured["grad_per_layer"]["Pre-LN"][0]

    def depth_ratio(measured):
        return measured["last_layer_grad"]["Pre-LN"][-1] / measured["last_layer_grad"]["Pre-LN"][0]

    def direction(measured):
        post_ln = measured["last_layer_grad"]["Post-LN"]
        return "rises" if post_ln[-1] > post_ln[0] else "falls"

    return {"remedies/normalization.md": [
        f"in this run it {direction(keras_run)} in Keras and {direction(torch_run)} in PyTorch",
        f"({last_over_first(torch_run):.2f} in PyTorch, "
        f"{last_over_first(keras_run):.2f} in Keras)",
        f"measured {depth_ratio(torch_run):.2f} and {depth_ratio(keras_run):.2f}",
        *_alt_text(data),
    ]}


def _alt_text(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]

    def between(measured):
        per_layer = measured["grad_per_layer"]["Post-LN"]
        return f"between {round_down(min(per_layer), 2):.2f} and {round_up(max(per_layer), 2):.2f}"

    def goes(measured, arrangement):
        last = measured["last_layer_grad"][arrangement]
        return f"from {last[0]:.2f} to {last[-1]:.2f}"

    pre_ln = [run["grad_per_layer"]["Pre-LN"] for run in data.values()]
    depth = len(pre_ln[0])
    return [
        f"Post-LN stays {between(torch_run)} in PyTorch and {between(keras_run)} in Keras",
        f"Pre-LN falls from about {span([run[0] for run in pre_ln], lambda v: f'{v:.1g}')} "
        f"at layer 1 to {span([run[-1] for run in pre_ln], lambda v: f'{v:.2f}')} "
        f"at layer {depth}",
        f"Post-LN goes {goes(torch_run, 'Post-LN')} in PyTorch and {goes(keras_run, 'Post-LN')} "
        f"in Keras; Pre-LN falls {goes(torch_run, 'Pre-LN')} in PyTorch and "
        f"{goes(keras_run, 'Pre-LN')} in Keras",
    ]
