"""FP8: what per-tensor, block (128x128), tile (1x128) and MX (1x32) scaling lose of a
gradient tensor with outlier channels."""
import numpy as np

SNIPPETS = {
    "PyTorch": "snippets/torch/fp8.py",
    "Keras": "snippets/keras/fp8.py",
}
FORMATS = ("e4m3", "e5m2")
SCHEMES = ("no scaling", "per tensor", "128x128 blocks", "1x128 tiles", "MX, 1x32 blocks")
OUTCOMES = {"underflow": "becomes 0", "subnormal": "subnormal (fewer bits)",
            "saturated": "saturated (clamped)"}
SIZE = (8, 3.8)


def collect(exports):
    return {framework: variables["lost"] for framework, variables in exports.items()}


def draw(figure, data):
    # Both frameworks give identical shares (check() asserts it): draw PyTorch's.
    lost = data["PyTorch"]
    axes_per_format = figure.subplots(1, 2, sharey=True)
    positions = np.arange(len(SCHEMES))
    for axes, fp8_format in zip(axes_per_format, FORMATS):
        bottom = np.zeros(len(SCHEMES))
        for outcome, label in OUTCOMES.items():
            heights = np.array([100 * lost[fp8_format][scheme][outcome] for scheme in SCHEMES])
            axes.barh(positions, heights, left=bottom, label=label)
            bottom += heights
        for position, total in zip(positions, bottom):
            axes.annotate(_total_label(total), (total, position), xytext=(3, 0),
                          textcoords="offset points", va="center", fontsize=8)
        axes.set(title=fp8_format, xlabel="% of the gradient's values", xlim=(0, 118),
                 yticks=positions, yticklabels=SCHEMES)
    axes_per_format[0].invert_yaxis()  # shared: inverts both; the first scheme on top
    handles, labels = axes_per_format[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=8)


def _total_label(total):
    if total == 0:
        return "0"
    return f"{total:.0f} %" if total >= 10 else f"{total:.2g} %"


def check(data):
    # The same NumPy tensor and the same rounding rule: identical in both frameworks.
    assert data["PyTorch"] == data["Keras"]
    for framework, lost in data.items():
        e4m3, e5m2 = lost["e4m3"], lost["e5m2"]
        assert e4m3["no scaling"]["underflow"] > 0.5, framework
        assert e4m3["per tensor"]["underflow"] > 0.01, framework
        assert e4m3["128x128 blocks"]["underflow"] < e4m3["per tensor"]["underflow"], framework
        for scheme in ("1x128 tiles", "MX, 1x32 blocks"):
            assert e4m3[scheme]["underflow"] < e4m3["per tensor"]["underflow"] / 20, framework
            assert e4m3[scheme]["subnormal"] < e4m3["per tensor"]["subnormal"] / 5, framework
        for scheme in ("per tensor", "128x128 blocks", "1x128 tiles"):
            assert e4m3[scheme]["saturated"] == e5m2[scheme]["saturated"] == 0, framework
        assert e4m3["MX, 1x32 blocks"]["saturated"] > 0, framework
        assert e5m2["per tensor"]["underflow"] < 1e-4, framework


def percent(share):
    if share == 0:
        return "0"
    return f"{100 * share:.2g} %" if share < 0.01 else f"{100 * share:.1f} %"


def tables(data):
    lost = data["PyTorch"]
    rows = ["| Scaling | scale per | e4m3: becomes 0 | e4m3: subnormal | e4m3: saturated "
            "| e5m2: becomes 0 | e5m2: subnormal | e5m2: saturated |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    scale_per = {"no scaling": "—", "per tensor": "262,144 values",
                 "128x128 blocks": "16,384 values", "1x128 tiles": "128 values",
                 "MX, 1x32 blocks": "32 values, power of two"}
    for scheme in SCHEMES:
        cells = [percent(lost[fp8_format][scheme][outcome])
                 for fp8_format in FORMATS for outcome in OUTCOMES]
        rows.append(f"| {scheme} | {scale_per[scheme]} | " + " | ".join(cells) + " |")
    return {"results": "\n".join(rows)}


def quotes(data):
    e4m3 = data["PyTorch"]["e4m3"]
    return {"scale/fp8.md": [
        percent(e4m3["per tensor"]["underflow"]),
        percent(e4m3["per tensor"]["subnormal"]),
        percent(e4m3["1x128 tiles"]["underflow"]),
        percent(e4m3["MX, 1x32 blocks"]["underflow"]),
    ]}
