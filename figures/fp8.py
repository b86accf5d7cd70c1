"""FP8: what per-tensor, block (128x128), tile (1x128) and MX (1x32) scaling lose of a
gradient tensor with outlier channels."""
import math

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
ALT_TEXT_SETUP = ("128 by 128 blocks", "1 by 128 tiles", "MX 1 by 32 blocks",
                  "values that become 0")


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
        *_alt_text(data),
    ]}


def _alt_text(data):
    def total(fp8_format, scheme):
        """The shares of a bar, in both frameworks (check() asserts them equal)."""
        return [sum(lost[fp8_format][scheme].values()) for lost in data.values()]

    def about(scheme):
        fractions = {"half": 1 / 2, "a third": 1 / 3, "a quarter": 1 / 4, "a fifth": 1 / 5}
        shares = total("e4m3", scheme)
        names = {min(fractions, key=lambda name: abs(math.log(share / fractions[name])))
                 for share in shares}
        assert len(names) == 1, f"e4m3, {scheme}: {shares}, say so in the alt text"
        name = names.pop()
        assert all(abs(math.log(share / fractions[name])) < math.log(1.25) for share in shares)
        return f"about {name}"

    small = ("1x128 tiles", "MX, 1x32 blocks")
    under = math.floor(100 * max(share for scheme in small for share in total("e4m3", scheme))) + 1
    for lost in data.values():
        e4m3, e5m2 = lost["e4m3"], lost["e5m2"]
        assert sum(e4m3["no scaling"].values()) > 0.95, "no scaling loses almost everything"
        per_tensor = e4m3["per tensor"]
        assert per_tensor["subnormal"] > per_tensor["underflow"] + per_tensor["saturated"]
        mx = e4m3["MX, 1x32 blocks"]
        assert mx["saturated"] > mx["underflow"] + mx["subnormal"], "MX's part is saturation"
        assert all(sum(e5m2[scheme].values()) < 0.01 for scheme in SCHEMES[1:]), "only unscaled"
    return [f"per tensor {about('per tensor')}, mostly to subnormals",
            f"128 by 128 blocks {about('128x128 blocks')}",
            f"1 by 128 tiles and MX blocks under {under} percent"]
