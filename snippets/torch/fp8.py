import math

import numpy as np
import torch

# The two FP8 formats: e4m3 (4 exponent bits, 3 mantissa bits) for range-poor but
# precise tensors, e5m2 for range. The "fn" in e4m3fn: finite, no inf, one NaN.
FORMATS = {"e4m3": torch.float8_e4m3fn, "e5m2": torch.float8_e5m2}
e4m3, e5m2 = torch.finfo(torch.float8_e4m3fn), torch.finfo(torch.float8_e5m2)
assert e4m3.max == 448 and e4m3.smallest_normal == 2.0**-6
assert e5m2.max == 57344 and e5m2.smallest_normal == 2.0**-14
smallest_subnormal = {"e4m3": 2.0**-9, "e5m2": 2.0**-16}  # 3 and 2 mantissa bits below 2**-6, 2**-14
for name, dtype in FORMATS.items():
    tiny = smallest_subnormal[name]
    assert torch.tensor([tiny, tiny / 2]).to(dtype).tolist() == [tiny, 0.0]  # half of it: 0
print(f"e4m3: {e4m3.max:g} down to {smallest_subnormal['e4m3']:.1e}; "
      f"e5m2: {e5m2.max:g} down to {smallest_subnormal['e5m2']:.1e}")

# A synthetic gradient tensor, 256 tokens x 1,024 channels, with the outlier structure
# reported for transformer activations (Dettmers et al., 2022):
# token magnitudes spread over orders of magnitude, and 8 outlier channels 100x larger.
# Built with NumPy, so that the Keras tab quantizes exactly the same numbers.
rng = np.random.default_rng(0)
tokens, channels = 256, 1024
token_scale = 1e-4 * rng.lognormal(sigma=1.5, size=(tokens, 1))
channel_scale = np.ones((1, channels))
channel_scale[0, rng.choice(channels, size=8, replace=False)] = 100.0
gradient = torch.tensor(token_scale * channel_scale * rng.normal(size=(tokens, channels)),
                        dtype=torch.float32)
print(f"|gradient| from {gradient.abs().min():.1e} to {gradient.abs().max():.1e}")


def blocks_of(tensor, rows, columns):
    """View a (tokens, channels) tensor as (row blocks, rows, column blocks, columns)."""
    return tensor.reshape(tokens // rows, rows, channels // columns, columns)


def amax_scale(tensor, rows, columns, dtype):
    """One float32 scale per block: the block's largest |value| lands on the format's max."""
    amax = blocks_of(tensor, rows, columns).abs().amax(dim=(1, 3), keepdim=True)
    return amax / torch.finfo(dtype).max


def mx_scale(tensor, rows, columns, dtype):
    """OCP MX: a power-of-two (E8M0) scale, 2**(floor(log2(amax)) - emax of the format)."""
    amax = blocks_of(tensor, rows, columns).abs().amax(dim=(1, 3), keepdim=True)
    format_emax = math.floor(math.log2(torch.finfo(dtype).max))  # 8 for e4m3, 15 for e5m2
    return 2.0 ** (torch.floor(torch.log2(amax)) - format_emax)


def no_scale(tensor, rows, columns, dtype):
    return torch.ones(1, 1, 1, 1)


def quantize(tensor, scale, rows, columns, dtype):
    """Divide by the block scale, clamp to the format (a saturating cast), round to FP8.

    Returns the shares of values that become 0, that land among the subnormals (fewer
    significant bits), and that a non-saturating cast would have made inf or NaN.
    """
    finfo = torch.finfo(dtype)
    scaled = blocks_of(tensor, rows, columns) / scale
    in_fp8 = scaled.clamp(-finfo.max, finfo.max).to(dtype).float()
    top_spacing = finfo.eps * 2.0 ** math.floor(math.log2(finfo.max))  # 32 for e4m3
    return {
        "underflow": ((in_fp8 == 0) & (scaled != 0)).float().mean().item(),
        "subnormal": ((in_fp8 != 0) & (in_fp8.abs() < finfo.smallest_normal)).float().mean().item(),
        "saturated": (scaled.abs() >= finfo.max + top_spacing / 2).float().mean().item(),
    }


SCHEMES = {  # name: (block rows, block columns, scale rule)
    "no scaling": (tokens, channels, no_scale),
    "per tensor": (tokens, channels, amax_scale),
    "128x128 blocks": (128, 128, amax_scale),
    "1x128 tiles": (1, 128, amax_scale),
    "MX, 1x32 blocks": (1, 32, mx_scale),
}
lost = {}  # lost[format][scheme] = {"underflow": share, "subnormal": share, "saturated": share}
for fp8_format, dtype in FORMATS.items():
    lost[fp8_format] = {}
    for scheme, (rows, columns, scale_rule) in SCHEMES.items():
        scale = scale_rule(gradient, rows, columns, dtype)
        lost[fp8_format][scheme] = shares = quantize(gradient, scale, rows, columns, dtype)
        print(f"{fp8_format} {scheme:>15}: to 0 {shares['underflow']:7.3%}, "
              f"subnormal {shares['subnormal']:7.3%}, saturated {shares['saturated']:6.3%}")

e4m3_lost, e5m2_lost = lost["e4m3"], lost["e5m2"]
assert e4m3_lost["no scaling"]["underflow"] > 0.5  # gradients are far below e4m3's range
# One scale for the whole tensor: the outlier channels set it, small tokens underflow.
assert e4m3_lost["per tensor"]["underflow"] > 0.01
# A scale per 1x128 tile or per 32 values (MX) follows each token's own magnitude.
for scheme in ("1x128 tiles", "MX, 1x32 blocks"):
    assert e4m3_lost[scheme]["underflow"] < e4m3_lost["per tensor"]["underflow"] / 20
    assert e4m3_lost[scheme]["subnormal"] < e4m3_lost["per tensor"]["subnormal"] / 5
# Scales from the block's own maximum never saturate; MX's power-of-two scale rounds
# down and lets a block's largest values reach up to 512 > 448, which clamps them.
for scheme in ("per tensor", "128x128 blocks", "1x128 tiles"):
    assert e4m3_lost[scheme]["saturated"] == e5m2_lost[scheme]["saturated"] == 0
assert e4m3_lost["MX, 1x32 blocks"]["saturated"] > 0
# e5m2's range holds this whole gradient under a single scale.
assert e5m2_lost["per tensor"]["underflow"] < 1e-4

# Casting past the top: PyTorch saturates e4m3fn at 448; TensorFlow and ml_dtypes give NaN.
assert torch.tensor([1000.0]).to(torch.float8_e4m3fn).item() == 448
